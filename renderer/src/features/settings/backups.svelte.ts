import type { BackupInfo, BackupPreview, RestoreOutcome } from '../../../../shared/api/areas/backups.ts';
import { api, valueOrToast } from '../../lib/api.ts';

/** The school file's backups: the list, each one's preview on demand, restore. */
export class BackupsState {
  folder = $state('');
  items = $state<BackupInfo[]>([]);
  loaded = $state(false);
  busy = $state(false);

  async load(): Promise<void> {
    const list = valueOrToast(await api.backups.list({}));
    if (list) {
      this.folder = list.folder;
      this.items = list.backups;
    }
    this.loaded = true;
  }

  async preview(name: string): Promise<BackupPreview | null> {
    return valueOrToast(await api.backups.preview({ name }));
  }

  async create(): Promise<BackupInfo | null> {
    this.busy = true;
    try {
      const created = valueOrToast(await api.backups.create({}));
      await this.load();
      return created;
    } finally {
      this.busy = false;
    }
  }

  async restore(name: string): Promise<RestoreOutcome | null> {
    this.busy = true;
    try {
      const outcome = valueOrToast(await api.backups.restore({ name }));
      await this.load();
      return outcome;
    } finally {
      this.busy = false;
    }
  }
}

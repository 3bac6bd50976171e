import type { SystemStatus } from '../../../../shared/api/areas/system.ts';
import { api, onEvent, valueOrToast } from '../../lib/api.ts';

/**
 * Where the school file is and whether it passed the start-up check. Read first: a damaged
 * file shows the recovery screen instead of the app, a locked one asks for its recovery key.
 */
class FileStatusState {
  status = $state<SystemStatus | null>(null);

  get damaged(): boolean {
    return this.status?.file.status === 'damaged';
  }

  /** Encrypted and no key fits here: the recovery key is asked instead of the app. */
  get locked(): boolean {
    return this.status?.file.status === 'locked';
  }

  get ready(): boolean {
    return this.status?.file.status === 'ok';
  }

  async refresh(): Promise<void> {
    this.status = valueOrToast(await api.system.status({})) ?? this.status;
  }

  start(): () => void {
    void this.refresh();
    return onEvent((event) => {
      if (event.type === 'data-changed' && event.area === 'school') void this.refresh();
    });
  }
}

export const fileStatus = new FileStatusState();

import type { SchoolInfo } from '../../../shared/api/areas/school.ts';
import { api, onEvent, valueOrToast } from '../lib/api.ts';

/** The open school file's identity, refreshed when settings or the school change. */
class SchoolState {
  info = $state<SchoolInfo | null>(null);

  async refresh(): Promise<void> {
    this.info = valueOrToast(await api.school.info({})) ?? this.info;
  }

  start(): () => void {
    void this.refresh();
    return onEvent((event) => {
      // Any change may make the demo go or come back, or real accounts appear (whose identity must be set).
      if (event.type === 'data-changed') void this.refresh();
    });
  }
}

export const school = new SchoolState();

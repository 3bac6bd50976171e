import type { SchoolFileState } from '../../shared/api/areas/system.ts';
import type { SchoolDb } from '../core/db/open.ts';
import { currentActor } from '../core/directory/journal.ts';
import { EventHub, JobRegistry } from './events.ts';

/**
 * Everything a handler may use. One per app session: opening another school file or restoring
 * a backup swaps `db`, `filePath` and `fileState` in place (read them per call, never keep them).
 */
export interface CoreContext {
  db: SchoolDb;
  filePath: string;
  /** Damaged: `db` is an empty in-memory stand-in and only recovery methods answer. */
  fileState: SchoolFileState;
  /** The clock is the one thing tests replace. */
  now: () => Date;
  actor: string;
  events: EventHub;
  jobs: JobRegistry;
}

export function createContext(db: SchoolDb, filePath: string, overrides: Partial<Pick<CoreContext, 'now' | 'actor' | 'fileState'>> = {}): CoreContext {
  const events = new EventHub();
  return {
    db,
    filePath,
    fileState: overrides.fileState ?? { status: 'ok' },
    now: overrides.now ?? (() => new Date()),
    actor: overrides.actor ?? currentActor(),
    events,
    jobs: new JobRegistry(events),
  };
}

import type { SchoolDb } from '../core/db/open.ts';
import { currentActor } from '../core/directory/journal.ts';
import { EventHub, JobRegistry } from './events.ts';

/** Everything a handler may use. One per open school file. */
export interface CoreContext {
  db: SchoolDb;
  filePath: string;
  /** The clock is the one thing tests replace. */
  now: () => Date;
  actor: string;
  events: EventHub;
  jobs: JobRegistry;
}

export function createContext(db: SchoolDb, filePath: string, overrides: Partial<Pick<CoreContext, 'now' | 'actor'>> = {}): CoreContext {
  const events = new EventHub();
  return {
    db,
    filePath,
    now: overrides.now ?? (() => new Date()),
    actor: overrides.actor ?? currentActor(),
    events,
    jobs: new JobRegistry(events),
  };
}

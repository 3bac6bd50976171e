import { setTimeout as delay } from 'node:timers/promises';
import type { SchoolFileState } from '../../shared/api/areas/system.ts';
import type { SchoolDb } from '../core/db/open.ts';
import { currentActor } from '../core/directory/journal.ts';
import { memorySecretStore, type SecretStore } from '../core/publipostage/mail/secrets.ts';
import type { Sleep } from '../core/publipostage/mail/campaign-runner.ts';
import type { SmtpEnvironment } from '../core/publipostage/mail/settings.ts';
import { EventHub, JobRegistry } from './events.ts';

export type { Sleep };

/** Waits, or gives up early when the signal aborts (then resolves: the caller checks the signal). */
export const realSleep: Sleep = (ms, signal) => delay(ms, undefined, { signal }).catch(() => undefined);

/**
 * Everything a handler may use. One per app session: opening another school file or restoring
 * a backup swaps `db`, `filePath` and `fileState` in place (read them per call, never keep them).
 */
export interface CoreContext {
  db: SchoolDb;
  filePath: string;
  /** Damaged: `db` is an empty in-memory stand-in and only recovery methods answer. */
  fileState: SchoolFileState;
  /** The clock is the one thing tests replace: `now`, and `sleep` for waits such as mail retries. */
  now: () => Date;
  sleep: Sleep;
  actor: string;
  events: EventHub;
  jobs: JobRegistry;
  /** Where the SMTP password is kept: safeStorage in Electron, memory elsewhere. */
  secrets: SecretStore;
  /** SESAME_SMTP_URL / SESAME_SMTP_FROM (CLI and web mode), or null. */
  smtpEnvironment: SmtpEnvironment | null;
}

export type ContextOverrides = Partial<Pick<CoreContext, 'now' | 'sleep' | 'actor' | 'fileState' | 'secrets' | 'smtpEnvironment'>>;

export function createContext(db: SchoolDb, filePath: string, overrides: ContextOverrides = {}): CoreContext {
  const events = new EventHub();
  return {
    db,
    filePath,
    fileState: overrides.fileState ?? { status: 'ok' },
    now: overrides.now ?? (() => new Date()),
    sleep: overrides.sleep ?? realSleep,
    actor: overrides.actor ?? currentActor(),
    events,
    jobs: new JobRegistry(events),
    secrets: overrides.secrets ?? memorySecretStore(),
    smtpEnvironment: overrides.smtpEnvironment ?? null,
  };
}

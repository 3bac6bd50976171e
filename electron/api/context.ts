import { setTimeout as delay } from 'node:timers/promises';
import type { SchoolFileState } from '../../shared/api/areas/system.ts';
import { noKeys, type SchoolKeyRing } from '../core/db/cipher.ts';
import type { SchoolDb } from '../core/db/open.ts';
import { currentActor } from '../core/directory/journal.ts';
import { memorySecretStore, type SecretStore } from '../core/publipostage/mail/secrets.ts';
import type { Sleep } from '../core/publipostage/mail/campaign-runner.ts';
import type { SmtpEnvironment } from '../core/publipostage/mail/settings.ts';
import { EventHub, JobRegistry } from './events.ts';

export type { Sleep };

/**
 * What only the desktop app can do, supplied by electron/main (shell.openPath…) and absent in
 * the web host and the CLI. The edge of the world for handlers: tests give a fake.
 */
export interface DesktopHooks {
  /** Opens a file with the system's application for its type (the PDF reader); rejects when none could. */
  openPath(path: string): Promise<void>;
  /** Prints a PDF through the system print dialog, when the shell knows how; resolves once printed or cancelled. */
  printPdf?(path: string): Promise<void>;
}

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
  /**
   * Makes the secret store of a school file (Electron: sealed in that file by safeStorage).
   * When set, `secrets` is made again each time another database is swapped in; else the
   * in-memory store lives as long as the session.
   */
  secretsFor: ((db: SchoolDb) => SecretStore) | null;
  /** Keys of encrypted school files: the system keychain (desktop), the given key (CLI, web mode), none (tests). */
  keys: SchoolKeyRing;
  /** The desktop shell's hooks (system PDF viewer, printing); null in the web host and the CLI. */
  desktop: DesktopHooks | null;
  /** SESAME_SMTP_URL / SESAME_SMTP_FROM (CLI and web mode), or null. */
  smtpEnvironment: SmtpEnvironment | null;
}

export type ContextOverrides = Partial<Pick<CoreContext, 'now' | 'sleep' | 'actor' | 'fileState' | 'secrets' | 'secretsFor' | 'smtpEnvironment' | 'desktop' | 'keys'>>;

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
    secrets: overrides.secrets ?? overrides.secretsFor?.(db) ?? memorySecretStore(),
    secretsFor: overrides.secretsFor ?? null,
    smtpEnvironment: overrides.smtpEnvironment ?? null,
    desktop: overrides.desktop ?? null,
    keys: overrides.keys ?? noKeys,
  };
}

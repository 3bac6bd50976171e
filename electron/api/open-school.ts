import { existsSync } from 'node:fs';
import type { SchoolFileState } from '../../shared/api/areas/system.ts';
import { dailyBackupIfDue } from '../core/db/backup.ts';
import { MissingKeyError, WrongKeyError } from '../core/db/cipher.ts';
import { DamagedSchoolFileError } from '../core/db/integrity.ts';
import { openSchoolFile, type SchoolDb } from '../core/db/open.ts';
import { countAccounts } from '../core/directory/accounts.ts';
import { currentActor } from '../core/directory/journal.ts';
import { markStartUpDone, startUpDoneToday, startUpMaintenance } from '../core/directory/maintenance.ts';
import { createContext, type ContextOverrides, type CoreContext } from './context.ts';

export interface OpenSchoolOptions {
  /**
   * First launch of the app: a brand-new school file gets the demo school. A file that exists
   * and is empty (emptied on purpose with « Tout effacer ») stays empty.
   */
  demoWhenEmpty?: boolean;
  /**
   * The app and the web host: a damaged file opens in recovery mode (an empty in-memory
   * stand-in, `fileState` damaged) instead of throwing, so the user is offered a restore.
   */
  recoverable?: boolean;
  /** The app and the web host: back the file up on the first start of each day. */
  dailyBackup?: boolean;
  /**
   * Scripted calls (the CLI): the start-up work — integrity check, daily backup, purge,
   * teachers' snapshot — is done by the first opening of the day only, app or script. The app
   * does it at each start.
   */
  startUpOncePerDay?: boolean;
  /** Told when the start-up work was done by this opening (the CLI's --verbose). */
  onStartUpWork?: (work: StartUpWork) => void;
  now?: () => Date;
  /** What the caller supplies to the context: the secret store, the SMTP environment… */
  context?: ContextOverrides;
}

interface OpenSteps extends OpenSchoolOptions {
  /** The file did not exist before this opening (first launch). */
  brandNew?: boolean;
}

export interface StartUpWork {
  /** The daily backup made, if one was due. */
  backup: string | null;
  /** Accounts pre-deleted more than 90 days ago, now deleted. */
  purged: number;
}

interface Opened {
  db: SchoolDb;
  fileState: SchoolFileState;
}

/** Opens a school file as the app does: the integrity check, the daily backup, then the start-up maintenance (90-day purge…). */
async function openOrRecover(filePath: string, options: OpenSteps, now: Date, actor: string): Promise<Opened> {
  let db: SchoolDb;
  try {
    const checkDue = options.startUpOncePerDay ? (candidate: SchoolDb) => !startUpDoneToday(candidate, now) : undefined;
    db = await openSchoolFile(filePath, { ...(options.context?.keys ? { keys: options.context.keys } : {}), ...(checkDue ? { checkDue } : {}) });
  } catch (error) {
    if (!options.recoverable) throw error;
    if (error instanceof DamagedSchoolFileError) {
      return { db: await openSchoolFile(':memory:'), fileState: { status: 'damaged', message: error.message, detail: error.detail } };
    }
    // A key problem is never taken for damage: the file is untouched and the recovery key opens it.
    if (error instanceof MissingKeyError || error instanceof WrongKeyError) {
      // The keychain's keys are this computer's, not a key the director gave: none fitting means « clé manquante ».
      const missing = error instanceof MissingKeyError || options.context?.keys?.keepsKeys === true;
      const message = missing ? new MissingKeyError().message : error.message;
      return { db: await openSchoolFile(':memory:'), fileState: { status: 'locked', reason: missing ? 'missing-key' : 'wrong-key', message } };
    }
    throw error;
  }
  try {
    if (options.startUpOncePerDay && startUpDoneToday(db, now)) return { db, fileState: { status: 'ok' } };
    const isNew = countAccounts(db) === 0;
    const backup = (options.dailyBackup || options.startUpOncePerDay) && !isNew ? await dailyBackupIfDue(db, filePath, now) : null;
    if (options.demoWhenEmpty && options.brandNew && isNew) (await import('../core/directory/demo-school.ts')).loadDemoSchool(db, now);
    const { purged } = startUpMaintenance(db, now, actor);
    if (filePath !== ':memory:') markStartUpDone(db, now);
    options.onStartUpWork?.({ backup, purged });
    return { db, fileState: { status: 'ok' } };
  } catch (error) {
    db.close();
    throw error;
  }
}

export async function openSchool(filePath: string, options: OpenSchoolOptions = {}): Promise<CoreContext> {
  const now = options.now ?? (() => new Date());
  const actor = currentActor();
  const brandNew = filePath === ':memory:' || !existsSync(filePath);
  const { db, fileState } = await openOrRecover(filePath, { ...options, brandNew }, now(), actor);
  return createContext(db, filePath, { now, fileState, actor, ...options.context });
}

/**
 * Puts another database in the session (restore, recovery, another school): its own secret
 * store (the password sealed in that file, never the previous school's), then clients refresh.
 */
export function swapSchool(context: CoreContext, db: SchoolDb, filePath: string, fileState: SchoolFileState = { status: 'ok' }): void {
  const previous = context.db;
  context.db = db;
  context.filePath = filePath;
  context.fileState = fileState;
  if (context.secretsFor) context.secrets = context.secretsFor(db);
  if (previous !== db && previous.open) previous.close();
  context.events.emit({ type: 'data-changed', area: 'school' });
}

/**
 * Opens another school file in the running session (« Ouvrir », « Nouvelle école », the recent
 * list). The current file stays open if the other one cannot be opened (newer Sésame…); a damaged
 * one opens in recovery mode.
 */
export async function switchSchool(context: CoreContext, filePath: string, options: Pick<OpenSchoolOptions, 'dailyBackup'> = {}): Promise<void> {
  const { db, fileState } = await openOrRecover(filePath, { ...options, context: { keys: context.keys }, recoverable: true, brandNew: false }, context.now(), context.actor);
  swapSchool(context, db, filePath, fileState);
}

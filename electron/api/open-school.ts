import { existsSync } from 'node:fs';
import type { SchoolFileState } from '../../shared/api/areas/system.ts';
import { dailyBackupIfDue } from '../core/db/backup.ts';
import { DamagedSchoolFileError } from '../core/db/integrity.ts';
import { openSchoolFile, type SchoolDb } from '../core/db/open.ts';
import { countAccounts } from '../core/directory/accounts.ts';
import { loadDemoSchool } from '../core/directory/demo-school.ts';
import { createContext, type CoreContext } from './context.ts';

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
  now?: () => Date;
}

interface Opened {
  db: SchoolDb;
  fileState: SchoolFileState;
}

async function openOrRecover(filePath: string, options: OpenSchoolOptions, now: Date): Promise<Opened> {
  try {
    const db = await openSchoolFile(filePath);
    if (options.dailyBackup && countAccounts(db) > 0) await dailyBackupIfDue(db, filePath, now);
    return { db, fileState: { status: 'ok' } };
  } catch (error) {
    if (!options.recoverable || !(error instanceof DamagedSchoolFileError)) throw error;
    return { db: await openSchoolFile(':memory:'), fileState: { status: 'damaged', message: error.message, detail: error.detail } };
  }
}

export async function openSchool(filePath: string, options: OpenSchoolOptions = {}): Promise<CoreContext> {
  const now = options.now ?? (() => new Date());
  const isNew = filePath === ':memory:' || !existsSync(filePath);
  const { db, fileState } = await openOrRecover(filePath, options, now());
  const context = createContext(db, filePath, { now, fileState });
  if (options.demoWhenEmpty && isNew && countAccounts(db) === 0) loadDemoSchool(db, context.now());
  return context;
}

/** Puts another database in the session (restore, recovery, another school): clients refresh. */
export function swapSchool(context: CoreContext, db: SchoolDb, filePath: string, fileState: SchoolFileState = { status: 'ok' }): void {
  const previous = context.db;
  context.db = db;
  context.filePath = filePath;
  context.fileState = fileState;
  if (previous !== db && previous.open) previous.close();
  context.events.emit({ type: 'data-changed', area: 'school' });
}

/**
 * Opens another school file in the running session (« Ouvrir », « Nouvelle école », the recent
 * list). The current file stays open if the other one cannot be opened (newer Sésame…); a damaged
 * one opens in recovery mode.
 */
export async function switchSchool(context: CoreContext, filePath: string, options: Pick<OpenSchoolOptions, 'dailyBackup'> = {}): Promise<void> {
  const { db, fileState } = await openOrRecover(filePath, { ...options, recoverable: true }, context.now());
  swapSchool(context, db, filePath, fileState);
}

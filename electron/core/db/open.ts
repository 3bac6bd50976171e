import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { backupSchoolFile } from './backup.ts';
import { assertSound } from './integrity.ts';
import { applyMigrations, migrations, pendingMigrations, schemaVersion, type Migration } from './migrate.ts';

export type SchoolDb = Database.Database;

export interface OpenOptions {
  /** Skip the pre-migration backup (in-memory and throw-away test files). */
  backup?: boolean;
  /** The migrations to bring the file to (tests of the runner itself). */
  migrations?: readonly Migration[];
}

function configure(db: SchoolDb, inMemory: boolean): void {
  if (!inMemory) db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
}

/**
 * Opens (or creates) a school file and brings its schema up to date. An existing file is
 * checked first (`PRAGMA quick_check`, before anything is written to it: a damaged file throws
 * DamagedSchoolFileError untouched); a file written by a newer Sésame is refused untouched;
 * an existing file is backed up before it is migrated.
 */
export async function openSchoolFile(path: string, options: OpenOptions = {}): Promise<SchoolDb> {
  const inMemory = path === ':memory:';
  if (!inMemory) mkdirSync(dirname(path), { recursive: true });
  const existed = !inMemory && existsSync(path);
  const db = new Database(path);
  try {
    // Checked before anything is written: even switching to WAL would rewrite the file's header.
    if (existed) assertSound(db);
    const pending = pendingMigrations(db, options.migrations ?? migrations);
    configure(db, inMemory);
    if (pending.length > 0 && existed && schemaVersion(db) > 0 && options.backup !== false) {
      await backupSchoolFile(db, path, 'migration');
    }
    applyMigrations(db, pending);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

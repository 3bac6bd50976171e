import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { backupSchoolFile } from './backup.ts';
import { applyKey, fileEncryption, keyFits, MissingKeyError, noKeys, WrongKeyError, type SchoolKeyRing } from './cipher.ts';
import { assertSound } from './integrity.ts';
import { applyMigrations, migrations, pendingMigrations, schemaVersion, type Migration } from './migrate.ts';

export type SchoolDb = Database.Database;

export interface OpenOptions {
  /** Skip the pre-migration backup (in-memory and throw-away test files). */
  backup?: boolean;
  /** The migrations to bring the file to (tests of the runner itself). */
  migrations?: readonly Migration[];
  /** Keys to open an encrypted file with, and the key of a new file (none: plain). */
  keys?: SchoolKeyRing;
  /**
   * Whether `PRAGMA quick_check` is due on this existing file (default: always). Scripted CLI
   * calls check once a day: on a big school the check is most of what a call costs.
   */
  checkDue?: (db: SchoolDb) => boolean;
}

function configure(db: SchoolDb, inMemory: boolean): void {
  if (!inMemory) db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
}

/**
 * A connection to an existing school file, keyed when the file is encrypted: each key of the
 * ring is tried (a wrong key reads nothing and writes nothing). Throws MissingKeyError when no
 * key was at hand, WrongKeyError when none fits. The file is left byte for byte as it was.
 */
export function connectSchoolFile(path: string, keys: SchoolKeyRing = noKeys, options: Database.Options = {}): SchoolDb {
  if (fileEncryption(path) !== 'encrypted') return new Database(path, options);
  const candidates = keys.keys();
  if (candidates.length === 0) throw new MissingKeyError();
  for (const key of candidates) {
    const db = new Database(path, options);
    try {
      applyKey(db, key);
      if (keyFits(db)) {
        keys.remember(key);
        return db;
      }
    } catch (error) {
      db.close();
      throw error;
    }
    db.close();
  }
  throw new WrongKeyError();
}

/** A brand-new file (absent, or empty), keyed by the ring's key for new files when it has one. */
function createSchoolFile(path: string, keys: SchoolKeyRing): SchoolDb {
  const db = new Database(path);
  const key = keys.keyForNewFile();
  if (key) {
    applyKey(db, key);
    keys.remember(key);
  }
  return db;
}

/**
 * Opens (or creates) a school file and brings its schema up to date. An existing file is
 * checked first (its key, then `PRAGMA quick_check`, before anything is written to it: a missing
 * or wrong key, or a damaged file, throws with the file untouched); a file written by a newer
 * Sésame is refused untouched; an existing file is backed up before it is migrated.
 */
export async function openSchoolFile(path: string, options: OpenOptions = {}): Promise<SchoolDb> {
  const inMemory = path === ':memory:';
  if (!inMemory) mkdirSync(dirname(path), { recursive: true });
  const keys = options.keys ?? noKeys;
  const existed = !inMemory && existsSync(path) && fileEncryption(path) !== 'empty';
  const db = existed ? connectSchoolFile(path, keys) : inMemory ? new Database(path) : createSchoolFile(path, keys);
  try {
    // Checked before anything is written: even switching to WAL would rewrite the file's header.
    if (existed && (options.checkDue?.(db) ?? true)) assertSound(db);
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

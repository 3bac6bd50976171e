import type { Database } from 'better-sqlite3-multiple-ciphers';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { DamagedSchoolFileError, isDamageError } from './integrity.ts';
import type { SchoolKey } from './school-key.ts';

/*
 * Encryption at rest with SQLite3 Multiple Ciphers in its SQLCipher 4 scheme (AES-256-CBC, HMAC-
 * SHA512 per page): the file, its WAL and every copy made with VACUUM INTO are encrypted. The key
 * is given raw (x'…', 256 bits of randomness), so no passphrase stretching runs at each opening.
 * The key never appears in a message, a log line or the journal: only in the PRAGMA below.
 */

/** A plain SQLite file starts with these 16 bytes; an encrypted one starts with its random salt. */
const plainHeader = Buffer.from('SQLite format 3\0', 'latin1');

/** The key to try on encrypted school files, and the one a new file gets. */
export interface SchoolKeyRing {
  /** Keys to try, newest first (a keychain keeps older keys: older backups need them). */
  keys(): SchoolKey[];
  /** Keeps a key that opened or created a file (the desktop keychain; a no-op where nothing is kept). */
  remember(key: SchoolKey): void;
  /** The key of a brand-new school file, or null: the file is then created plain. */
  keyForNewFile(): SchoolKey | null;
  /** Keys are kept on this computer (the system keychain): new keys can be made here. */
  readonly keepsKeys?: boolean;
}

/** No keys: every new file plain, encrypted files refused (« clé manquante »). */
export const noKeys: SchoolKeyRing = { keys: () => [], remember: () => undefined, keyForNewFile: () => null };

/** The CLI and web mode: the key given (SESAME_KEY, --key-file), which new files take, then any recovery key typed in this session. */
export function sessionRing(given: SchoolKey | null): SchoolKeyRing {
  let held: SchoolKey[] = given ? [given] : [];
  return {
    keys: () => [...held],
    remember(key) {
      if (!held.some((other) => other.equals(key))) held = [key, ...held];
    },
    keyForNewFile: () => given,
  };
}

export class MissingKeyError extends Error {
  constructor() {
    super('Clé manquante : ce fichier d’école est chiffré et Sésame n’a pas sa clé sur cet ordinateur. Saisissez la clé de secours imprimée à la création du fichier. Le fichier n’a pas été modifié.');
    this.name = 'MissingKeyError';
  }
}

export class WrongKeyError extends Error {
  constructor() {
    super('Clé incorrecte : cette clé n’ouvre pas ce fichier d’école. Vérifiez la clé de secours (celle de ce fichier-ci, pas d’une autre école). Le fichier n’a pas été modifié.');
    this.name = 'WrongKeyError';
  }
}

export type FileEncryption = 'plain' | 'encrypted' | 'empty';

/**
 * Reads a file's first bytes: plain SQLite, encrypted, or empty (a new file). A plain file whose
 * first bytes were overwritten still has bytes 21–23 at 64, 32, 32 (fixed by the file format),
 * so it is taken as a damaged plain file, not as an encrypted one asking for a key.
 */
export function fileEncryption(path: string): FileEncryption {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(24);
    const read = readSync(fd, head, 0, head.length, 0);
    if (read === 0) return 'empty';
    if (read >= plainHeader.length && head.subarray(0, plainHeader.length).equals(plainHeader)) return 'plain';
    // An encrypted file is whole pages (4096 bytes and more): anything shorter is for SQLite to judge.
    if (fstatSync(fd).size >= 512) return head[21] === 64 && head[22] === 32 && head[23] === 32 ? 'plain' : 'encrypted';
    return 'plain';
  } finally {
    closeSync(fd);
  }
}

const keys = new WeakMap<Database, SchoolKey>();

/** The key a connection was opened with, or null for a plain file. */
export function keyOf(db: Database): SchoolKey | null {
  return keys.get(db) ?? null;
}

function keyLiteral(key: SchoolKey): string {
  return `"x'${key.toString('hex')}'"`;
}

/** Sets the cipher scheme (before the key: SQLite3 Multiple Ciphers reads it at keying). */
export function useSqlCipher(db: Database): void {
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
}

/** Gives a fresh connection its key. Reads nothing: call canRead() to know whether the key fits. */
export function applyKey(db: Database, key: SchoolKey): void {
  useSqlCipher(db);
  db.pragma(`key = ${keyLiteral(key)}`);
  keys.set(db, key);
}

/** Re-encrypts an open database in place (an empty key: decrypts); journal mode must not be WAL. */
export function changeKey(db: Database, key: SchoolKey | null): void {
  useSqlCipher(db);
  db.pragma(`rekey = ${key ? keyLiteral(key) : "''"}`);
  if (key) keys.set(db, key);
  else keys.delete(db);
}

/**
 * Whether page 1 decrypts: SQLCipher authenticates every page, so a wrong key fails here with
 * SQLITE_NOTADB. A file damaged further on passes here and fails the integrity check instead
 * (a truncated file reports SQLITE_CORRUPT): a wrong key is never taken for a damaged file.
 */
export function keyFits(db: Database): boolean {
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'SQLITE_NOTADB') return false;
    if (isDamageError(error)) throw new DamagedSchoolFileError((error as Error).message);
    throw error;
  }
}

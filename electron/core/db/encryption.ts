import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, existsSync, fstatSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomFillSync } from 'node:crypto';
import { backupSchoolFile, listBackups } from './backup.ts';
import { applyKey, changeKey, keyOf, sessionRing } from './cipher.ts';
import { assertSound } from './integrity.ts';
import { connectSchoolFile, type SchoolDb } from './open.ts';
import type { SchoolKey } from './school-key.ts';

const companions = ['-wal', '-shm', '-journal'];

/**
 * Overwrites a file with random bytes, flushes, then deletes it: as far as the OS allows. An SSD
 * (wear levelling), a copy-on-write file system (APFS, Btrfs) or a sync client may still hold
 * the old blocks: the director is told so.
 */
export function shredFile(path: string): void {
  if (!existsSync(path)) return;
  overwrite(openSync(path, 'r+'));
  rmSync(path, { force: true });
}

function overwrite(fd: number): void {
  try {
    const chunk = Buffer.alloc(1 << 16);
    const size = fstatSync(fd).size;
    for (let offset = 0; offset < size; offset += chunk.length) {
      randomFillSync(chunk);
      writeSync(fd, chunk, 0, Math.min(chunk.length, size - offset), offset);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes `db`'s contents to `target` under another key (null: plain). VACUUM INTO takes a
 * consistent snapshot under the current key; the copy is then re-keyed with its rollback journal
 * in memory, so no page of it is written twice to disk under two keys; then checked.
 */
export function reencryptInto(db: SchoolDb, target: string, toKey: SchoolKey | null): void {
  rmSync(target, { force: true });
  try {
    db.prepare('VACUUM INTO ?').run(target);
    const copy = new Database(target);
    try {
      const fromKey = keyOf(db);
      if (fromKey) applyKey(copy, fromKey);
      copy.pragma('journal_mode = MEMORY');
      if (fromKey || toKey) changeKey(copy, toKey);
      copy.pragma('journal_mode = WAL');
    } finally {
      copy.close();
    }
    const check = connectSchoolFile(target, sessionRing(toKey), { readonly: true });
    try {
      assertSound(check);
      const version = (source: SchoolDb) => source.pragma('user_version', { simple: true });
      if (version(check) !== version(db)) throw new Error('re-encrypted copy differs from its source');
    } finally {
      check.close();
    }
  } catch (error) {
    rmSync(target, { force: true });
    throw error;
  }
}

/**
 * Puts `replacement` in place of `path` in one rename (atomic on every system we ship to). When
 * the old contents were plain, they are overwritten through a handle kept open across the
 * rename, so the old blocks do not linger as free space holding names and codes.
 */
export function swapInPlace(path: string, replacement: string, shredOld: boolean): void {
  const handle = shredOld && existsSync(path) ? openSync(path, 'r+') : null;
  try {
    renameSync(replacement, path);
  } catch (error) {
    if (handle !== null) closeSync(handle);
    throw error;
  }
  if (handle !== null) overwrite(handle);
}

export interface KeyChange {
  /** The backup made first, under the old key (deleted after an encryption: it was plain). */
  backup: string | null;
  /** Plain backups still in the backup folder (made before): the director decides. */
  plainBackups: string[];
}

/**
 * Encrypts, decrypts or re-keys the open school file: backup first, a verified re-encrypted copy,
 * then an atomic swap. `db` is closed; the caller opens the file again with the new key.
 * From plain to encrypted, the plain backup made first is shredded once the swap is done.
 */
export async function changeSchoolFileKey(db: SchoolDb, schoolFile: string, toKey: SchoolKey | null, now: Date): Promise<KeyChange> {
  const wasPlain = keyOf(db) === null;
  const backup = await backupSchoolFile(db, schoolFile, 'encryption', now);
  const replacement = `${schoolFile}.chiffrement`;
  reencryptInto(db, replacement, toKey);
  db.close();
  for (const suffix of companions) rmSync(schoolFile + suffix, { force: true });
  swapInPlace(schoolFile, replacement, wasPlain);
  const shredBackup = wasPlain && toKey !== null;
  if (shredBackup) shredFile(backup);
  return { backup: shredBackup ? null : backup, plainBackups: listBackups(schoolFile).filter((entry) => !entry.encrypted).map((entry) => entry.path) };
}

/** Encrypts one plain backup in place with `key` (the offer for backups made before encryption). */
export function encryptBackupFile(path: string, key: SchoolKey): void {
  const source = new Database(path, { readonly: true });
  const replacement = `${path}.chiffrement`;
  try {
    reencryptInto(source, replacement, key);
  } finally {
    source.close();
  }
  // A backup is a one-file rollback-journal copy: back to that shape.
  const copy = connectSchoolFile(replacement, sessionRing(key));
  copy.pragma('journal_mode = DELETE');
  copy.close();
  swapInPlace(path, replacement, true);
}

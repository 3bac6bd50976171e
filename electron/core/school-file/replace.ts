import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { backupSchoolFile } from '../db/backup.ts';
import type { SchoolKeyRing } from '../db/cipher.ts';
import { openSchoolFile, type SchoolDb } from '../db/open.ts';

/** SQLite's companions of a school file: a stale one must never meet another database. */
const companions = ['-wal', '-shm', '-journal'];

function stamp(date: Date): string {
  return date.toISOString().replace(/[:]/g, '-').replace(/\..+$/, '');
}

/**
 * Moves a damaged school file (and its -wal/-shm) aside, beside it, under a name that says so.
 * It is never deleted: a technician may still salvage it. Returns its new path.
 */
export function setSchoolFileAside(schoolFile: string, now: Date): string {
  let aside = `${schoolFile}.endommage-${stamp(now)}`;
  for (let n = 2; existsSync(aside); n++) aside = `${schoolFile}.endommage-${stamp(now)}-${n}`;
  if (existsSync(schoolFile)) renameSync(schoolFile, aside);
  for (const suffix of companions) {
    if (existsSync(schoolFile + suffix)) renameSync(schoolFile + suffix, aside + suffix);
  }
  return aside;
}

export interface Replacement {
  db: SchoolDb;
  /** The backup of the replaced file, or the damaged file set aside. */
  previousFile: string;
}

/**
 * Puts a backup in place of the school file and opens it (migrating it if it is older).
 * The chosen backup is copied first, so the safety backup's rotation cannot remove it; then the
 * current file is backed up (sound) or set aside (damaged, `current` null), closed and replaced.
 */
export async function replaceSchoolFile(current: SchoolDb | null, schoolFile: string, backupPath: string, now: Date, keys?: SchoolKeyRing): Promise<Replacement> {
  const incoming = `${schoolFile}.restauration`;
  copyFileSync(backupPath, incoming);
  try {
    let previousFile: string;
    if (current) {
      previousFile = await backupSchoolFile(current, schoolFile, 'restore', now);
      current.close();
      for (const suffix of companions) rmSync(schoolFile + suffix, { force: true });
    } else {
      previousFile = setSchoolFileAside(schoolFile, now);
    }
    renameSync(incoming, schoolFile);
    return { db: await openSchoolFile(schoolFile, keys ? { keys } : {}), previousFile };
  } finally {
    rmSync(incoming, { force: true });
  }
}

/** Recovery without a backup: the damaged file goes aside, an empty school file takes its place. */
export async function startAfresh(schoolFile: string, now: Date, keys?: SchoolKeyRing): Promise<Replacement> {
  const previousFile = setSchoolFileAside(schoolFile, now);
  return { db: await openSchoolFile(schoolFile, keys ? { keys } : {}), previousFile };
}

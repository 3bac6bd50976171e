import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
// From the domain, not the API area: opening a school file must not build the API's schemas.
import { backupReasons, type BackupReason } from '../../../shared/domain/backups.ts';
import { applyKey, fileEncryption, keyOf } from './cipher.ts';

export type { BackupReason };

export interface BackupFile {
  /** File name inside the backup folder: the backup's identity across the API. */
  name: string;
  path: string;
  createdAt: Date;
  reason: BackupReason;
  sizeBytes: number;
  /** False for a backup made before the school file was encrypted: it gives everything away. */
  encrypted: boolean;
}

/** The last ten backups are kept, plus the newest of every month before them. */
export const keepLastBackups = 10;

/** Where the backups of a school file live: a folder beside it. */
export function backupDirFor(schoolFile: string): string {
  return `${schoolFile}.sauvegardes`;
}

/** UTC, to the second, safe in file names on every system: 2025-09-01T08-30-00. */
function stamp(date: Date): string {
  return date.toISOString().replace(/[:]/g, '-').replace(/\..+$/, '');
}

const backupName = new RegExp(`-(\\d{4}-\\d{2}-\\d{2})T(\\d{2})-(\\d{2})-(\\d{2})-(${backupReasons.join('|')})(?:-\\d+)?\\.db$`);

/** Reads a backup's date and reason back from its name; null for any other file. */
export function parseBackupName(name: string): { createdAt: Date; reason: BackupReason } | null {
  const match = backupName.exec(name);
  if (!match) return null;
  const [, day, hours, minutes, seconds, reason] = match;
  const createdAt = new Date(`${day}T${hours}:${minutes}:${seconds}Z`);
  return Number.isNaN(createdAt.getTime()) ? null : { createdAt, reason: reason as BackupReason };
}

/** The backups of a school file, newest first. Files we did not name are ignored. */
export function listBackups(schoolFile: string): BackupFile[] {
  const dir = backupDirFor(schoolFile);
  if (!existsSync(dir)) return [];
  const backups: BackupFile[] = [];
  for (const name of readdirSync(dir)) {
    const parsed = parseBackupName(name);
    if (!parsed) continue;
    const path = join(dir, name);
    const stats = statSync(path, { throwIfNoEntry: false });
    if (!stats?.isFile()) continue;
    backups.push({ name, path, ...parsed, sizeBytes: stats.size, encrypted: stats.size > 0 && fileEncryption(path) === 'encrypted' });
  }
  return backups.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.name.localeCompare(a.name));
}

/** Rotation, as a pure choice: keep the newest `keepLast`, and the newest of each month. */
export function backupsToDelete<B extends Pick<BackupFile, 'createdAt' | 'name'>>(backups: readonly B[], keepLast = keepLastBackups): B[] {
  const newestFirst = [...backups].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.name.localeCompare(a.name));
  const kept = new Set(newestFirst.slice(0, keepLast));
  const months = new Set<string>();
  for (const backup of newestFirst) {
    const month = backup.createdAt.toISOString().slice(0, 7);
    if (months.has(month)) continue;
    months.add(month);
    kept.add(backup);
  }
  return newestFirst.filter((backup) => !kept.has(backup));
}

/** Deletes the backups the rotation no longer keeps; returns their names. */
export function rotateBackups(schoolFile: string, keepLast = keepLastBackups): string[] {
  const doomed = backupsToDelete(listBackups(schoolFile), keepLast);
  for (const backup of doomed) rmSync(backup.path, { force: true });
  return doomed.map((backup) => backup.name);
}

/**
 * A consistent, self-contained copy of an open school file: VACUUM INTO (a snapshot, safe with
 * WAL and concurrent readers; the backup API refuses an encrypted source) into a temporary name,
 * encrypted with the same key as the school file, switched to a rollback journal so the copy is
 * one file with no -wal beside it, then renamed into place.
 */
export async function copySchoolFile(db: Database.Database, target: string): Promise<void> {
  const partial = `${target}.partiel`;
  rmSync(partial, { force: true });
  try {
    db.prepare('VACUUM INTO ?').run(partial);
    const copy = new Database(partial);
    try {
      const key = keyOf(db);
      if (key) applyKey(copy, key);
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

function freeBackupPath(dir: string, base: string): string {
  let candidate = join(dir, `${base}.db`);
  for (let n = 2; existsSync(candidate); n++) candidate = join(dir, `${base}-${n}.db`);
  return candidate;
}

/**
 * Backs the school file up into its backup folder, then rotates the folder.
 * Called before migrations, imports, bulk changes and restores, and daily. Returns the copy's path.
 */
export async function backupSchoolFile(
  db: Database.Database,
  schoolFile: string,
  reason: BackupReason,
  now: Date = new Date(),
): Promise<string> {
  const dir = backupDirFor(schoolFile);
  mkdirSync(dir, { recursive: true });
  const name = basename(schoolFile, extname(schoolFile));
  const target = freeBackupPath(dir, `${name}-${stamp(now)}-${reason}`);
  await copySchoolFile(db, target);
  rotateBackups(schoolFile);
  return target;
}

function sameLocalDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** The first start of each day leaves a backup (any backup made that day counts). */
export async function dailyBackupIfDue(db: Database.Database, schoolFile: string, now: Date = new Date()): Promise<string | null> {
  const latest = listBackups(schoolFile)[0];
  if (latest && sameLocalDay(latest.createdAt, now)) return null;
  return backupSchoolFile(db, schoolFile, 'daily', now);
}

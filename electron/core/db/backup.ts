import type { Database } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';

export type BackupReason = 'migration' | 'import' | 'bulk' | 'daily' | 'manual' | 'restore';

/** Where the backups of a school file live: a folder beside it. */
export function backupDirFor(schoolFile: string): string {
  return `${schoolFile}.sauvegardes`;
}

function stamp(date: Date): string {
  return date.toISOString().replace(/[:]/g, '-').replace(/\..+$/, '');
}

/**
 * A consistent copy through SQLite's online backup API (safe with WAL and open readers).
 * Returns the path of the copy.
 */
export async function backupSchoolFile(
  db: Database,
  schoolFile: string,
  reason: BackupReason,
  now: Date = new Date(),
): Promise<string> {
  const dir = backupDirFor(schoolFile);
  mkdirSync(dir, { recursive: true });
  const name = basename(schoolFile, extname(schoolFile));
  const target = join(dir, `${name}-${stamp(now)}-${reason}.db`);
  await db.backup(target);
  return target;
}

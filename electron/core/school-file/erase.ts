import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { listBackups } from '../db/backup.ts';
import type { SchoolDb } from '../db/open.ts';

/**
 * « Tout effacer », end of the school year: every row of every table but the school's
 * settings (identity, ENT, letter texts: no personal data) is deleted, then the file is rebuilt
 * (VACUUM) and its WAL truncated, so no erased page survives on disk.
 * Returns how many accounts were erased.
 */
export function eraseSchoolData(db: SchoolDb): number {
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'setting'")
    .pluck()
    .all() as string[];
  const accounts = db.prepare('SELECT count(*) FROM account').pluck().get() as number;
  db.transaction(() => {
    // Every table is emptied: the order of deletions must not trip a foreign key midway.
    db.pragma('defer_foreign_keys = ON');
    for (const table of tables) db.exec(`DELETE FROM "${table.replaceAll('"', '""')}"`);
  })();
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
  return accounts;
}

/** Deletes the school file's backups and any damaged copy set aside beside it. */
export function deleteBackupsOf(schoolFile: string): number {
  const backups = listBackups(schoolFile);
  for (const backup of backups) rmSync(backup.path, { force: true });
  const asidePrefix = `${basename(schoolFile)}.endommage-`;
  let setAside = 0;
  for (const name of readdirSync(dirname(schoolFile))) {
    if (!name.startsWith(asidePrefix)) continue;
    rmSync(join(dirname(schoolFile), name), { force: true });
    setAside++;
  }
  return backups.length + setAside;
}

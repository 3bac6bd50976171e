import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { listBackups } from '../db/backup.ts';
import type { SchoolDb } from '../db/open.ts';

/**
 * « Tout effacer », end of the school year: every row of every table but the school's
 * settings (identity, ENT, letter texts: no personal data) is deleted, full-text indexes are
 * rebuilt empty, then the file is rebuilt (VACUUM) and its WAL truncated, so no erased page
 * survives on disk.
 * Returns how many accounts were erased.
 */
export function eraseSchoolData(db: SchoolDb): number {
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const tables = (db.pragma('table_list') as { schema: string; name: string; type: string }[]).filter(
    (table) => table.schema === 'main' && !table.name.startsWith('sqlite_') && table.name !== 'setting',
  );
  // Full-text indexes keep deleted words in their segments until rebuilt.
  const fullText = tables.filter(
    (table) => table.type === 'virtual' && /USING\s+fts5/i.test(db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').pluck().get(table.name) as string),
  );
  const accounts = db.prepare('SELECT count(*) FROM account').pluck().get() as number;
  db.transaction(() => {
    // Every ordinary table is emptied (triggers keep the indexes in step): the order of
    // deletions must not trip a foreign key midway.
    db.pragma('defer_foreign_keys = ON');
    for (const table of tables.filter((each) => each.type === 'table')) db.exec(`DELETE FROM ${quote(table.name)}`);
    for (const index of fullText) db.exec(`INSERT INTO ${quote(index.name)} (${quote(index.name)}) VALUES ('rebuild')`);
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

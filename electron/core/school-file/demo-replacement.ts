import type { SchoolDb } from '../db/open.ts';
import { stmt } from '../db/statements.ts';
import { UserError } from '../errors.ts';
import { defaultSchoolSettings } from '../../../shared/domain/settings.ts';

/**
 * A school file's demo and the real school never share it (a sheet with the demo's name, or a
 * demo account « modified » by a real one, is the trap): the first import of real files
 * replaces the demo, in the import's own transaction, and undoing the import brings it back.
 */

/** Whether the file holds the « École de démonstration » (its accounts say so). */
export function holdsDemoSchool(db: SchoolDb): boolean {
  return stmt<[], number>(db, "SELECT EXISTS (SELECT 1 FROM account WHERE source = 'DEMO')").pluck().get() === 1;
}

/** Every row the demo had, table by table, and its school identity: what undo puts back. */
export interface DemoSnapshot {
  tables: Record<string, Record<string, unknown>[]>;
  /** Identity settings (JSON text as stored) the demo had; absent keys were unset. */
  settings: Record<string, string>;
}

// Kept across the replacement: the import history (the replacing run is written there), the
// search index (it follows the account table through its triggers) and SQLite's own tables.
const kept = (name: string) => name === 'setting' || name === 'import_run' || name.startsWith('account_fts') || name.startsWith('sqlite_');

function dataTables(db: SchoolDb): string[] {
  return (db.pragma('table_list') as { schema: string; name: string; type: string }[])
    .filter((table) => table.schema === 'main' && table.type === 'table' && !kept(table.name))
    .map((table) => table.name);
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const identityKeys = Object.keys(defaultSchoolSettings);

/**
 * Empties every table of the directory (accounts, classes, links, journal, hand-out marks,
 * mailings…) and unsets the school identity, returning all of it. Runs inside the caller's
 * transaction; foreign keys are checked at its commit.
 */
export function removeDemoSchool(db: SchoolDb): DemoSnapshot {
  db.pragma('defer_foreign_keys = ON');
  const snapshot: DemoSnapshot = { tables: {}, settings: {} };
  const tables = dataTables(db);
  // Every table is read before any is emptied: deleting accounts cascades to the rows that refer to them.
  for (const table of tables) snapshot.tables[table] = stmt<[], Record<string, unknown>>(db, `SELECT * FROM ${quote(table)}`).all();
  for (const table of tables) stmt(db, `DELETE FROM ${quote(table)}`).run();
  for (const key of identityKeys) {
    const value = stmt<[string], string>(db, 'SELECT value FROM setting WHERE key = ?').pluck().get(key);
    if (value !== undefined) snapshot.settings[key] = value;
  }
  stmt(db, `DELETE FROM setting WHERE key IN (SELECT value FROM json_each(?))`).run(JSON.stringify(identityKeys));
  return snapshot;
}

/**
 * Puts the demo back as it was (undo of the import that replaced it), once that import's own
 * accounts and classes are gone. Inside the caller's transaction.
 */
export function restoreDemoSchool(db: SchoolDb, snapshot: DemoSnapshot): void {
  db.pragma('defer_foreign_keys = ON');
  const present = new Set(dataTables(db));
  const insertAll = (table: string, rows: Record<string, unknown>[], withoutId = false) => {
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0] as Record<string, unknown>).filter((column) => !(withoutId && column === 'id'));
    const insert = stmt(db, `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`);
    for (const row of rows) insert.run(Object.fromEntries(columns.map((column) => [column, row[column]])));
  };
  for (const [table, rows] of Object.entries(snapshot.tables)) {
    if (!present.has(table)) continue;
    // The journal is read in id order: what was written since the demo went follows its entries again.
    const since = table === 'journal' ? stmt<[], Record<string, unknown>>(db, 'SELECT * FROM journal ORDER BY id').all() : [];
    if (since.length > 0) stmt(db, 'DELETE FROM journal').run();
    try {
      insertAll(table, rows);
    } catch (error) {
      if (!(error instanceof Error && /UNIQUE|PRIMARY KEY/.test(error.message))) throw error;
      throw new UserError(
        'conflict',
        'L’école de démonstration ne peut pas être remise : des données ont été ajoutées depuis cet import. Restaurez plutôt la sauvegarde faite juste avant lui (Paramètres › Sauvegardes).',
      );
    }
    insertAll(table, since, true);
  }
  stmt(db, `DELETE FROM setting WHERE key IN (SELECT value FROM json_each(?))`).run(JSON.stringify(identityKeys));
  for (const [key, value] of Object.entries(snapshot.settings)) stmt(db, 'INSERT INTO setting (key, value) VALUES (?, ?)').run(key, value);
}

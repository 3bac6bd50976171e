import type { SchoolDb } from '../db/open.ts';
import { stmt } from '../db/statements.ts';

/**
 * Bulk writes to `account` with the search index (account_fts, migration 003) kept in step in
 * bulk rather than by its triggers.
 *
 * Why: FTS5 writes its pending terms to disk at every statement savepoint, and every
 * single-row INSERT or UPDATE on `account` opens one because of the triggers. Written row by
 * row, 27,000 accounts make 27,000 tiny index segments merged over and over (about 1.5 s on
 * the bench machine); the same entries written by two INSERT … SELECT cost a tenth of that.
 *
 * How: inside the caller's transaction, the account_fts triggers are dropped; the entries of
 * the accounts `work` may change or delete are removed first, from the values they were
 * indexed with; `work` runs; the entries of those accounts that still exist and of the
 * accounts `work` created are written from their new `search_text`; the triggers are created
 * again from their own stored SQL. DDL is transactional in SQLite: if anything throws, the
 * rollback brings back the triggers and the index as they were.
 *
 * `changing`: every existing account `work` may update or delete. `work` reports each
 * account it inserts through `created`. An account written without being listed here would
 * leave the index stale: keep `work` to the accounts it names.
 */
export function withSearchIndexInBulk<T>(db: SchoolDb, changing: readonly number[], work: (created: (id: number) => void) => T): T {
  if (!db.inTransaction) throw new Error('withSearchIndexInBulk must run inside a transaction');
  const triggers = stmt<[], { name: string; sql: string }>(
    db,
    `SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'account' AND sql LIKE '%account_fts%' ORDER BY name`,
  ).all();
  for (const trigger of triggers) db.exec(`DROP TRIGGER "${trigger.name.replaceAll('"', '""')}"`);
  const existing = JSON.stringify(changing);
  // Removed with the values the index holds for them (the triggers kept them exact so far).
  if (changing.length > 0) {
    db.prepare(
      `INSERT INTO account_fts (account_fts, rowid, search_text)
       SELECT 'delete', id, search_text FROM account WHERE id IN (SELECT value FROM json_each(?))`,
    ).run(existing);
  }
  const added: number[] = [];
  const value = work((id) => added.push(id));
  const indexed = JSON.stringify([...changing, ...added]);
  db.prepare(
    `INSERT INTO account_fts (rowid, search_text)
     SELECT id, search_text FROM account WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`,
  ).run(indexed);
  for (const trigger of triggers) db.exec(trigger.sql);
  return value;
}

import type { SchoolDb } from './open.ts';
import { stmt } from './statements.ts';

/**
 * Runs `work` with the plain (non-unique) indexes of `tables` set aside, then builds them
 * again from their own stored SQL: for writes that add many rows at once.
 *
 * Why: rows arriving in name order, login order or no order at all each land on a random
 * page of every index; building an index afterwards sorts once instead. For a first import
 * (27,600 accounts) this halves the cost of the inserts. Unique indexes stay in place: they
 * are rules (one account per login), and a broken rule must stop the statement that breaks it.
 *
 * Inside the caller's transaction (DDL is transactional in SQLite): if `work` throws, the
 * rollback brings the indexes back as they were.
 */
export function withPlainIndexesDeferred<T>(db: SchoolDb, tables: readonly string[], work: () => T): T {
  if (!db.inTransaction) throw new Error('withPlainIndexesDeferred must run inside a transaction');
  const indexes = stmt<[string], { name: string; sql: string }>(
    db,
    `SELECT name, sql FROM sqlite_schema
     WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (SELECT value FROM json_each(?)) AND sql NOT LIKE 'CREATE UNIQUE%'
     ORDER BY name`,
  ).all(JSON.stringify(tables));
  for (const index of indexes) db.exec(`DROP INDEX "${index.name.replaceAll('"', '""')}"`);
  const value = work();
  for (const index of indexes) db.exec(index.sql);
  return value;
}

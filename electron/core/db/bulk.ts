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

/**
 * Runs `work`, a big write transaction, without the checkpoint SQLite would run as it commits,
 * and checkpoints as soon as the caller has its result instead.
 *
 * Why: after a first import the write-ahead log holds some 3,000 pages (13 MB). Copying them
 * into the school file at commit (and syncing both files) took about 40 ms of the wait. The
 * transaction is committed and readable either way; the copy is housekeeping, so it now runs
 * just after the result goes out. Should the app stop first, closing the school file does the
 * checkpoint, and after a crash SQLite replays the log when the file is opened again.
 */
export function withCheckpointDeferred<T>(db: SchoolDb, work: () => T): T {
  const pages = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('wal_autocheckpoint = 0');
  try {
    return work();
  } finally {
    db.pragma(`wal_autocheckpoint = ${pages}`);
    setImmediate(() => {
      if (db.open) db.pragma('wal_checkpoint(PASSIVE)');
    });
  }
}

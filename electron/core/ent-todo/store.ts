import type { SchoolDb } from '../db/open.ts';
import { stmt } from '../db/statements.ts';
import { UserError } from '../errors.ts';
import type { AccountRow } from '../directory/accounts.ts';
import { writeJournal, type Author } from '../directory/journal.ts';
import {
  entTodoLabels,
  type EntTodo,
  type EntTodoClosure,
  type EntTodoEffect,
  type EntTodoKind,
  type EntTodoPage,
  type EntTodoPerson,
  type EntTodoState,
} from '../../../shared/domain/ent-todo.ts';
import type { Profile } from '../../../shared/domain/profile.ts';

interface EntTodoRow {
  id: number;
  kind: EntTodoKind;
  account_id: number;
  last_name: string;
  first_name: string;
  profile: Profile;
  login: string;
  merged: string | null;
  created_at: string;
  created_by: string;
  closed_at: string | null;
  closed_by: string | null;
  closure: EntTodoClosure | null;
  /** 1 while the account is in the school file. */
  account_exists: 0 | 1;
}

/** An action and its undoing: recording one while the other is still open cancels both. */
const opposites: Partial<Record<EntTodoKind, EntTodoKind>> = { block: 'unblock', unblock: 'block', preDelete: 'restore', restore: 'preDelete' };

export const personOf = (account: AccountRow): EntTodoPerson => ({
  id: account.id,
  lastName: account.last_name,
  firstName: account.first_name,
  profile: account.profile,
  login: account.login,
});

function openItem(db: SchoolDb, accountId: number, kind: EntTodoKind): number | undefined {
  return stmt<[number, string], number>(db, 'SELECT id FROM ent_todo WHERE account_id = ? AND kind = ? AND closed_at IS NULL').pluck().get(accountId, kind);
}

function close(db: SchoolDb, id: number, closure: EntTodoClosure, by: Author, importRunId: number | null = null): void {
  stmt(db, 'UPDATE ent_todo SET closed_at = ?, closed_by = ?, closure = ?, import_run_id = ? WHERE id = ? AND closed_at IS NULL').run(
    by.at.toISOString(),
    by.actor,
    closure,
    importRunId,
    id,
  );
}

/**
 * Records, in the caller's transaction, that the ENT must do `kind` to this account. Nothing
 * to do for an account the ENT does not have yet (but a guest to create, and a merge, which
 * the caller records when the duplicate is in the ENT); an open opposite
 * item (a block not yet done, then an unblock) is cancelled instead; an item already open
 * stays as it is.
 */
export function recordEntTodo(db: SchoolDb, kind: EntTodoKind, account: AccountRow, by: Author, merged: EntTodoPerson | null = null): EntTodoEffect {
  const opposite = opposites[kind];
  const pending = opposite === undefined ? undefined : openItem(db, account.id, opposite);
  if (pending !== undefined) {
    close(db, pending, 'cancelled', by);
    return 'cancelled';
  }
  if (kind !== 'createGuest' && kind !== 'merge' && account.ent_status !== 'known') return 'none';
  if (openItem(db, account.id, kind) !== undefined) return 'recorded';
  stmt(
    db,
    `INSERT INTO ent_todo (kind, account_id, last_name, first_name, profile, login, merged, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(kind, account.id, account.last_name, account.first_name, account.profile, account.login, merged && JSON.stringify(merged), by.at.toISOString(), by.actor);
  return 'recorded';
}

/** A guest merged away before the ENT ever created it: there is nothing left to create. */
export function cancelEntTodos(db: SchoolDb, accountId: number, by: Author): number {
  const open = stmt<[number], number>(db, 'SELECT id FROM ent_todo WHERE account_id = ? AND closed_at IS NULL').pluck().all(accountId);
  for (const id of open) close(db, id, 'cancelled', by);
  return open.length;
}

const select = `SELECT t.*, (a.id IS NOT NULL) AS account_exists FROM ent_todo t LEFT JOIN account a ON a.id = t.account_id`;

function toItem(row: EntTodoRow): EntTodo {
  return {
    id: row.id,
    kind: row.kind,
    account: { id: row.account_id, lastName: row.last_name, firstName: row.first_name, profile: row.profile, login: row.login },
    accountExists: row.account_exists === 1,
    merged: row.merged === null ? null : (JSON.parse(row.merged) as EntTodoPerson),
    createdAt: row.created_at,
    createdBy: row.created_by,
    closedAt: row.closed_at,
    closedBy: row.closed_by,
    closure: row.closure,
  };
}

export interface EntTodoQuery {
  state: EntTodoState;
  kinds?: readonly EntTodoKind[] | undefined;
  accountId?: number | undefined;
  offset: number;
  limit: number;
}

function where(query: Omit<EntTodoQuery, 'offset' | 'limit'>): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (query.state === 'open') clauses.push('t.closed_at IS NULL');
  if (query.state === 'closed') clauses.push('t.closed_at IS NOT NULL');
  if (query.kinds?.length) {
    clauses.push('t.kind IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(query.kinds));
  }
  if (query.accountId !== undefined) {
    clauses.push('t.account_id = ?');
    params.push(query.accountId);
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** Open items first, oldest first (the order to work through); then the closed ones, latest closed first. */
const order = 'ORDER BY t.closed_at IS NOT NULL, t.closed_at DESC, t.id';

export function listEntTodos(db: SchoolDb, query: EntTodoQuery): EntTodoPage {
  const { sql, params } = where(query);
  const total = stmt<unknown[], number>(db, `SELECT count(*) FROM ent_todo t ${sql}`).pluck().get(...params) ?? 0;
  const rows = stmt<unknown[], EntTodoRow>(db, `${select} ${sql} ${order} LIMIT ? OFFSET ?`).all(...params, query.limit, query.offset);
  return { total, open: countOpenEntTodos(db), offset: query.offset, items: rows.map(toItem) };
}

export function countOpenEntTodos(db: SchoolDb): number {
  return stmt<[], number>(db, 'SELECT count(*) FROM ent_todo WHERE closed_at IS NULL').pluck().get() ?? 0;
}

/** The items of `ids` (all open ones when absent), in list order. */
export function entTodosById(db: SchoolDb, ids: readonly number[] | undefined): EntTodo[] {
  if (ids === undefined) return stmt<[], EntTodoRow>(db, `${select} WHERE t.closed_at IS NULL ${order}`).all().map(toItem);
  return stmt<[string], EntTodoRow>(db, `${select} WHERE t.id IN (SELECT value FROM json_each(?)) ${order}`).all(JSON.stringify(ids)).map(toItem);
}

const who = (item: { first_name: string; last_name: string }) => `${item.first_name} ${item.last_name}`;

/** « Fait dans l'ENT »: the director did these in the console. Answers how many were still open. */
export function markEntTodosDone(db: SchoolDb, ids: readonly number[], by: Author): number {
  return db.transaction(() => {
    const open = stmt<[string], EntTodoRow>(db, `${select} WHERE t.id IN (SELECT value FROM json_each(?)) AND t.closed_at IS NULL ORDER BY t.id`).all(JSON.stringify(ids));
    for (const item of open) {
      close(db, item.id, 'done', by);
      writeJournal(
        db,
        { action: 'entTodo.done', accountId: item.account_id, summary: `Fait dans l’ENT : ${entTodoLabels[item.kind].toLowerCase()} (${who(item)})` },
        by.at,
        by.actor,
      );
    }
    return open.length;
  })();
}

/** Ticked by mistake: the item is open again. */
export function reopenEntTodo(db: SchoolDb, id: number, by: Author): boolean {
  return db.transaction(() => {
    const item = stmt<[number], EntTodoRow>(db, `${select} WHERE t.id = ?`).get(id);
    if (!item) throw new UserError('not-found', 'Cette tâche « à faire dans l’ENT » n’existe plus.');
    if (item.closed_at === null) return false;
    if (item.closure === 'cancelled') {
      throw new UserError('conflict', 'Cette tâche a été annulée par l’action inverse enregistrée dans Sésame : refaites l’action depuis la fiche si besoin.');
    }
    if (openItem(db, item.account_id, item.kind) !== undefined) {
      throw new UserError('conflict', 'La même tâche est déjà ouverte pour ce compte.');
    }
    stmt(db, 'UPDATE ent_todo SET closed_at = NULL, closed_by = NULL, closure = NULL, import_run_id = NULL WHERE id = ?').run(id);
    writeJournal(
      db,
      { action: 'entTodo.reopen', accountId: item.account_id, summary: `À faire dans l’ENT de nouveau : ${entTodoLabels[item.kind].toLowerCase()} (${who(item)})` },
      by.at,
      by.actor,
    );
    return true;
  })();
}

/**
 * The closing hook of imports (electron/core/imports/apply.ts), in the import's transaction:
 * what an ENT export shows done closes. `namedByEnt` are the accounts an ENT export of this
 * import named; a guest to create closes once the ENT export brought it (the account is now
 * known to the ENT). The other actions leave no trace in an export (shared/domain/ent-todo.ts).
 */
export function closeEntTodosSeenInImport(db: SchoolDb, namedByEnt: readonly number[], run: { runId: number; at: Date; actor: string }): number {
  if (namedByEnt.length === 0) return 0;
  const seen = stmt<[string], EntTodoRow>(
    db,
    `${select} WHERE t.closed_at IS NULL AND t.kind = 'createGuest' AND a.ent_status = 'known'
       AND t.account_id IN (SELECT value FROM json_each(?)) ORDER BY t.id`,
  ).all(JSON.stringify(namedByEnt));
  for (const item of seen) {
    close(db, item.id, 'seenInExport', { actor: run.actor, at: run.at }, run.runId);
    writeJournal(
      db,
      { action: 'entTodo.seenInExport', accountId: item.account_id, summary: `Vu dans l’export de l’ENT (import n° ${run.runId}) : ${entTodoLabels[item.kind].toLowerCase()} (${who(item)})` },
      run.at,
      run.actor,
    );
  }
  return seen.length;
}

/** An undone import no longer shows anything: what it closed is open again. */
export function reopenEntTodosOfImport(db: SchoolDb, runId: number): number {
  return stmt(db, 'UPDATE ent_todo SET closed_at = NULL, closed_by = NULL, closure = NULL, import_run_id = NULL WHERE import_run_id = ?').run(runId).changes;
}

/**
 * The purge of an account takes its closed items (personal data with nothing left to do);
 * open ones stay, names included: the ENT still holds the account until the console acts.
 */
export function forgetClosedEntTodos(db: SchoolDb, accountId: number): void {
  stmt(db, 'DELETE FROM ent_todo WHERE account_id = ? AND closed_at IS NOT NULL').run(accountId);
}

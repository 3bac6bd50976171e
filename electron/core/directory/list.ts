import type { SchoolDb } from '../db/open.ts';
import { stmt } from '../db/statements.ts';
import type { AccountRow } from './accounts.ts';
import type { AccountListItem, PersonRef } from '../../../shared/domain/account.ts';
import type { AccountFilter, AccountSort } from '../../../shared/domain/selection.ts';
import { selectionToSql } from '../publipostage/selection.ts';

export interface SelectionCounts {
  total: number;
  withoutEmail: number;
  notInEnt: number;
}

export function countSelection(db: SchoolDb, filter: AccountFilter): SelectionCounts {
  const { where, params } = selectionToSql(filter, ['none', 'none']);
  const row = stmt<unknown[], { total: number; withoutEmail: number | null; notInEnt: number | null }>(
    db,
    `SELECT count(*) AS total, sum(coalesce(a.email, '') = '') AS withoutEmail, sum(a.ent_status <> 'known') AS notInEnt FROM account a WHERE ${where}`,
  ).get(...params);
  return { total: row?.total ?? 0, withoutEmail: row?.withoutEmail ?? 0, notInEnt: row?.notInEnt ?? 0 };
}

/** Ids of the selected accounts in publipostage order; `limit` -1 means all. */
export function selectAccountIds(
  db: SchoolDb,
  filter: AccountFilter,
  sort: AccountSort,
  offset = 0,
  limit = -1,
): number[] {
  const { where, params, orderBy, orderParams } = selectionToSql(filter, sort);
  return stmt<unknown[], number>(
    db,
    `SELECT a.id FROM account a WHERE ${where} ORDER BY ${orderBy} LIMIT ? OFFSET ?`,
  )
    .pluck()
    .all(...params, ...orderParams, limit, offset);
}

interface LinkRow {
  owner: number;
  id: number;
  first_name: string;
  last_name: string;
}

type ListRow = Pick<
  AccountRow,
  | 'id' | 'profile' | 'last_name' | 'first_name' | 'login' | 'alias' | 'activation_code' | 'activated' | 'ent_status'
  | 'email' | 'phone' | 'local_admin' | 'blocked' | 'pre_deleted_at' | 'source' | 'external_id' | 'created_at'
>;

const listColumns =
  'id, profile, last_name, first_name, login, alias, activation_code, activated, ent_status, email, phone, local_admin, blocked, pre_deleted_at, source, external_id, created_at';

/**
 * Which rows the list queries read: those of the given ids (json_each), or, for a selection of
 * a good part of the school, whole tables whose extra rows are never looked up. SQLite reads a
 * table straight through faster than it looks up each id: on 20,000 accounts listed whole,
 * that halves the link and class queries.
 */
interface Scope {
  of(column: string): string;
  params: [] | [string];
}

function scopeOf(db: SchoolDb, ids: number[]): Scope {
  const whole = ids.length >= 1000 && ids.length * 2 >= (stmt<[], number>(db, 'SELECT count(*) FROM account').pluck().get() ?? 0);
  if (whole) return { of: () => '1', params: [] };
  return { of: (column) => `${column} IN (SELECT value FROM json_each(?))`, params: [JSON.stringify(ids)] };
}

function groupBy<T extends { owner: number }>(rows: T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const group = groups.get(row.owner);
    if (group) group.push(row);
    else groups.set(row.owner, [row]);
  }
  return groups;
}

function classNamesOf(db: SchoolDb, scope: Scope): Map<number, string[]> {
  const rows = stmt<unknown[], { owner: number; name: string }>(
    db,
    `SELECT ac.account_id AS owner, c.name FROM account_class ac JOIN class c ON c.id = ac.class_id
     WHERE ${scope.of('ac.account_id')} ORDER BY c.sort_name`,
  ).all(...scope.params);
  const names = new Map<number, string[]>();
  for (const row of rows) {
    const group = names.get(row.owner);
    if (group) group.push(row.name);
    else names.set(row.owner, [row.name]);
  }
  return names;
}

function people(rows: LinkRow[], classes: Map<number, string[]>): PersonRef[] {
  return rows.map((row) => ({
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    classes: classes.get(row.id) ?? [],
  }));
}

/** Full list items for the given ids, in the same order, with classes, children and guardians. */
export function loadAccounts(db: SchoolDb, ids: number[]): AccountListItem[] {
  if (ids.length === 0) return [];
  const scope = scopeOf(db, ids);
  const rows = stmt<unknown[], ListRow>(db, `SELECT ${listColumns} FROM account WHERE ${scope.of('id')}`).all(...scope.params);
  const children = stmt<unknown[], LinkRow>(
    db,
    `SELECT g.guardian_id AS owner, a.id, a.first_name, a.last_name FROM guardian_link g JOIN account a ON a.id = g.child_id
     WHERE ${scope.of('g.guardian_id')} ORDER BY a.sort_name`,
  ).all(...scope.params);
  const guardians = stmt<unknown[], LinkRow>(
    db,
    `SELECT g.child_id AS owner, a.id, a.first_name, a.last_name FROM guardian_link g JOIN account a ON a.id = g.guardian_id
     WHERE ${scope.of('g.child_id')} ORDER BY a.sort_name`,
  ).all(...scope.params);
  // The classes of the listed accounts and of their children and guardians.
  const classes = classNamesOf(
    db,
    scope.params.length === 0 ? scope : scopeOf(db, [...new Set([...ids, ...children.map((row) => row.id), ...guardians.map((row) => row.id)])]),
  );
  const childrenOf = groupBy(children);
  const guardiansOf = groupBy(guardians);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    return [
      {
        id: row.id,
        profile: row.profile,
        lastName: row.last_name,
        firstName: row.first_name,
        login: row.login,
        alias: row.alias,
        activationCode: row.activated ? null : row.activation_code,
        activated: row.activated === 1,
        entStatus: row.ent_status,
        email: row.email,
        phone: row.phone,
        classes: classes.get(row.id) ?? [],
        children: people(childrenOf.get(row.id) ?? [], classes),
        guardians: people(guardiansOf.get(row.id) ?? [], classes),
        localAdmin: row.local_admin === 1,
        blocked: row.blocked === 1,
        preDeleted: row.pre_deleted_at !== null,
        source: row.source,
        externalId: row.external_id,
        createdAt: row.created_at,
      },
    ];
  });
}

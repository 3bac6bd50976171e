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

function groupBy<T extends { owner: number }>(rows: T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const group = groups.get(row.owner);
    if (group) group.push(row);
    else groups.set(row.owner, [row]);
  }
  return groups;
}

function classNamesOf(db: SchoolDb, ids: number[]): Map<number, string[]> {
  const rows = stmt<[string], { owner: number; name: string }>(
    db,
    `SELECT ac.account_id AS owner, c.name FROM account_class ac JOIN class c ON c.id = ac.class_id
     WHERE ac.account_id IN (SELECT value FROM json_each(?)) ORDER BY c.sort_name`,
  ).all(JSON.stringify(ids));
  return new Map([...groupBy(rows)].map(([owner, group]) => [owner, group.map((row) => row.name)]));
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
  const json = JSON.stringify(ids);
  const rows = stmt<[string], AccountRow>(db, 'SELECT * FROM account WHERE id IN (SELECT value FROM json_each(?))').all(json);
  const children = stmt<[string], LinkRow>(
    db,
    `SELECT g.guardian_id AS owner, a.id, a.first_name, a.last_name FROM guardian_link g JOIN account a ON a.id = g.child_id
     WHERE g.guardian_id IN (SELECT value FROM json_each(?)) ORDER BY a.sort_name`,
  ).all(json);
  const guardians = stmt<[string], LinkRow>(
    db,
    `SELECT g.child_id AS owner, a.id, a.first_name, a.last_name FROM guardian_link g JOIN account a ON a.id = g.guardian_id
     WHERE g.child_id IN (SELECT value FROM json_each(?)) ORDER BY a.sort_name`,
  ).all(json);
  const classes = classNamesOf(db, [...new Set([...ids, ...children.map((row) => row.id), ...guardians.map((row) => row.id)])]);
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

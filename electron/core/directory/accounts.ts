import type { SchoolDb } from '../db/open.ts';
import { stmt } from '../db/statements.ts';
import { UserError } from '../errors.ts';
import type { AccountSource, EntStatus } from '../../../shared/domain/account.ts';
import type { Profile } from '../../../shared/domain/profile.ts';
import { nameKeys, searchWords } from '../../../shared/domain/text.ts';

export interface AccountRow {
  id: number;
  profile: Profile;
  last_name: string;
  first_name: string;
  birth_date: string | null;
  login: string;
  alias: string | null;
  activation_code: string | null;
  activated: 0 | 1;
  email: string | null;
  phone: string | null;
  ent_id: string | null;
  source: AccountSource;
  external_id: string | null;
  ine: string | null;
  local_admin: 0 | 1;
  blocked: 0 | 1;
  pre_deleted_at: string | null;
  created_at: string;
  updated_at: string;
  ent_status: EntStatus;
}

export interface NewAccount {
  profile: Profile;
  lastName: string;
  firstName: string;
  birthDate?: string | null;
  login: string;
  alias?: string | null;
  /** Only for a 'known' account: null then means activated. A pending account has none. */
  activationCode: string | null;
  /** By default, as its source says: an ENT export's and the demo's accounts are in the ENT, any other is not yet. */
  entStatus?: EntStatus;
  email?: string | null;
  phone?: string | null;
  entId?: string | null;
  source: AccountSource;
  externalId?: string | null;
  ine?: string | null;
  localAdmin?: boolean;
  blocked?: boolean;
  createdAt: string;
}

/** The stored helper columns, recomputed whenever a name, login or alias changes. */
export function derivedColumns(names: { lastName: string; firstName: string; login: string; alias: string | null }) {
  const lastName = nameKeys(names.lastName);
  const firstName = nameKeys(names.firstName);
  const words = new Set(lastName.words);
  for (const word of firstName.words) words.add(word);
  for (const word of searchWords(names.login)) words.add(word);
  if (names.alias) for (const word of searchWords(names.alias)) words.add(word);
  let searchText = ' ';
  for (const word of words) searchText += `${word} `;
  return { sortName: `${lastName.sort}\u0001${firstName.sort}`, searchText };
}

// Columns an account may leave empty (NULL, or 0 for the flags, their defaults). An insert
// names only those it fills: binding values costs more than the insert itself on a first
// import, and most accounts leave half of these empty. One statement per set of columns.
const optionalColumns = ['birth_date', 'alias', 'activation_code', 'email', 'phone', 'ent_id', 'external_id', 'ine', 'activated', 'local_admin', 'blocked', 'ent_status'];
const insertSql = new Map<number, string>();

function insertStatement(filled: number): string {
  let sql = insertSql.get(filled);
  if (sql === undefined) {
    const columns = ['profile', 'last_name', 'first_name', 'login', 'source', 'created_at', 'updated_at', 'sort_name', 'search_text'];
    optionalColumns.forEach((column, bit) => {
      if (filled & (1 << bit)) columns.push(column);
    });
    sql = `INSERT INTO account (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
    insertSql.set(filled, sql);
  }
  return sql;
}

export function insertAccount(db: SchoolDb, account: NewAccount): number {
  const known = (account.entStatus ?? (account.source === 'ENT' || account.source === 'DEMO' ? 'known' : 'pending')) === 'known';
  const alias = account.alias ?? null;
  const derived = derivedColumns({ lastName: account.lastName, firstName: account.firstName, login: account.login, alias });
  const values: (string | number)[] = [account.profile, account.lastName, account.firstName, account.login, account.source, account.createdAt, account.createdAt, derived.sortName, derived.searchText];
  const optional = [
    account.birthDate ?? null,
    alias,
    known ? account.activationCode : null,
    account.email ?? null,
    account.phone ?? null,
    account.entId ?? null,
    account.externalId ?? null,
    account.ine ?? null,
    known && account.activationCode === null ? 1 : 0,
    account.localAdmin ? 1 : 0,
    account.blocked ? 1 : 0,
    // 'pending' is the column's default.
    known ? 'known' : null,
  ];
  let filled = 0;
  for (let bit = 0; bit < optional.length; bit++) {
    const value = optional[bit] as string | number | null;
    if (value === null || value === 0) continue;
    filled |= 1 << bit;
    values.push(value);
  }
  return Number(stmt(db, insertStatement(filled)).run(...values).lastInsertRowid);
}

/** Every login and alias in use: logins must be unique against both (FORMATS.md §Logins). */
export function takenLogins(db: SchoolDb): Set<string> {
  const rows = stmt<[], { name: string }>(
    db,
    `SELECT login AS name FROM account UNION SELECT alias FROM account WHERE alias IS NOT NULL`,
  ).all();
  return new Set(rows.map((row) => row.name));
}

export function countAccounts(db: SchoolDb): number {
  return stmt<[], { n: number }>(db, 'SELECT count(*) AS n FROM account').get()?.n ?? 0;
}

export function findAccount(db: SchoolDb, id: number): AccountRow | undefined {
  return stmt<[number], AccountRow>(db, 'SELECT * FROM account WHERE id = ?').get(id);
}

/** The account, or the message every action gives when it is gone (purged, merged). */
export function requireAccount(db: SchoolDb, id: number): AccountRow {
  const account = findAccount(db, id);
  if (!account) {
    throw new UserError('not-found', `Ce compte n’existe plus (n° ${id}) : il a été supprimé définitivement ou fusionné. Rien n’a été modifié.`);
  }
  return account;
}

/** As requireAccount, and not pre-deleted: a pre-deleted account is restored before it is changed. */
export function requireLiveAccount(db: SchoolDb, id: number): AccountRow {
  const account = requireAccount(db, id);
  if (account.pre_deleted_at !== null) {
    throw new UserError('conflict', `Le compte de ${account.first_name} ${account.last_name} est pré-supprimé : restaurez-le avant de le modifier.`);
  }
  return account;
}

/** Recomputes sort_name and search_text (and so the search index) after a name, login or alias change. */
export function refreshDerivedColumns(db: SchoolDb, id: number): void {
  const row = findAccount(db, id);
  if (!row) return;
  const derived = derivedColumns({ lastName: row.last_name, firstName: row.first_name, login: row.login, alias: row.alias });
  stmt(db, 'UPDATE account SET sort_name = ?, search_text = ? WHERE id = ?').run(derived.sortName, derived.searchText, id);
}

import type { AccountFilter, AccountSort, SortKey, YesNo } from '../../../shared/domain/selection.ts';
import { profileLabels, profileRank, profiles } from '../../../shared/domain/profile.ts';
import { foldText } from '../../../shared/domain/text.ts';
import { searchCondition } from '../directory/search.ts';
import { stillHandedOut } from './hand-out.ts';

/** A WHERE clause over `account a` with its positional parameters. */
export interface SqlSelection {
  where: string;
  params: unknown[];
  orderBy: string;
}

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function yesNoClause(value: YesNo | undefined, yes: string, no: string, clauses: string[]): void {
  if (value === 'yes') clauses.push(yes);
  else if (value === 'no') clauses.push(no);
}

/**
 * Accounts in one of the classes, and the guardians of pupils in them: the consoles list
 * parents under their children's classes, and so does every Sésame selection.
 */
function inClassesClause(classCondition: string): string {
  return `a.id IN (
    SELECT ac.account_id FROM account_class ac JOIN class c ON c.id = ac.class_id WHERE ${classCondition}
    UNION
    SELECT g.guardian_id FROM guardian_link g
      JOIN account_class ac ON ac.account_id = g.child_id JOIN class c ON c.id = ac.class_id WHERE ${classCondition})`;
}

const handedOutSql = `SELECT 1 FROM hand_out h WHERE h.account_id = a.id AND ${stillHandedOut}`;

/** The class a sheet is filed under: its own first class, else its first child's. */
const classSortExpression = `COALESCE(
  (SELECT min(c.sort_name) FROM account_class ac JOIN class c ON c.id = ac.class_id WHERE ac.account_id = a.id),
  (SELECT min(c.sort_name) FROM guardian_link g JOIN account_class ac ON ac.account_id = g.child_id
     JOIN class c ON c.id = ac.class_id WHERE g.guardian_id = a.id),
  char(0x10FFFF))`;

const profileSortExpression = `CASE a.profile ${profiles
  .map((profile) => `WHEN '${profile}' THEN ${profileRank[profile]}`)
  .join(' ')} END`;

function sortExpression(key: SortKey): string | null {
  if (key === 'profile') return profileSortExpression;
  if (key === 'class') return classSortExpression;
  return null;
}

export function orderByClause(sort: AccountSort): string {
  const keys = [...new Set(sort)].map(sortExpression).filter((expression) => expression !== null);
  return [...keys, 'a.sort_name', 'a.id'].join(', ');
}

/** Translates the shared filter model into SQL. No filter selects everyone. */
export function selectionToSql(filter: AccountFilter, sort: AccountSort): SqlSelection {
  const clauses: string[] = [];
  const params: unknown[] = [];

  if (filter.profiles?.length) {
    clauses.push(`a.profile IN (${filter.profiles.map(() => '?').join(', ')})`);
    params.push(...filter.profiles);
  }
  if (filter.classes?.length) {
    const placeholders = filter.classes.map(() => '?').join(', ');
    clauses.push(inClassesClause(`c.name IN (${placeholders})`));
    params.push(...filter.classes, ...filter.classes);
  }
  if (filter.levels?.length) {
    const condition = `(${filter.levels.map(() => `instr(',' || c.level || ',', ',' || ? || ',') > 0`).join(' OR ')})`;
    clauses.push(inClassesClause(condition));
    params.push(...filter.levels, ...filter.levels);
  }
  yesNoClause(filter.activated, 'a.activated = 1', 'a.activated = 0', clauses);
  yesNoClause(filter.email, "coalesce(a.email, '') <> ''", "coalesce(a.email, '') = ''", clauses);
  yesNoClause(filter.localAdmin, 'a.local_admin = 1', 'a.local_admin = 0', clauses);
  yesNoClause(filter.blocked, 'a.blocked = 1', 'a.blocked = 0', clauses);
  yesNoClause(filter.preDeleted, 'a.pre_deleted_at IS NOT NULL', 'a.pre_deleted_at IS NULL', clauses);
  yesNoClause(filter.handedOut, `EXISTS (${handedOutSql})`, `NOT EXISTS (${handedOutSql})`, clauses);
  if (filter.createdBefore) {
    clauses.push('a.created_at < ?');
    params.push(filter.createdBefore);
  }
  if (filter.createdSince) {
    clauses.push('a.created_at >= ?');
    params.push(filter.createdSince);
  }
  if (filter.entStatus) {
    clauses.push('a.ent_status = ?');
    params.push(filter.entStatus);
  }
  if (filter.sources?.length) {
    clauses.push(`a.source IN (${filter.sources.map(() => '?').join(', ')})`);
    params.push(...filter.sources);
  }
  const search = searchCondition(filter.search ?? '');
  if (search) {
    clauses.push(search.sql);
    params.push(search.param);
  }
  const columns = filter.columns ?? {};
  if (columns.lastName?.trim()) {
    clauses.push(`a.sort_name LIKE ? ESCAPE '\\'`);
    params.push(`${likeEscape(foldText(columns.lastName.trim()))}%`);
  }
  if (columns.firstName?.trim()) {
    clauses.push(`substr(a.sort_name, instr(a.sort_name, char(1)) + 1) LIKE ? ESCAPE '\\'`);
    params.push(`${likeEscape(foldText(columns.firstName.trim()))}%`);
  }
  if (columns.profile?.trim()) {
    const typed = foldText(columns.profile.trim());
    const matching = profiles.filter((profile) => foldText(profileLabels[profile]).startsWith(typed));
    clauses.push(matching.length ? `a.profile IN (${matching.map(() => '?').join(', ')})` : '0');
    params.push(...matching);
  }
  if (columns.className?.trim()) {
    clauses.push(inClassesClause(`c.name LIKE ? ESCAPE '\\'`));
    const pattern = `${likeEscape(columns.className.trim())}%`;
    params.push(pattern, pattern);
  }

  return { where: clauses.length ? clauses.join(' AND ') : '1', params, orderBy: orderByClause(sort) };
}

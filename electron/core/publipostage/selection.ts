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
  /** Bound after `params`: sorting by class looks at the selected classes only. */
  orderParams: unknown[];
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

/** A condition over `class c` with its parameters. */
export interface ClassCondition {
  sql: string;
  params: unknown[];
}

/**
 * The class conditions of a filter (classes, levels, the Classe column), all to be met; none
 * when the filter names no class. They tell which classes a selection is about.
 */
export function classConditions(filter: AccountFilter): ClassCondition[] {
  const conditions: ClassCondition[] = [];
  if (filter.classes?.length) {
    conditions.push({ sql: `c.name IN (${filter.classes.map(() => '?').join(', ')})`, params: [...filter.classes] });
  }
  if (filter.levels?.length) {
    const sql = `(${filter.levels.map(() => `instr(',' || c.level || ',', ',' || ? || ',') > 0`).join(' OR ')})`;
    conditions.push({ sql, params: [...filter.levels] });
  }
  const className = filter.columns?.className?.trim();
  if (className) conditions.push({ sql: `c.name LIKE ? ESCAPE '\\'`, params: [`${likeEscape(className)}%`] });
  return conditions;
}

/** One condition meeting them all: `1` when there is none. */
export function allOf(conditions: ClassCondition[]): ClassCondition {
  if (conditions.length === 0) return { sql: '1', params: [] };
  return { sql: conditions.map((condition) => condition.sql).join(' AND '), params: conditions.flatMap((condition) => condition.params) };
}

const ownFirstClass = (condition: string) =>
  `(SELECT min(c.sort_name) FROM account_class ac JOIN class c ON c.id = ac.class_id WHERE ac.account_id = a.id AND ${condition})`;
const childrenFirstClass = (condition: string) =>
  `(SELECT min(c.sort_name) FROM guardian_link g JOIN account_class ac ON ac.account_id = g.child_id
     JOIN class c ON c.id = ac.class_id WHERE g.guardian_id = a.id AND ${condition})`;

/**
 * The class a sheet is filed under: its own first class, else its first child's; when the
 * filter names classes, the first of those it belongs to (a teacher of CP A, CP B and CE1
 * selected for CP A and CP B is not filed under CE1). Same rule as filing.ts.
 */
function classSortExpression(selected: ClassCondition | null): ClassCondition {
  const anyClass = `${ownFirstClass('1')}, ${childrenFirstClass('1')}, char(0x10FFFF)`;
  if (!selected) return { sql: `COALESCE(${anyClass})`, params: [] };
  return {
    sql: `COALESCE(${ownFirstClass(selected.sql)}, ${childrenFirstClass(selected.sql)}, ${anyClass})`,
    params: [...selected.params, ...selected.params],
  };
}

const profileSortExpression = `CASE a.profile ${profiles
  .map((profile) => `WHEN '${profile}' THEN ${profileRank[profile]}`)
  .join(' ')} END`;

function sortExpression(key: SortKey, selectedClasses: ClassCondition | null): ClassCondition | null {
  if (key === 'profile') return { sql: profileSortExpression, params: [] };
  if (key === 'class') return classSortExpression(selectedClasses);
  return null;
}

function orderBy(sort: AccountSort, selectedClasses: ClassCondition | null): ClassCondition {
  const keys = [...new Set(sort)].map((key) => sortExpression(key, selectedClasses)).filter((expression) => expression !== null);
  return { sql: [...keys.map((key) => key.sql), 'a.sort_name', 'a.id'].join(', '), params: keys.flatMap((key) => key.params) };
}

/** The ORDER BY of a sort over every class (no class filter): it takes no parameter. */
export function orderByClause(sort: AccountSort): string {
  return orderBy(sort, null).sql;
}

/** Translates the shared filter model into SQL. No filter selects everyone. */
export function selectionToSql(filter: AccountFilter, sort: AccountSort): SqlSelection {
  const clauses: string[] = [];
  const params: unknown[] = [];

  if (filter.profiles?.length) {
    clauses.push(`a.profile IN (${filter.profiles.map(() => '?').join(', ')})`);
    params.push(...filter.profiles);
  }
  // Each class condition on its own, as the consoles do: in one of the classes, and in a class of one of the levels.
  const selectedClasses = classConditions(filter);
  for (const condition of selectedClasses) {
    clauses.push(inClassesClause(condition.sql));
    params.push(...condition.params, ...condition.params);
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

  const order = orderBy(sort, selectedClasses.length ? allOf(selectedClasses) : null);
  return { where: clauses.length ? clauses.join(' AND ') : '1', params, orderBy: order.sql, orderParams: order.params };
}

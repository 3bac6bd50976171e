import type { AccountListItem } from '../../../shared/domain/account.ts';
import type { AccountFilter } from '../../../shared/domain/selection.ts';
import type { SchoolDb } from '../db/open.ts';
import { stmt } from '../db/statements.ts';
import { classSortName } from '../directory/classes.ts';
import { allOf, classConditions } from './selection.ts';

/**
 * Which class stack a sheet goes in. A person belongs to classes of their own (a pupil, a
 * teacher) or through their children (a parent). With no class filter, the sheet is filed under
 * the first of them, as it always was. When the director selects classes, only those count:
 *
 * - a sheet is never filed under a class that is not selected (a teacher of CP A, CP B and CE1
 *   printed for CP A and CP B has no « CE1 » stack);
 * - with cover pages or hand-out lists, each selected class gets its complete stack: a person
 *   belonging to several selected classes (a teacher of two classes, a parent with a child in
 *   each) has a sheet in each of them, and a line on each list. The sheets are the same; the
 *   parent takes the one handed out first, and either list can be signed;
 * - without them, everyone has one sheet, filed under their first selected class.
 *
 * Own classes come before children's: a teacher who is also a parent is filed as a teacher
 * when one of their own classes is selected. The SQL sort by class follows the same rule
 * (selection.ts).
 */

function byClassOrder(a: string, b: string): number {
  const ka = classSortName(a);
  const kb = classSortName(b);
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function firstMatching(classes: readonly string[], selected: ReadonlySet<string> | null): string[] {
  return [...new Set(classes)].filter((name) => selected === null || selected.has(name)).sort(byClassOrder);
}

/** The classes a person's sheet is filed under, in class order: several only with selected classes. */
export function filingClassesOf(account: AccountListItem, selected: ReadonlySet<string> | null): string[] {
  const children = account.children.flatMap((child) => child.classes);
  if (selected !== null) {
    const own = firstMatching(account.classes, selected);
    if (own.length) return own;
    const theirs = firstMatching(children, selected);
    if (theirs.length) return theirs;
  }
  // No class filter, or a selection that reached this person otherwise: their first class.
  const first = firstMatching(account.classes, null)[0] ?? firstMatching(children, null)[0];
  return first === undefined ? [] : [first];
}

/** The class a person's single sheet is filed under; null for staff and guests without a class. */
export function filingClassOf(account: AccountListItem, selected: ReadonlySet<string> | null = null): string | null {
  return filingClassesOf(account, selected)[0] ?? null;
}

/** The names of the classes a filter selects; null when it names none (every class counts). */
export function selectedClassNames(db: SchoolDb, filter: AccountFilter): ReadonlySet<string> | null {
  const conditions = classConditions(filter);
  if (conditions.length === 0) return null;
  const condition = allOf(conditions);
  return new Set(stmt<unknown[], string>(db, `SELECT c.name FROM class c WHERE ${condition.sql}`).pluck().all(...condition.params));
}

export interface FiledSheet {
  account: AccountListItem;
  filingClass: string | null;
}

/**
 * The print stack. `accounts` come in print order; with `completeStacks` (cover pages or lists)
 * and selected classes, they must come in their order within a class (second sort key, then
 * name), and each is repeated in every selected class they belong to, class by class.
 */
export function fileSheets(accounts: readonly AccountListItem[], selected: ReadonlySet<string> | null, completeStacks: boolean): FiledSheet[] {
  if (!completeStacks || selected === null) {
    return accounts.map((account) => ({ account, filingClass: filingClassOf(account, selected) }));
  }
  const filed = accounts.flatMap((account): FiledSheet[] => {
    const classes = filingClassesOf(account, selected);
    return classes.length ? classes.map((filingClass) => ({ account, filingClass })) : [{ account, filingClass: null }];
  });
  // Array sort is stable: within a class, the accounts keep their order. No class goes last, as in SQL.
  return filed.sort((a, b) => {
    if (a.filingClass === b.filingClass) return 0;
    if (a.filingClass === null) return 1;
    if (b.filingClass === null) return -1;
    return byClassOrder(a.filingClass, b.filingClass);
  });
}

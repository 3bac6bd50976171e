import type { SchoolDb } from '../db/open.ts';
import { stmt } from '../db/statements.ts';
import type { ActivationCount, ActivationProgress } from '../../../shared/domain/publipostage.ts';

/**
 * The accounts that count for a class, as the class filter selects them: its pupils and
 * teachers, and the guardians of its pupils. A guardian with children in two classes counts in
 * both; the school-wide figures count every account once.
 */
export const classMembersSql = `member (class_id, account_id) AS (
  SELECT class_id, account_id FROM account_class
  UNION
  SELECT ac.class_id, g.guardian_id FROM account_class ac JOIN guardian_link g ON g.child_id = ac.account_id
)`;

/** How many accounts (pre-deleted ones aside) the ENT reported activated, school-wide and per class name. */
export interface ActivationSnapshot {
  school: ActivationCount;
  classes: Record<string, ActivationCount>;
}

export function activationSnapshot(db: SchoolDb): ActivationSnapshot {
  const school = stmt<[], ActivationCount>(
    db,
    'SELECT count(*) AS accounts, coalesce(sum(activated), 0) AS activated FROM account WHERE pre_deleted_at IS NULL',
  ).get() as ActivationCount;
  const rows = stmt<[], ActivationCount & { className: string }>(
    db,
    `WITH ${classMembersSql}
     SELECT c.name AS className, count(*) AS accounts, sum(a.activated) AS activated
     FROM member m JOIN class c ON c.id = m.class_id JOIN account a ON a.id = m.account_id AND a.pre_deleted_at IS NULL
     GROUP BY c.id`,
  ).all();
  return { school, classes: Object.fromEntries(rows.map(({ className, accounts, activated }) => [className, { accounts, activated }])) };
}

/** An import's activation record: the state it found and the state it left. */
export interface ActivationChange {
  before: ActivationSnapshot;
  after: ActivationSnapshot;
  /** No earlier ENT export in force: nothing was « activated since », all was found so. Absent in older records. */
  first?: boolean;
}

/** Whether an ENT export (an import with activation states, not undone) was imported already. */
export function hasEntExportInForce(db: SchoolDb): boolean {
  return stmt<[], number>(db, 'SELECT EXISTS (SELECT 1 FROM import_run WHERE activation IS NOT NULL AND undone_at IS NULL)').pluck().get() === 1;
}

/** Accounts the import turned activated: the rise of the activated count (a class absent before started at none). */
export function newlyActivated(change: ActivationChange, className?: string): number {
  const count = (snapshot: ActivationSnapshot) => (className === undefined ? snapshot.school : snapshot.classes[className])?.activated ?? 0;
  return count(change.after) - count(change.before);
}

/** School-wide: where the import left activation, and what it brought. */
export function activationProgress(change: ActivationChange): ActivationProgress {
  return { ...change.after.school, newlyActivated: newlyActivated(change), first: change.first ?? false };
}

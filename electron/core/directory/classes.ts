import type { SchoolDb } from '../db/open.ts';
import { stmt } from '../db/statements.ts';
import type { ClassSummary } from '../../../shared/domain/account.ts';
import { sortText } from '../../../shared/domain/text.ts';

export interface NewClass {
  name: string;
  /** One level, or several comma-joined for a multi-level class (« CE2,CM1 »). */
  level?: string | null;
  externalCode?: string | null;
}

export function insertClass(db: SchoolDb, schoolClass: NewClass): number {
  const result = stmt(db, 'INSERT INTO class (name, level, external_code, sort_name) VALUES (?, ?, ?, ?)').run(
    schoolClass.name,
    schoolClass.level ?? null,
    schoolClass.externalCode ?? null,
    classSortName(schoolClass.name),
  );
  return Number(result.lastInsertRowid);
}

/** Digits padded so that « CM2 » < « CM10 » and « 6A » < « 10A ». */
export function classSortName(name: string): string {
  return sortText(name).replace(/\d+/g, (digits) => digits.padStart(4, '0'));
}

export function attachToClass(db: SchoolDb, accountId: number, classId: number, headTeacher = false): void {
  stmt(db, 'INSERT OR IGNORE INTO account_class (account_id, class_id, head_teacher) VALUES (?, ?, ?)').run(
    accountId,
    classId,
    headTeacher ? 1 : 0,
  );
}

export function linkGuardian(db: SchoolDb, guardianId: number, childId: number): void {
  stmt(db, 'INSERT OR IGNORE INTO guardian_link (guardian_id, child_id) VALUES (?, ?)').run(guardianId, childId);
}

/**
 * Many memberships in one statement ([account, class, head teacher] each), as an import adds
 * them by the thousand: one statement costs less than the binding of thousands of runs.
 */
export function attachAllToClasses(db: SchoolDb, links: readonly (readonly [accountId: number, classId: number, headTeacher: boolean])[]): void {
  if (links.length === 0) return;
  stmt(
    db,
    `INSERT OR IGNORE INTO account_class (account_id, class_id, head_teacher)
     SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?)`,
  ).run(JSON.stringify(links.map(([accountId, classId, head]) => [accountId, classId, head ? 1 : 0])));
}

/** Many guardian ↔ child links in one statement ([guardian, child] each). */
export function linkAllGuardians(db: SchoolDb, links: readonly (readonly [guardianId: number, childId: number])[]): void {
  if (links.length === 0) return;
  stmt(db, 'INSERT OR IGNORE INTO guardian_link (guardian_id, child_id) SELECT value ->> 0, value ->> 1 FROM json_each(?)').run(JSON.stringify(links));
}

export function listClasses(db: SchoolDb): ClassSummary[] {
  return stmt<[], ClassSummary>(
    db,
    `SELECT c.id, c.name, c.level, c.external_code AS externalCode,
       (SELECT count(*) FROM account_class ac JOIN account a ON a.id = ac.account_id
         WHERE ac.class_id = c.id AND a.profile = 'student') AS students,
       (SELECT count(*) FROM account_class ac JOIN account a ON a.id = ac.account_id
         WHERE ac.class_id = c.id AND a.profile = 'teacher') AS teachers
     FROM class c ORDER BY c.sort_name`,
  ).all();
}

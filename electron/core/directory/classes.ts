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

import type { SchoolDb } from '../db/open.ts';
import { stmt } from '../db/statements.ts';
import { UserError } from '../errors.ts';
import { requireLiveAccount } from './accounts.ts';
import type { Author } from './journal.ts';
import { addClass, assertMayJoinClass, removeClass } from './links.ts';
import type { TeacherClassMatrix } from '../../../shared/domain/account-sheet.ts';

/**
 * « Copy last year's »: teachers' classes are remembered per school year (teacher_class_year),
 * at each start-up and after each change made here. After the ENT's summer update has
 * detached everyone, last year's links are re-created for the teachers still here and the
 * classes whose name still exists. This works for every school, with or without STS-Web:
 * an STS import writes this year's links itself, it does not say what last year's were.
 */

/** The school year a date falls in, by the year it starts; the new one starts on 1 August. */
export function schoolYearOf(date: Date): number {
  return date.getUTCMonth() >= 7 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
}

/** Writes this year's teacher ↔ class links into teacher_class_year, unless there are none (after the summer update). */
export function rememberTeacherClasses(db: SchoolDb, now: Date): void {
  const year = schoolYearOf(now);
  const links = `FROM account_class ac JOIN account a ON a.id = ac.account_id JOIN class c ON c.id = ac.class_id
    WHERE a.profile = 'teacher' AND a.pre_deleted_at IS NULL`;
  const any = stmt<[], number>(db, `SELECT count(*) ${links}`).pluck().get() ?? 0;
  if (any === 0) return;
  db.transaction(() => {
    stmt(db, 'DELETE FROM teacher_class_year WHERE school_year = ?').run(year);
    stmt(db, `INSERT INTO teacher_class_year (school_year, account_id, class_name) SELECT ?, ac.account_id, c.name ${links}`).run(year);
  })();
}

interface LastYearLink {
  account_id: number;
  class_id: number;
}

/** Last year's links that can be made again and are not there yet. */
function lastYearLinks(db: SchoolDb, now: Date): LastYearLink[] {
  return stmt<[number], LastYearLink>(
    db,
    `SELECT y.account_id, c.id AS class_id FROM teacher_class_year y
     JOIN account a ON a.id = y.account_id AND a.pre_deleted_at IS NULL AND a.profile <> 'relative'
     JOIN class c ON c.name = y.class_name
     WHERE y.school_year = ?
       AND NOT EXISTS (SELECT 1 FROM account_class ac WHERE ac.account_id = y.account_id AND ac.class_id = c.id)
     ORDER BY a.sort_name, c.sort_name`,
  ).all(schoolYearOf(now) - 1);
}

export function teacherClassMatrix(db: SchoolDb, now: Date): TeacherClassMatrix {
  const teachers = stmt<[], { id: number; last_name: string; first_name: string; login: string; class_ids: string }>(
    db,
    `SELECT a.id, a.last_name, a.first_name, a.login,
       (SELECT json_group_array(class_id) FROM account_class WHERE account_id = a.id) AS class_ids
     FROM account a WHERE a.profile = 'teacher' AND a.pre_deleted_at IS NULL ORDER BY a.sort_name, a.id`,
  ).all();
  const classes = stmt<[], { id: number; name: string; level: string | null }>(db, 'SELECT id, name, level FROM class ORDER BY sort_name').all();
  const remembered = stmt<[number], number>(db, 'SELECT count(*) FROM teacher_class_year WHERE school_year = ?').pluck().get(schoolYearOf(now) - 1) ?? 0;
  return {
    schoolYear: schoolYearOf(now),
    teachers: teachers.map((row) => ({
      id: row.id,
      lastName: row.last_name,
      firstName: row.first_name,
      login: row.login,
      classIds: JSON.parse(row.class_ids) as number[],
    })),
    classes,
    lastYear: remembered > 0 ? { schoolYear: schoolYearOf(now) - 1, links: lastYearLinks(db, now).length } : null,
  };
}

/** The rentrée screen's bulk edit: each listed teacher ends up in exactly those classes. Returns the links changed. */
export function setTeacherClasses(db: SchoolDb, assignments: readonly { teacherId: number; classIds: number[] }[], by: Author): number {
  const changed = db.transaction(() => {
    let count = 0;
    for (const { teacherId, classIds } of assignments) {
      const account = requireLiveAccount(db, teacherId);
      if (classIds.length > 0) assertMayJoinClass(account);
      const wanted = new Set(classIds);
      const current = new Set(stmt<[number], number>(db, 'SELECT class_id FROM account_class WHERE account_id = ?').pluck().all(teacherId));
      for (const classId of current) if (!wanted.has(classId) && removeClass(db, teacherId, classId, by)) count++;
      for (const classId of wanted) if (!current.has(classId) && addClass(db, teacherId, classId, by)) count++;
    }
    return count;
  })();
  rememberTeacherClasses(db, by.at);
  return changed;
}

/** « Copier l'année précédente »: re-creates last year's links; returns how many. */
export function copyLastYear(db: SchoolDb, by: Author): number {
  const links = lastYearLinks(db, by.at);
  const remembered = stmt<[number], number>(db, 'SELECT count(*) FROM teacher_class_year WHERE school_year = ?').pluck().get(schoolYearOf(by.at) - 1) ?? 0;
  if (remembered === 0) {
    throw new UserError('not-found', 'Sésame ne connaît pas les rattachements de l’an dernier : rattachez les enseignants à leurs classes cette année, ils serviront l’an prochain.');
  }
  const attached = db.transaction(() => links.filter((link) => addClass(db, link.account_id, link.class_id, by)).length)();
  rememberTeacherClasses(db, by.at);
  return attached;
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { entExport, type EntRow } from '../../test-support/import-files.ts';
import { importFiles, testSchool, value, type TestSchool } from '../../test-support/import-school.ts';

/**
 * Distribution follow-up (MISSION §6): given a school whose ENT exports come in week after
 * week, the director sees, class by class, how many accounts are activated and what each new
 * export brought.
 */
const people: EntRow[] = [
  { id: 'E1', type: 'Élève', last: 'ALLARD', first: 'Emma', login: 'emma.allard', classes: 'CP A' },
  { id: 'E2', type: 'Élève', last: 'BERNARD', first: 'Léo', login: 'leo.bernard', classes: 'CP A' },
  { id: 'E3', type: 'Élève', last: 'ROUX', first: 'Jade', login: 'jade.roux', classes: 'CE1' },
  { id: 'P1', type: 'Parent', last: 'ALLARD', first: 'Claire', login: 'claire.allard', children: 'Emma ALLARD' },
  { id: 'P2', type: 'Parent', last: 'BERNARD', first: 'Paul', login: 'paul.bernard', children: 'Léo BERNARD' },
  { id: 'P3', type: 'Parent', last: 'ROUX', first: 'Nadia', login: 'nadia.roux', children: 'Jade ROUX' },
  { id: 'T1', type: 'Enseignant', last: 'MARTIN', first: 'Hélène', login: 'helene.martin', classes: 'CP A, CE1' },
];

/** The ENT export of the day: the given logins have activated their account (no code left). */
const exportWith = (activated: string[]) => ({
  'export.csv': entExport(people.map((row, index) => ({ ...row, code: activated.includes(row.login) ? '' : `code${String(index).padStart(4, '0')}` }))),
});

let school: TestSchool;
beforeEach(async () => {
  school = await testSchool();
});
afterEach(() => school.close());

const followUp = async () => value(await school.api.publipostage.followUp({}));
const classRow = async (name: string) => (await followUp()).classes.find((row) => row.className === name);

describe('activation progress after each new ENT export', () => {
  it('reports, school-wide and per class, what each export brought and where activation stands', async () => {
    const first = await importFiles(school, exportWith(['emma.allard']));
    expect(first.activation).toEqual({ accounts: 7, activated: 1, newlyActivated: 1, first: true });

    const second = await importFiles(school, exportWith(['emma.allard', 'claire.allard', 'jade.roux', 'helene.martin']));
    expect(second.activation).toEqual({ accounts: 7, activated: 4, newlyActivated: 3, first: false });

    const report = await followUp();
    expect(report.school).toEqual({ accounts: 7, activated: 4, handedOut: 0 });
    expect(report.profiles).toEqual([
      { profile: 'student', accounts: 3, activated: 2, handedOut: 0 },
      { profile: 'relative', accounts: 3, activated: 1, handedOut: 0 },
      { profile: 'teacher', accounts: 1, activated: 1, handedOut: 0 },
    ]);
    expect(report.exports.map(({ activated, newlyActivated, files }) => ({ activated, newlyActivated, files }))).toEqual([
      { activated: 1, newlyActivated: 1, files: ['export.csv'] },
      { activated: 4, newlyActivated: 3, files: ['export.csv'] },
    ]);
    // CP A: its two pupils, their two parents and the teacher; CE1: one pupil, her mother, the same teacher.
    expect(report.classes).toEqual([
      { className: 'CP A', accounts: 5, activated: 3, handedOut: 0, newlyActivated: 2, history: [1 / 5, 3 / 5] },
      { className: 'CE1', accounts: 3, activated: 2, handedOut: 0, newlyActivated: 2, history: [0, 2 / 3] },
    ].sort((a, b) => a.className.localeCompare(b.className, 'fr')));

    const history = value(await school.api.imports.history({}));
    expect(history.map((run) => run.activation?.newlyActivated)).toEqual([3, 1]);
  });

  it('counts only the exports still in force: an undone export no longer shows', async () => {
    await importFiles(school, exportWith([]));
    await importFiles(school, exportWith(['leo.bernard', 'paul.bernard']));
    expect((await classRow('CP A'))?.newlyActivated).toBe(2);

    value(await school.api.imports.undoLast({}));

    const report = await followUp();
    expect(report.exports).toHaveLength(1);
    expect(report.school.activated).toBe(0);
    expect(await classRow('CP A')).toMatchObject({ activated: 0, newlyActivated: 0, history: [0] });
  });

  it('keeps no record for an import that changes nothing, nor for files without activation states', async () => {
    await importFiles(school, exportWith(['emma.allard']));
    const again = await importFiles(school, exportWith(['emma.allard']));
    expect(again).toMatchObject({ runId: null, activation: null });
    expect((await followUp()).exports).toHaveLength(1);
  });

  it('shows classes with no export yet, and follows the hand-out of sheets too', async () => {
    expect(await followUp()).toEqual({ school: { accounts: 0, activated: 0, handedOut: 0 }, profiles: [], classes: [], exports: [] });
    await importFiles(school, exportWith([]));
    school.db.exec("UPDATE import_run SET activation = NULL");
    const ids = school.db.prepare("SELECT id FROM account WHERE login IN ('jade.roux', 'nadia.roux')").pluck().all() as number[];
    value(await school.api.publipostage.markHandedOut({ target: { kind: 'accounts', accountIds: ids }, handedOut: true }));

    expect(await classRow('CE1')).toEqual({ className: 'CE1', accounts: 3, activated: 0, handedOut: 2, newlyActivated: null, history: [] });
    expect((await followUp()).school).toEqual({ accounts: 7, activated: 0, handedOut: 2 });
  });
});

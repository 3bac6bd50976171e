import { beforeEach, describe, expect, it } from 'vitest';
import { givenSchool, value, type TestSchool } from '../../test-support/given-school.ts';
import { rememberTeacherClasses, schoolYearOf } from './rentree.ts';

describe('rentrée: teachers × classes', () => {
  let school: TestSchool;
  let cpA: number;
  let ce1: number;
  let cm2: number;
  let karim: number;
  let sylvie: number;

  beforeEach(async () => {
    school = await givenSchool(new Date('2026-06-20T08:00:00Z'));
    cpA = school.addClass('CP A');
    ce1 = school.addClass('CE1');
    cm2 = school.addClass('CM2');
    karim = school.addAccount({ lastName: 'BENSAÏD', firstName: 'Karim', profile: 'teacher' });
    sylvie = school.addAccount({ lastName: 'LE BRAS', firstName: 'Sylvie', profile: 'teacher' });
    school.addAccount({ lastName: 'COLIN', firstName: 'Martine', profile: 'personnel' });
  });

  const matrix = async () => value(await school.api.directory.teacherClasses({}));

  it.each([
    ['2026-07-31T23:00:00Z', 2025],
    ['2026-08-01T00:00:00Z', 2026],
    ['2027-01-15T12:00:00Z', 2026],
  ])('a new school year starts on 1 August: %s is in %i', (date, year) => {
    expect(schoolYearOf(new Date(date))).toBe(year);
  });

  it('lists the teachers and the classes, and edits them in bulk (one teacher, several classes)', async () => {
    const changed = value(await school.api.directory.setTeacherClasses({ assignments: [{ teacherId: karim, classIds: [cpA, ce1] }, { teacherId: sylvie, classIds: [cm2] }] }));
    expect(changed).toEqual({ changed: 3 });
    const { teachers, classes, schoolYear } = await matrix();
    expect(schoolYear).toBe(2025);
    expect(classes.map((c) => c.name)).toEqual(['CE1', 'CM2', 'CP A']);
    expect(teachers.map((t) => [t.firstName, [...t.classIds].sort()])).toEqual([
      ['Karim', [cpA, ce1].sort()],
      ['Sylvie', [cm2]],
    ]);
    // Replacing Karim's classes detaches from CP A and keeps CE1.
    expect(value(await school.api.directory.setTeacherClasses({ assignments: [{ teacherId: karim, classIds: [ce1] }] }))).toEqual({ changed: 1 });
    const journal = value(await school.api.directory.journal({ accountId: karim, offset: 0, limit: 1 }));
    expect(journal.items[0]?.summary).toBe('Détaché de la classe CP A');
  });

  it('copies last year’s links after the summer update detached everyone', async () => {
    value(await school.api.directory.setTeacherClasses({ assignments: [{ teacherId: karim, classIds: [cpA, ce1] }, { teacherId: sylvie, classIds: [cm2] }] }));
    expect((await matrix()).lastYear).toBeNull();

    // September: the ENT's summer update has emptied the classes, and CE1 was renamed.
    school.advance(80);
    school.db.exec(`DELETE FROM account_class; UPDATE class SET name = 'CE1 A' WHERE id = ${ce1}`);
    rememberTeacherClasses(school.db, school.clock.now);
    const before = await matrix();
    expect(before.schoolYear).toBe(2026);
    expect(before.lastYear).toEqual({ schoolYear: 2025, links: 2 });

    expect(value(await school.api.directory.copyLastYear({}))).toEqual({ attached: 2 });
    const after = await matrix();
    expect(after.teachers.map((t) => [t.firstName, t.classIds])).toEqual([
      ['Karim', [cpA]],
      ['Sylvie', [cm2]],
    ]);
    expect(after.lastYear).toEqual({ schoolYear: 2025, links: 0 });
  });

  it('says when there is nothing remembered from last year', async () => {
    const result = await school.api.directory.copyLastYear({});
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringContaining('ne connaît pas les rattachements de l’an dernier') } });
  });

  it('refuses a parent in the matrix, changing nothing', async () => {
    const parent = school.addAccount({ lastName: 'X', firstName: 'Y', profile: 'relative' });
    const result = await school.api.directory.setTeacherClasses({ assignments: [{ teacherId: karim, classIds: [cpA] }, { teacherId: parent, classIds: [cpA] }] });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect((await matrix()).teachers.every((t) => t.classIds.length === 0)).toBe(true);
  });
});

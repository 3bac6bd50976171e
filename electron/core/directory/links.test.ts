import { beforeEach, describe, expect, it } from 'vitest';
import { givenSchool, value, type TestSchool } from '../../test-support/given-school.ts';

describe('classes and guardians on the sheet', () => {
  let school: TestSchool;
  let cpA: number;
  let cm2: number;
  let heloise: number;
  let noe: number;
  let sandrine: number;
  let karim: number;

  beforeEach(async () => {
    school = await givenSchool();
    cpA = school.addClass('CP A', 'CP');
    cm2 = school.addClass('CM2', 'CM2');
    heloise = school.addAccount({ lastName: 'MARTIN', firstName: 'Héloïse' });
    noe = school.addAccount({ lastName: 'MARTIN', firstName: 'Noé' });
    sandrine = school.addAccount({ lastName: 'MARTIN', firstName: 'Sandrine', profile: 'relative' });
    karim = school.addAccount({ lastName: 'BENSAÏD', firstName: 'Karim', profile: 'teacher' });
  });

  const sheet = async (id: number) => value(await school.api.directory.get({ id }));
  const journalOf = async (id: number) => value(await school.api.directory.journal({ accountId: id, offset: 0, limit: 50 })).items;

  it('attaches a teacher to two classes, then detaches one', async () => {
    expect(value(await school.api.directory.attachClass({ id: karim, classId: cpA }))).toEqual({ changed: true });
    expect(value(await school.api.directory.attachClass({ id: karim, classId: cm2 }))).toEqual({ changed: true });
    expect(value(await school.api.directory.attachClass({ id: karim, classId: cm2 }))).toEqual({ changed: false });
    expect((await sheet(karim)).classes.map((c) => c.name)).toEqual(['CM2', 'CP A']);
    expect(value(await school.api.directory.detachClass({ id: karim, classId: cpA }))).toEqual({ changed: true });
    const after = await sheet(karim);
    expect(after.classes.map((c) => c.name)).toEqual(['CM2']);
    expect(after.manualEdits).toEqual(['classes']);
    expect((await journalOf(karim)).map((item) => item.summary)).toEqual([
      'Détaché de la classe CP A',
      'Rattaché à la classe CM2',
      'Rattaché à la classe CP A',
    ]);
  });

  it('refuses to attach a parent to a class', async () => {
    const result = await school.api.directory.attachClass({ id: sandrine, classId: cpA });
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid-argument', message: 'Sandrine MARTIN est un parent : un parent n’est pas rattaché à une classe, il apparaît dans celles de ses enfants.' },
    });
    expect((await sheet(sandrine)).classes).toEqual([]);
  });

  it('refuses a class that no longer exists', async () => {
    const result = await school.api.directory.attachClass({ id: karim, classId: 999 });
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringContaining('Cette classe n’existe plus') } });
  });

  it('links a guardian to two children and unlinks one; both sheets and journals show it', async () => {
    expect(value(await school.api.directory.linkGuardian({ guardianId: sandrine, childId: heloise }))).toEqual({ changed: true });
    expect(value(await school.api.directory.linkGuardian({ guardianId: sandrine, childId: noe }))).toEqual({ changed: true });
    expect(value(await school.api.directory.linkGuardian({ guardianId: sandrine, childId: noe }))).toEqual({ changed: false });
    expect((await sheet(sandrine)).children.map((c) => c.firstName)).toEqual(['Héloïse', 'Noé']);
    expect((await sheet(heloise)).guardians.map((g) => g.firstName)).toEqual(['Sandrine']);

    expect(value(await school.api.directory.unlinkGuardian({ guardianId: sandrine, childId: noe }))).toEqual({ changed: true });
    expect((await sheet(noe)).guardians).toEqual([]);
    expect((await sheet(noe)).manualEdits).toEqual(['guardians']);
    expect((await sheet(sandrine)).manualEdits).toEqual(['children']);
    expect((await journalOf(noe)).map((item) => item.summary)).toEqual(['Responsable retiré', 'Responsable ajouté']);
    expect((await journalOf(sandrine)).map((item) => item.summary)).toEqual(['Enfant retiré', 'Enfant ajouté', 'Enfant ajouté']);
  });

  it.each([
    ['a pupil as their own guardian', () => ({ guardianId: heloise, childId: heloise }), 'Héloïse MARTIN ne peut pas être son propre responsable.'],
    ['a pupil as guardian of another pupil', () => ({ guardianId: noe, childId: heloise }), 'Noé MARTIN n’a pas un compte Parent : seul un compte Parent peut être responsable d’un élève.'],
    ['a guardian for a teacher', () => ({ guardianId: sandrine, childId: karim }), 'Karim BENSAÏD n’est pas un élève : seuls les élèves ont des responsables.'],
  ])('refuses %s, changing nothing', async (_case, link, message) => {
    const result = await school.api.directory.linkGuardian(link());
    expect(result).toEqual({ ok: false, error: { code: 'invalid-argument', message } });
    expect(school.db.prepare('SELECT count(*) FROM guardian_link').pluck().get()).toBe(0);
    expect(school.db.prepare('SELECT count(*) FROM journal').pluck().get()).toBe(0);
  });
});

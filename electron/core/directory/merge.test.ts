import { beforeEach, describe, expect, it } from 'vitest';
import { givenSchool, value, type TestSchool } from '../../test-support/given-school.ts';

describe('guest accounts', () => {
  let school: TestSchool;

  beforeEach(async () => {
    school = await givenSchool();
    school.addAccount({ lastName: 'STAGIAIRE', firstName: 'Pierre', login: 'pierre.stagiaire' });
  });

  it('records a guest not yet in the ENT: a provisional login, no activation code, the manual source', async () => {
    const guest = value(await school.api.directory.createGuest({ lastName: 'Stagiaire', firstName: 'Pierre', email: 'p@ac-nice.example' }));
    expect(guest.login).toBe('pierre.stagiaire2');
    const sheet = value(await school.api.directory.get({ id: guest.id }));
    expect(sheet).toMatchObject({ profile: 'guest', lastName: 'STAGIAIRE', firstName: 'Pierre', source: 'MANUEL', activated: false, activationCode: null, email: 'p@ac-nice.example' });
    const [entry] = value(await school.api.directory.journal({ accountId: guest.id, offset: 0, limit: 1 })).items;
    expect(entry).toMatchObject({ action: 'account.create', summary: 'Compte invité enregistré dans Sésame — à faire dans l’ENT' });
  });

  it.each([
    ['an empty name', { lastName: '  ', firstName: 'Pierre' }, 'Indiquez le nom et le prénom de l’invité.'],
    ['an invalid e-mail', { lastName: 'X', firstName: 'Y', email: 'pas-une-adresse' }, 'n’est pas une adresse de courriel valide'],
  ])('refuses %s, creating nothing', async (_case, guest, message) => {
    const result = await school.api.directory.createGuest(guest);
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringContaining(message) } });
    expect(school.db.prepare('SELECT count(*) FROM account').pluck().get()).toBe(1);
  });
});

describe('merging a duplicate', () => {
  let school: TestSchool;
  let cpA: number;
  let cm2: number;
  let teacher: number;
  let guest: number;

  beforeEach(async () => {
    school = await givenSchool();
    cpA = school.addClass('CP A');
    cm2 = school.addClass('CM2');
    teacher = school.addAccount({ lastName: 'LE BRAS', firstName: 'Sylvie', profile: 'teacher', login: 'sylvie.lebras' });
    guest = school.addAccount({ lastName: 'LE BRAS', firstName: 'Sylvie', profile: 'guest', login: 'sylvie.lebras2', alias: 'sylvie.cp', email: 's.lebras@ac-nice.example', source: 'MANUEL' });
    school.attach(teacher, cpA);
    school.attach(guest, cpA);
    school.attach(guest, cm2);
  });

  it('keeps the teacher, moves the guest’s classes and fills what the teacher lacked, then deletes the guest', async () => {
    const outcome = value(await school.api.directory.merge({ keepId: teacher, removeId: guest }));
    // The guest never reached the ENT (made here by hand): nothing to merge there.
    expect(outcome).toEqual({ keptId: teacher, classes: 1, guardians: 0, children: 0, entTodo: 'none' });
    const sheet = value(await school.api.directory.get({ id: teacher }));
    expect(sheet.classes.map((c) => c.name)).toEqual(['CM2', 'CP A']);
    expect(sheet).toMatchObject({ email: 's.lebras@ac-nice.example', alias: 'sylvie.cp', profile: 'teacher', login: 'sylvie.lebras' });
    expect(await school.api.directory.get({ id: guest })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    // The moved alias is searchable on the kept account.
    expect(value(await school.api.directory.search({ text: 'sylvie.cp', limit: 5 })).map((a) => a.id)).toEqual([teacher]);
    const [merged] = value(await school.api.directory.journal({ accountId: teacher, offset: 0, limit: 1 })).items;
    expect(merged).toMatchObject({ action: 'account.merge', summary: `Doublon n° ${guest} fusionné dans ce compte` });
    expect(merged?.before).toMatchObject({ removed: { profile: 'guest', classes: ['CM2', 'CP A'] } });
    const [removed] = value(await school.api.directory.journal({ accountId: guest, offset: 0, limit: 1 })).items;
    expect(removed?.summary).toBe(`Compte fusionné dans le compte n° ${teacher} puis supprimé de Sésame`);
  });

  it('moves guardian links between two parent accounts', async () => {
    const child = school.addAccount({ lastName: 'LE BRAS', firstName: 'Noé' });
    const parent = school.addAccount({ lastName: 'LE BRAS', firstName: 'Anne', profile: 'relative' });
    const duplicate = school.addAccount({ lastName: 'LE BRAS', firstName: 'Anne', profile: 'relative' });
    school.link(duplicate, child);
    expect(value(await school.api.directory.merge({ keepId: parent, removeId: duplicate })).children).toBe(1);
    expect(value(await school.api.directory.get({ id: child })).guardians.map((g) => g.id)).toEqual([parent]);
  });

  it.each([
    ['an account with itself', () => ({ keepId: teacher, removeId: teacher }), 'Un compte ne peut pas être fusionné avec lui-même : choisissez le doublon à fusionner.'],
    ['an official account into a guest', () => ({ keepId: guest, removeId: teacher }), 'Gardez le compte officiel (Enseignant) et fusionnez-y le compte invité, pas l’inverse.'],
  ])('refuses to merge %s, changing nothing', async (_case, pair, message) => {
    const result = await school.api.directory.merge(pair());
    expect(result).toEqual({ ok: false, error: { code: 'invalid-argument', message } });
    expect(school.db.prepare('SELECT count(*) FROM account').pluck().get()).toBe(2);
    expect(school.db.prepare('SELECT count(*) FROM journal').pluck().get()).toBe(0);
  });

  it('refuses to merge a pupil into a parent', async () => {
    const pupil = school.addAccount({ lastName: 'A', firstName: 'B' });
    const parent = school.addAccount({ lastName: 'A', firstName: 'C', profile: 'relative' });
    const result = await school.api.directory.merge({ keepId: parent, removeId: pupil });
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringContaining('ne sont pas la même personne') } });
  });

  it('refuses to merge with a purged account', async () => {
    const result = await school.api.directory.merge({ keepId: teacher, removeId: 999 });
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

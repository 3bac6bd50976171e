import { beforeEach, describe, expect, it } from 'vitest';
import { givenSchool, value, type TestSchool } from '../../test-support/given-school.ts';

describe('the user sheet (fiche)', () => {
  let school: TestSchool;
  let cpA: number;
  let heloise: number;
  let sandrine: number;
  let karim: number;

  beforeEach(async () => {
    school = await givenSchool();
    cpA = school.addClass('CP A', 'CP');
    heloise = school.addAccount({ lastName: 'MARTIN', firstName: 'Héloïse', ine: '123456789AB', externalId: 'E-1', entId: 'ent-1', birthDate: '2019-03-04' });
    sandrine = school.addAccount({ lastName: 'MARTIN', firstName: 'Sandrine', profile: 'relative', activationCode: null, email: 'sandrine@laposte.example' });
    karim = school.addAccount({ lastName: 'BENSAÏD', firstName: 'Karim', profile: 'teacher', localAdmin: true });
    school.attach(heloise, cpA);
    school.attach(karim, cpA);
    school.link(sandrine, heloise);
  });

  it('shows every field of a pupil, with their class, guardians and groups', async () => {
    const sheet = value(await school.api.directory.get({ id: heloise }));
    expect(sheet).toMatchObject({
      profile: 'student',
      lastName: 'MARTIN',
      firstName: 'Héloïse',
      birthDate: '2019-03-04',
      activationCode: 'abcd2345',
      activated: false,
      entStatus: 'known',
      entId: 'ent-1',
      externalId: 'E-1',
      ine: '123456789AB',
      source: 'ENT',
      localAdmin: false,
      blocked: false,
      preDeletedAt: null,
      renewal: null,
      classes: [{ id: cpA, name: 'CP A', headTeacher: false }],
      guardians: [{ id: sandrine, firstName: 'Sandrine', profile: 'relative', classes: [] }],
      children: [],
      groups: ['Élèves de la classe CP A'],
      manualEdits: [],
    });
  });

  it('shows a parent as activated, with their children and their children’s classes', async () => {
    const sheet = value(await school.api.directory.get({ id: sandrine }));
    expect(sheet.activated).toBe(true);
    expect(sheet.activationCode).toBeNull();
    expect(sheet.children).toEqual([expect.objectContaining({ id: heloise, classes: ['CP A'] })]);
    expect(sheet.groups).toEqual(['Parents de la classe CP A']);
  });

  it('shows the local-admin function', async () => {
    expect(value(await school.api.directory.get({ id: karim })).localAdmin).toBe(true);
  });

  it('says how long ago an account was pre-deleted and when it will be purged', async () => {
    value(await school.api.directory.preDelete({ id: heloise }));
    school.advance(12);
    const sheet = value(await school.api.directory.get({ id: heloise }));
    expect(sheet.preDeletedDays).toBe(12);
    expect(sheet.purgeAt).toBe('2026-12-06T08:00:00.000Z');
  });

  it('answers in French when the account is gone', async () => {
    const result = await school.api.directory.get({ id: 9999 });
    expect(result).toEqual({ ok: false, error: { code: 'not-found', message: expect.stringContaining('Ce compte n’existe plus') } });
  });
});

describe('editing the sheet', () => {
  let school: TestSchool;
  let heloise: number;
  let sandrine: number;

  beforeEach(async () => {
    school = await givenSchool();
    heloise = school.addAccount({ lastName: 'MARTIN', firstName: 'Héloïse', login: 'heloise.martin' });
    sandrine = school.addAccount({ lastName: 'MARTIN', firstName: 'Sandrine', profile: 'relative', login: 'sandrine.martin', alias: 'smartin' });
  });

  it('saves an e-mail, a phone in national form and an alias, each marked as typed by hand and journaled', async () => {
    school.advance(1);
    const { changed } = value(await school.api.directory.update({ id: sandrine, email: ' s.martin@orange.example ', phone: '+33 6 12 34 56 78', alias: 'sandrine.m' }));
    expect(changed).toEqual(['email', 'phone', 'alias']);
    const sheet = value(await school.api.directory.get({ id: sandrine }));
    expect(sheet).toMatchObject({ email: 's.martin@orange.example', phone: '0612345678', alias: 'sandrine.m', updatedAt: '2026-09-08T08:00:00.000Z' });
    expect(sheet.manualEdits).toEqual(['alias', 'email', 'phone']);
    const journal = value(await school.api.directory.journal({ accountId: sandrine, offset: 0, limit: 10 }));
    expect(journal.items.map((item) => [item.summary, item.before, item.after])).toEqual([
      ['Identifiant personnalisé (alias) modifié', { alias: 'smartin' }, { alias: 'sandrine.m' }],
      ['Téléphone ajouté', { phone: null }, { phone: '0612345678' }],
      ['Courriel ajouté', { email: null }, { email: 's.martin@orange.example' }],
    ]);
    expect(journal.items.every((item) => item.actor === 'directrice' && item.at === '2026-09-08T08:00:00.000Z')).toBe(true);
  });

  it('clears a field given as empty, and changes nothing when nothing differs', async () => {
    value(await school.api.directory.update({ id: sandrine, email: 'a@b.example' }));
    expect(value(await school.api.directory.update({ id: sandrine, email: 'a@b.example' })).changed).toEqual([]);
    expect(value(await school.api.directory.update({ id: sandrine, email: '' })).changed).toEqual(['email']);
    expect(value(await school.api.directory.get({ id: sandrine })).email).toBeNull();
  });

  it('grants and removes the local-admin function', async () => {
    value(await school.api.directory.update({ id: sandrine, localAdmin: true }));
    expect(value(await school.api.directory.get({ id: sandrine })).localAdmin).toBe(true);
    const [entry] = value(await school.api.directory.journal({ accountId: sandrine, offset: 0, limit: 1 })).items;
    expect(entry?.summary).toBe('Droit d’administrateur local attribué');
  });

  it.each([
    ['an invalid e-mail', { email: 'sandrine.laposte.fr' }, 'invalid-argument', 'n’est pas une adresse de courriel valide'],
    ['an e-mail with a space', { email: 'sandrine martin@laposte.fr' }, 'invalid-argument', 'n’est pas une adresse de courriel valide'],
    ['an invalid phone', { phone: '06 12 34' }, 'invalid-argument', 'n’est pas un numéro de téléphone valide'],
    ['an alias with capitals', { alias: 'Sandrine' }, 'invalid-argument', 'lettres minuscules sans accent'],
    ['an alias with an accent', { alias: 'hélène' }, 'invalid-argument', 'lettres minuscules sans accent'],
    ['an alias too long', { alias: 'a'.repeat(65) }, 'invalid-argument', 'au plus 64 caractères'],
    ['an alias that is someone’s login', { alias: 'heloise.martin' }, 'conflict', 'déjà utilisé par Héloïse MARTIN'],
    ['a valid e-mail with an invalid phone', { email: 'ok@ok.example', phone: 'abc' }, 'invalid-argument', 'numéro de téléphone'],
  ])('refuses %s and changes nothing', async (_case, edits, code, message) => {
    const before = value(await school.api.directory.get({ id: sandrine }));
    const result = await school.api.directory.update({ id: sandrine, ...edits });
    expect(result).toEqual({ ok: false, error: { code, message: expect.stringContaining(message) } });
    expect(value(await school.api.directory.get({ id: sandrine }))).toEqual(before);
    expect(value(await school.api.directory.journal({ accountId: sandrine, offset: 0, limit: 10 })).total).toBe(0);
  });

  it('refuses an alias already used as another account’s alias', async () => {
    const result = await school.api.directory.update({ id: heloise, alias: 'smartin' });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('Sandrine MARTIN') } });
  });

  it('refuses to edit a pre-deleted account until it is restored', async () => {
    value(await school.api.directory.preDelete({ id: sandrine }));
    const result = await school.api.directory.update({ id: sandrine, email: 'a@b.example' });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('restaurez-le') } });
    value(await school.api.directory.restore({ id: sandrine }));
    expect(value(await school.api.directory.update({ id: sandrine, email: 'a@b.example' })).changed).toEqual(['email']);
  });
});

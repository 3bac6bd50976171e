import { describe, expect, it } from 'vitest';
import type { AccountListItem } from '../../../shared/domain/account.ts';
import { defaultLetterTexts } from '../../../shared/domain/letters.ts';
import { defaultSchoolSettings } from '../../../shared/domain/settings.ts';
import { buildSheet, cleanText, longFrenchDate, sheetFrame } from './sheet-model.ts';

const frame = sheetFrame(
  { ...defaultSchoolSettings, schoolName: 'École Jules Ferry', city: 'Nice', entName: 'ONE', entUrl: 'https://ent.ecole.example/' },
  '2026-09-01',
);

function account(overrides: Partial<AccountListItem>): AccountListItem {
  return {
    id: 1,
    profile: 'student',
    lastName: 'ALLARD',
    firstName: 'Emma',
    login: 'emma.allard',
    alias: null,
    activationCode: 'k3m7p9rt',
    activated: false,
    entStatus: 'known',
    email: null,
    phone: null,
    classes: ['6A'],
    children: [],
    guardians: [],
    localAdmin: false,
    blocked: false,
    preDeleted: false,
    source: 'ENT',
    externalId: null,
    createdAt: '2026-08-30T10:00:00Z',
    ...overrides,
  };
}

describe('sheet model', () => {
  it('gives a not-activated pupil the first-connection content with the code', () => {
    const sheet = buildSheet(account({}), frame, defaultLetterTexts);
    expect(sheet).toMatchObject({ audience: 'pupil', state: 'notActivated', activationCode: 'k3m7p9rt', relation: 'Classe : 6A', filingClass: '6A' });
    expect(sheet.steps[0]?.text).toBe('Rendez-vous sur ent.ecole.example (ou scannez le QR code).');
    expect(sheet.steps.every((step) => step.shared)).toBe(true);
  });

  it('gives an activated account the reminder and forgotten-password steps, never a code', () => {
    const sheet = buildSheet(account({ activated: true, activationCode: null }), frame, defaultLetterTexts);
    expect(sheet.state).toBe('activated');
    expect(sheet.activationCode).toBeNull();
    expect(sheet.steps.map((step) => step.text).join(' ')).toMatch(/Mot de passe oublié/);
    expect(sheet.card.text).toMatch(/déjà activé/);
  });

  it('says whose guardian a parent is, with initials and classes, filed under the first class', () => {
    const parent = account({
      profile: 'relative',
      firstName: 'Virginie',
      classes: [],
      children: [
        { id: 2, firstName: 'Marie', lastName: 'ALLARD', classes: ['4C'] },
        { id: 3, firstName: 'Emma', lastName: 'ALLARD', classes: ['6A'] },
      ],
    });
    const sheet = buildSheet(parent, frame, defaultLetterTexts);
    expect(sheet.relation).toBe('Responsable de : Marie A. (4C), Emma A. (6A)');
    expect(sheet.audience).toBe('parent');
    expect(sheet.filingClass).toBe('4C');
  });

  it.each([
    [{ profile: 'teacher' as const, classes: ['CP A', 'CE1'] }, 'Classes : CP A, CE1', 'staff'],
    [{ profile: 'personnel' as const, classes: [] }, null, 'staff'],
    [{ profile: 'relative' as const, classes: [], children: [] }, null, 'parent'],
  ])('states the relation of %o', (overrides, relation, audience) => {
    const sheet = buildSheet(account(overrides), frame, defaultLetterTexts);
    expect(sheet.relation).toBe(relation);
    expect(sheet.audience).toBe(audience);
  });

  it('fills the personal placeholders of custom texts and keeps names as typed', () => {
    const texts = structuredClone(defaultLetterTexts);
    texts.pupil.notActivated.body = 'Bonjour {prenom} {nom} ({classe}),\n\nVotre code : {code}. École : {ecole}.';
    const sheet = buildSheet(account({ firstName: ' Nguyễn  Thị ', lastName: 'ŞAHİN' }), frame, texts);
    expect(sheet.body).toEqual([
      { text: 'Bonjour Nguyễn Thị ŞAHİN (6A),', shared: false },
      { text: 'Votre code : k3m7p9rt. École : École Jules Ferry.', shared: false },
    ]);
    expect(sheet.displayName).toBe('Nguyễn Thị ŞAHİN');
  });

  it.each([
    ['Alice', 'Compte ONE d’Alice ALLARD', 'Le compte d’Alice est déjà activé'],
    ['Bastien', 'Compte ONE de Bastien ALLARD', 'Le compte de Bastien est déjà activé'],
  ])('elides « de » before %s in the default texts', (firstName, subject, body) => {
    expect(buildSheet(account({ firstName }), frame, defaultLetterTexts).subject.text).toBe(subject);
    const activated = buildSheet(account({ firstName, activated: true, activationCode: null }), frame, defaultLetterTexts);
    expect(activated.body.map((block) => block.text).join(' ')).toContain(body);
  });

  it('prints the place and date the French way', () => {
    expect(frame.placeDate).toBe('Nice, le 1er septembre 2026');
    expect(longFrenchDate('2026-12-24')).toBe('24 décembre 2026');
    expect(frame.displayUrl).toBe('ent.ecole.example');
  });

  it('cleans names: composed accents, single spaces, no control characters', () => {
    expect(cleanText('Ngue\u0302\u0303n\tVa\u0306n  ')).toBe('Nguễn Văn');
    expect(cleanText('Zoé')).toBe('Zoé');
  });
});

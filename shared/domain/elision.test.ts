import { describe, expect, it } from 'vitest';
import { elidesBefore, joinElided, ofSchool, trailingElidable } from './elision.ts';
import { fillTemplate, type PlaceholderValues } from './letters.ts';

describe('French elision', () => {
  it.each([
    ['Alice', true],
    ['Émilie', true],
    ['Èva', true],
    ['Ève', true],
    ['Îlona', true],
    ['Océane', true],
    ['Ugo', true],
    ['ONE', true],
    ['Œdipe', true],
    ['Yves', true],
    ['Yasmine', false],
    ['Yann', false],
    ['Hélène', true],
    ['Hugo', true],
    ['hôpital', true],
    ['Hugues', false],
    ['Hamid', false],
    ['Bernard', false],
    ['NEO', false],
    ['', false],
  ])('%j: elided before it → %s', (word, expected) => {
    expect(elidesBefore(word)).toBe(expected);
  });

  it.each([
    ['de', 'Alice', 'd’Alice'],
    ['De', 'Émilie', 'D’Émilie'],
    ['le', 'ENT', 'l’ENT'],
    ['la', 'Île-de-France', 'l’Île-de-France'],
    ['que', 'Hélène', 'qu’Hélène'],
    ['Que', 'Ugo', 'Qu’Ugo'],
    ['de', 'Yasmine', 'de Yasmine'],
    ['de', 'Hugues', 'de Hugues'],
    ['de', 'Bernard', 'de Bernard'],
    ['pour', 'Alice', 'pour Alice'],
  ])('%s + %s → %s', (word, next, expected) => {
    expect(joinElided(word, next)).toBe(expected);
  });

  it.each([
    ['École Jules Ferry', 'de l’École Jules Ferry'],
    ['Institution Sainte-Marie', 'de l’Institution Sainte-Marie'],
    ['Collège Marcel Pagnol', 'de Collège Marcel Pagnol'],
    ['l’établissement', 'de l’établissement'],
  ])('a school’s name takes the article: %s → %s', (name, expected) => {
    expect(ofSchool(name)).toBe(expected);
  });

  it.each([
    ['Compte ONE de ', { before: 'Compte ONE ', word: 'de' }],
    ['de ', { before: '', word: 'de' }],
    ['(que ', { before: '(', word: 'que' }],
    ['Bonjour ', null],
    ['de', null],
    ['l’ENT de  ', null],
    ['monde ', null],
  ])('finds the elidable word that %j ends with', (literal, expected) => {
    expect(trailingElidable(literal)).toEqual(expected);
  });
});

describe('French elision in letter, mail and sheet texts', () => {
  const values = (overrides: Partial<PlaceholderValues>): PlaceholderValues => ({
    prenom: 'Emma',
    nom: 'MARTIN',
    classe: 'CP A',
    identifiant: 'alice.martin',
    code: 'k3m7p9rt',
    url: 'ent.ecole.example',
    enfants: 'Emma M. (CP A)',
    ecole: 'École Jules Ferry',
    ent: 'ONE',
    ...overrides,
  });

  it.each([
    ['Compte {ent} de {prenom} {nom}', { prenom: 'Alice' }, 'Compte ONE d’Alice MARTIN'],
    ['Compte {ent} de {prenom} {nom}', { prenom: 'Bastien' }, 'Compte ONE de Bastien MARTIN'],
    ['Le compte de {prenom} est activé.', { prenom: 'Hélène' }, 'Le compte d’Hélène est activé.'],
    ['Le compte de {prenom} est activé.', { prenom: 'Yasmine' }, 'Le compte de Yasmine est activé.'],
    ['l’espace numérique de travail {ent} de {ecole}.', {}, 'l’espace numérique de travail ONE de l’École Jules Ferry.'],
    ['l’espace numérique de travail {ent} de {ecole}.', { ecole: 'Collège Pagnol' }, 'l’espace numérique de travail ONE de Collège Pagnol.'],
    ['Responsable de {enfants}', { enfants: 'Élise M. (CP A)' }, 'Responsable d’Élise M. (CP A)'],
    ['De {prenom}', { prenom: 'Ugo' }, 'D’Ugo'],
    ['Le compte de {identifiant}', {}, 'Le compte de alice.martin'],
    ['Classe de {classe}', { classe: 'ULIS' }, 'Classe d’ULIS'],
    ['de {prenom}', { prenom: '' }, 'de '],
    ['Monde {prenom}', { prenom: 'Alice' }, 'Monde Alice'],
  ])('%j with %o → %j', (template, overrides, expected) => {
    expect(fillTemplate(template, values(overrides))).toBe(expected);
  });

  it('leaves an unknown placeholder and its word as typed', () => {
    expect(fillTemplate('de {inconnu}', values({}))).toBe('de {inconnu}');
  });
});

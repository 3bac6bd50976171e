import { describe, expect, it } from 'vitest';
import {
  defaultLetterTexts,
  fillTemplate,
  isSchoolWide,
  letterTextSchema,
  letterTextsSchema,
  paragraphsOf,
  placeholdersIn,
  type PlaceholderValues,
} from './letters.ts';

const values: PlaceholderValues = {
  prenom: 'Emma',
  nom: 'MARTIN',
  classe: 'CP A',
  identifiant: 'emma.martin',
  code: 'k3m7p9rt',
  url: 'ent.ecole.example',
  enfants: 'Emma M. (CP A)',
  ecole: 'École Jules Ferry',
  ent: 'ONE',
};

describe('letter texts', () => {
  it.each([
    ['Bonjour {prenom} {nom},', 'Bonjour Emma MARTIN,'],
    ['{identifiant} / {code} sur {url}', 'emma.martin / k3m7p9rt sur ent.ecole.example'],
    ['Responsable de : {enfants}', 'Responsable de : Emma M. (CP A)'],
    ['{ecole} ({ent}), classe {classe}', 'École Jules Ferry (ONE), classe CP A'],
    ['Sans champ', 'Sans champ'],
    ['{inconnu} reste tel quel', '{inconnu} reste tel quel'],
    ['{prenom}{prenom}', 'EmmaEmma'],
  ])('fills « %s »', (template, expected) => {
    expect(fillTemplate(template, values)).toBe(expected);
  });

  it('tells the texts laid out once (school-wide placeholders only) from the personal ones', () => {
    expect(isSchoolWide('Rendez-vous sur {url} pour {ent} ({ecole}).')).toBe(true);
    expect(isSchoolWide('Bonjour {prenom},')).toBe(false);
    expect(placeholdersIn('{a} et {b}')).toEqual(['a', 'b']);
  });

  it('refuses an unknown placeholder with a French message listing the possible ones', () => {
    const result = letterTextSchema.safeParse({ ...defaultLetterTexts.parent.notActivated, body: 'Bonjour {prenon},' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/^Champ inconnu : \{prenon\}\. Champs possibles : \{prenom\}, \{nom\}/);
  });

  it('ships valid French defaults for every audience and account state', () => {
    expect(letterTextsSchema.safeParse(defaultLetterTexts).success).toBe(true);
    expect(defaultLetterTexts.parent.notActivated.steps.join(' ')).toMatch(/code d’activation/);
    expect(defaultLetterTexts.parent.activated.steps.join(' ')).toMatch(/Mot de passe oublié/);
    for (const pair of Object.values(defaultLetterTexts)) expect(pair.activated.card).not.toMatch(/\{code\}/);
  });

  it('splits paragraphs at blank lines and joins the lines of a paragraph', () => {
    expect(paragraphsOf('Madame,\n\nVoici votre\ncompte.\n\n\n  Merci. ')).toEqual(['Madame,', 'Voici votre compte.', 'Merci.']);
  });
});

import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../shared/api/client.ts';
import { letterAudiences, mergeFields, type LetterAudience } from '../../../shared/domain/exports.ts';
import { hasLibreOfficeWriter, libreOfficeConvert } from '../../test-support/libreoffice.ts';
import { mergedParagraphs } from '../../test-support/word-mail-merge.ts';
import { fixtureSchool, type FixtureSchool } from '../../test-support/export-school.ts';
import { wordLetterTemplates } from './word-templates.ts';

let school: FixtureSchool;
let api: ApiClient;
let dir: string;
let letters: Map<LetterAudience, { path: string; parts: Record<string, Uint8Array>; document: string }>;

beforeAll(async () => {
  school = await fixtureSchool();
  api = school.api;
  dir = mkdtempSync(join(tmpdir(), 'sesame-word-templates-'));
  const result = await api.exports.wordTemplates({ destination: { to: 'folder', path: dir } });
  if (!result.ok) throw new Error(result.error.message);
  letters = new Map(
    result.value.files.map((file, index) => {
      const parts = unzipSync(readFileSync(file.path as string));
      return [letterAudiences[index] as LetterAudience, { path: file.path as string, parts, document: strFromU8(parts['word/document.xml'] as Uint8Array) }];
    }),
  );
});
afterAll(() => {
  school.db.close();
  rmSync(dir, { recursive: true, force: true });
});

const mergeFieldNames = (document: string) =>
  [...document.matchAll(/MERGEFIELD\s+("?)([^"\s\\]+)\1/g)].map((match) => match[2] as string);

describe('Word letter templates', () => {
  it('writes three .docx files named after their public and the school', () => {
    expect(readdirSync(dir).sort()).toEqual([
      'Lettre aux enseignants et personnels - École Jules-Ferry.docx',
      'Lettre aux parents - École Jules-Ferry.docx',
      'Lettre aux élèves - École Jules-Ferry.docx',
    ]);
  });

  it.each(letterAudiences)('%s: is a valid OOXML package of well-formed parts', (audience) => {
    const parts = letters.get(audience)?.parts ?? {};
    expect(Object.keys(parts)).toEqual(expect.arrayContaining(['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/_rels/document.xml.rels', 'word/styles.xml']));
    const contentTypes = strFromU8(parts['[Content_Types].xml'] as Uint8Array);
    expect(contentTypes).toContain('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml');
    for (const [name, bytes] of Object.entries(parts)) {
      if (name.endsWith('.xml') || name.endsWith('.rels')) expect(XMLValidator.validate(strFromU8(bytes)), name).toBe(true);
    }
  });

  it.each(letterAudiences)('%s: merges only fields the workbook has, login and code among them', (audience) => {
    const names = mergeFieldNames(letters.get(audience)?.document ?? '');
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(mergeFields).toContain(name);
    expect(names).toEqual(expect.arrayContaining(['Prénom', 'Nom', 'Identifiant', 'Code_activation']));
  });

  it('addresses parents as the guardians of their children, pupils with their class', () => {
    expect(mergeFieldNames(letters.get('relatives')?.document ?? '')).toEqual(expect.arrayContaining(['Enfants', 'Classes_enfants']));
    expect(mergeFieldNames(letters.get('students')?.document ?? '')).toContain('Classe');
  });

  it('sets the login and the code in Consolas, which tells O from 0 and l from 1', () => {
    const document = letters.get('staff')?.document ?? '';
    for (const field of ['Identifiant', 'Code_activation']) {
      const start = document.indexOf(`MERGEFIELD ${field} `);
      const fieldXml = document.slice(start, document.indexOf('</w:fldSimple>', start));
      expect(fieldXml).toContain('w:ascii="Consolas"');
    }
  });

  it('carries the school’s header, place and date, ENT address and signature', () => {
    const text = letters.get('relatives')?.document ?? '';
    for (const expected of ['École Jules-Ferry', 'UAI 0761234A', 'Rouen, le ', 'https://neo.exemple.fr', 'NEO', 'Le directeur, M. Paul Leroy']) {
      expect(text).toContain(expected);
    }
  });

  it.each(letterAudiences)('%s: is dated by the workbook’s Date column, never by the day the template was written', (audience) => {
    const document = letters.get(audience)?.document ?? '';
    expect(mergeFieldNames(document)).toContain('Date');
    expect(document).not.toMatch(/\d{1,2}(er)? (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}/);
  });

  it('is generated, not copied: the same school gives the same letter text', async () => {
    const [again] = await wordLetterTemplates({
      schoolName: 'École Jules-Ferry',
      uai: '0761234A',
      city: 'Rouen',
      entName: 'NEO',
      entUrl: 'https://neo.exemple.fr',
      signature: 'Le directeur, M. Paul Leroy',
      logo: '',
    });
    const document = strFromU8(unzipSync(again?.bytes as Uint8Array)['word/document.xml'] as Uint8Array);
    expect(document).toBe(letters.get('students')?.document);
  });

  it.skipIf(!hasLibreOfficeWriter)('opens in LibreOffice with its merge fields', () => {
    const source = letters.get('relatives')?.path as string;
    const copy = join(dir, 'parents.docx');
    writeFileSync(copy, readFileSync(source));
    libreOfficeConvert(copy, 'txt:Text (encoded):UTF8', join(dir, 'txt'), join(dir, 'lo-profile'));
    const text = readFileSync(join(dir, 'txt', 'parents.txt'), 'utf8');
    expect(text).toContain('École Jules-Ferry');
    expect(text).toContain('«Identifiant»');
    expect(text).toContain('Responsable de : «Enfants» («Classes_enfants»)');
  });
});

describe('a letter merged with a row of the workbook', () => {
  const merged = (audience: LetterAudience, row: Record<string, string>) =>
    mergedParagraphs(letters.get(audience)?.document ?? '', {
      Prénom: 'Emma',
      Nom: 'MARTIN',
      Classe: 'CP A',
      Profil: 'Enseignant',
      Identifiant: 'emma.martin',
      Code_activation: 'k3m7p9rt',
      Etat: 'Non activé',
      Enfants: 'Emma MARTIN',
      Classes_enfants: 'CP A',
      Date: '4 décembre 2026',
      ...row,
    }).join('\n');

  it.each(letterAudiences)('%s: a not-activated account is told how to activate it, with its code', (audience) => {
    const text = merged(audience, {});
    expect(text).toMatch(/Pour activer (ton|votre) compte :\n1\. Ouvre/);
    expect(text).toMatch(/Code d’activation\s*k3m7p9rt/);
    expect(text).toMatch(/pour la première fois/);
    expect(text).not.toMatch(/déjà activé|Mot de passe oublié/);
  });

  it.each(letterAudiences)('%s: an activated account is reminded of its login, never asked to activate it', (audience) => {
    const text = merged(audience, { Code_activation: '', Etat: 'Activé' });
    expect(text).not.toMatch(/Pour activer|première fois|code d’activation, /);
    expect(text).toMatch(/Code d’activation\s*aucun : (ton|votre) compte est déjà activé/);
    expect(text).toMatch(/Si (tu as|vous avez) oublié (ton|votre) mot de passe :\n1\. (Va|Rendez-vous) à l’adresse : https:\/\/neo\.exemple\.fr et (clique|cliquez) sur « Mot de passe oublié »\./);
    expect(text).toContain('emma.martin');
  });

  it.each(letterAudiences)('%s: is dated with the row’s Date, after the city', (audience) => {
    expect(merged(audience, {})).toContain('Rouen, le 4 décembre 2026');
  });

  it('names the school with its article: « de l’École »', () => {
    expect(merged('students', {})).toContain('à l’ENT NEO de l’École Jules-Ferry.');
  });
});

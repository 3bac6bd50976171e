import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PdfOptions } from '../../../shared/domain/publipostage.ts';
import type { AccountFilter, AccountSort } from '../../../shared/domain/selection.ts';
import { selectAccountIds } from '../../core/directory/list.ts';
import { PopplerFile } from '../../test-support/poppler.ts';
import { buildSchool, type BuiltSchool } from '../../test-support/school-builder.ts';

/**
 * People linked to several classes (issue #15's trial): given a teacher of CP A, CP B and CE1
 * and a parent with a child in CP A and one in CP B, when the director prints CP A and CP B
 * class by class, then each selected class has its complete stack and CE1 has none.
 */
let school: BuiltSchool;
let file: PopplerFile | null = null;
const ids: Record<string, number> = {};

beforeEach(async () => {
  school = await buildSchool({ city: 'Grasse', signature: 'Le directeur, M. Paul Roux' });
  ids.emma = school.add({ first: 'Emma', last: 'ALLARD', classes: ['CP A'] });
  ids.jules = school.add({ first: 'Jules', last: 'CARON', classes: ['CP A'] });
  ids.leo = school.add({ first: 'Léo', last: 'ALLARD', classes: ['CP B'] });
  ids.zoe = school.add({ first: 'Zoé', last: 'BRUN', classes: ['CE1'] });
  ids.virginie = school.add({ first: 'Virginie', last: 'ALLARD', profile: 'relative', children: [ids.emma, ids.leo] });
  ids.marc = school.add({ first: 'Marc', last: 'BRUN', profile: 'relative', children: [ids.zoe] });
  ids.garnier = school.add({ first: 'Hélène', last: 'GARNIER', profile: 'teacher', classes: ['CE1', 'CP A', 'CP B'] });
  ids.roux = school.add({ first: 'Paul', last: 'ROUX', profile: 'teacher', classes: ['CE1'] });
});

afterEach(() => {
  file?.dispose();
  file = null;
  school.db.close();
});

async function pdfPages(filter: AccountFilter, options: Partial<PdfOptions>, sort: AccountSort = ['profile', 'none']) {
  const result = await school.api.publipostage.generate({
    jobId: 'test-pdf',
    target: { kind: 'selection', selection: { filter, sort } },
    options: { layout: 8, coverPages: false, handOutList: false, ...options },
    outPath: null,
    keep: true,
  });
  if (!result.ok) throw new Error(result.error.message);
  const document = await school.api.publipostage.document({ documentId: result.value.documentId as string });
  if (!document.ok) throw new Error(document.error.message);
  file = new PopplerFile(Buffer.from(document.value.base64, 'base64'));
  return { sheets: result.value.sheets, pages: file.text('-layout').split('\f').slice(0, -1) };
}

/** The surnames and first names of a hand-out list page, in its order. */
const listed = (page: string) => [...page.matchAll(/^\s*\d+\s+([A-ZÉ]+)\s+(\S+)/gm)].map((match) => `${match[2]} ${match[1]}`);

describe('people in several selected classes', () => {
  it('have a sheet and a list line in each selected class, and no stack opens for a class not selected', async () => {
    const { sheets, pages } = await pdfPages({ classes: ['CP A', 'CP B'] }, { coverPages: true, handOutList: true });
    // CP A: Emma, Jules, Virginie, Mme Garnier; CP B: Léo, Virginie, Mme Garnier.
    expect(sheets).toBe(7);
    const covers = pages.filter((page) => page.includes('Fiches de connexion à l’ENT'));
    expect(covers.map((page) => /^\s*(CP A|CP B|CE1)\s*$/m.exec(page)?.[1])).toEqual(['CP A', 'CP B']);
    expect(covers[0]).toContain('2 élèves, 1 parent, 1 enseignant');
    expect(covers[1]).toContain('1 élève, 1 parent, 1 enseignant');
    const lists = pages.filter((page) => page.includes('Liste d’émargement'));
    expect(lists.map((page) => /Liste d’émargement · (.+)/.exec(page)?.[1]?.trim())).toEqual(['CP A', 'CP B']);
    expect(listed(lists[0] as string)).toEqual(['Emma ALLARD', 'Jules CARON', 'Virginie ALLARD', 'Hélène GARNIER']);
    expect(listed(lists[1] as string)).toEqual(['Léo ALLARD', 'Virginie ALLARD', 'Hélène GARNIER']);
    // Each stack's cards follow its list: the teacher's login once in each stack, after the list.
    const login = school.account(ids.garnier as number).login;
    const stacks = pages.join('\f').split(/Fiches de connexion à l’ENT/).slice(1);
    for (const stack of stacks) expect(stack.split(login).length - 1).toBe(2);
    expect(pages.join('\f')).not.toContain(school.account(ids.zoe as number).login);
  });

  it('have one sheet without cover pages nor lists', async () => {
    const { sheets } = await pdfPages({ classes: ['CP A', 'CP B'] }, {}, ['class', 'profile']);
    expect(sheets).toBe(5);
  });

  it('keep today’s filing with no class filter: their first class', async () => {
    const { sheets, pages } = await pdfPages({ profiles: ['teacher'] }, { handOutList: true });
    expect(sheets).toBe(2);
    expect(pages.filter((page) => page.includes('Liste d’émargement')).map((page) => /Liste d’émargement · (.+)/.exec(page)?.[1]?.trim())).toEqual(['CE1']);
  });
});

describe('sorting by class with a class filter', () => {
  it.each<[string, AccountFilter, string[]]>([
    ['files the teacher and the parent under the selected class, not their first one', { classes: ['CP B'] }, ['leo', 'virginie', 'garnier']],
    ['files each person under the first selected class they belong to', { classes: ['CP B', 'CE1'] }, ['zoe', 'marc', 'garnier', 'roux', 'leo', 'virginie']],
    ['does the same for the Classe column of the list', { columns: { className: 'CP B' } }, ['leo', 'virginie', 'garnier']],
    ['keeps the first class without a class filter', { profiles: ['teacher', 'relative'] }, ['marc', 'garnier', 'roux', 'virginie']],
  ])('%s', (_case, filter, expected) => {
    const order = selectAccountIds(school.db, filter, ['class', 'profile']);
    expect(order).toEqual(expected.map((name) => ids[name]));
  });
});

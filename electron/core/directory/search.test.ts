import { beforeAll, describe, expect, it } from 'vitest';
import { givenSchool, value, type TestSchool } from '../../test-support/given-school.ts';
import { openSchoolFile } from '../db/open.ts';
import { generateSchool } from './demo-school.ts';
import { quickSearch, rankAllMatches, rankBroadMatches, searchTerms } from './search.ts';

describe('search as you type', () => {
  let school: TestSchool;
  const names = async (text: string) => value(await school.api.directory.search({ text, limit: 10 })).map((a) => `${a.firstName} ${a.lastName}`);

  beforeAll(async () => {
    school = await givenSchool();
    school.addAccount({ lastName: 'MARTIN', firstName: 'Héloïse' });
    school.addAccount({ lastName: 'MARTINEZ', firstName: 'Léa' });
    school.addAccount({ lastName: 'ANDRÉ', firstName: 'Martine', profile: 'relative' });
    school.addAccount({ lastName: "N'DIAYE", firstName: 'Jean-Marc', profile: 'teacher', login: 'jeanmarc.ndiaye' });
    school.addAccount({ lastName: 'LE GOFF', firstName: 'Léandre' });
    school.addAccount({ lastName: 'ŁUKASIEWICZ', firstName: 'Zoé', alias: 'zoe.l' });
    school.addAccount({ lastName: 'CŒUR', firstName: 'Noé' });
  });

  it.each([
    ['accents and case do not matter', 'héloise', ['Héloïse MARTIN']],
    ['nor capitals and missing accents', 'HELOISE', ['Héloïse MARTIN']],
    ['a prefix is enough', 'hél', ['Héloïse MARTIN']],
    ['hyphens do not matter', 'jean-marc', ['Jean-Marc N\'DIAYE']],
    ['nor does typing the name joined', 'jeanmarc', ['Jean-Marc N\'DIAYE']],
    ['nor separated', 'jean marc', ['Jean-Marc N\'DIAYE']],
    ['apostrophes do not matter', 'ndiaye', ['Jean-Marc N\'DIAYE']],
    ['a surname in two words, joined', 'legoff', ['Léandre LE GOFF']],
    ['letters that do not decompose', 'lukas', ['Zoé ŁUKASIEWICZ']],
    ['œ typed as oe', 'coeur', ['Noé CŒUR']],
    ['first name then surname', 'léa mart', ['Léa MARTINEZ']],
    ['surname then first name', 'martin hel', ['Héloïse MARTIN']],
    ['the login', 'jeanmarc.nd', ['Jean-Marc N\'DIAYE']],
    ['the alias', 'zoe.l', ['Zoé ŁUKASIEWICZ']],
    ['nothing typed, nothing found', '  ', []],
    ['punctuation alone is nothing typed', '-*"', []],
    ['no one by that name', 'xyz', []],
  ])('%s: « %s »', async (_case, text, expected) => {
    expect(await names(text)).toEqual(expected);
  });

  it('ranks whole words first, then surnames starting with the text, then the rest alphabetically', async () => {
    // « léa »: Léa is a whole word; Léandre only starts with it.
    expect(await names('léa')).toEqual(['Léa MARTINEZ', 'Léandre LE GOFF']);
    // « martin »: MARTIN whole word; then surnames starting with it; then Martine ANDRÉ.
    expect(await names('martin')).toEqual(['Héloïse MARTIN', 'Léa MARTINEZ', 'Martine ANDRÉ']);
  });

  it('puts pre-deleted accounts last', async () => {
    const [first] = value(await school.api.directory.search({ text: 'martin', limit: 1 }));
    value(await school.api.directory.preDelete({ id: first?.id as number }));
    expect(await names('martin')).toEqual(['Léa MARTINEZ', 'Martine ANDRÉ', 'Héloïse MARTIN']);
    value(await school.api.directory.restore({ id: first?.id as number }));
  });

  it('follows a changed alias at once (the index is kept by triggers)', async () => {
    expect(await names('zoel')).toEqual(['Zoé ŁUKASIEWICZ']);
    const [zoe] = value(await school.api.directory.search({ text: 'zoe', limit: 1 }));
    value(await school.api.directory.update({ id: zoe?.id as number, alias: 'zl.cm2' }));
    expect(await names('zl.cm')).toEqual(['Zoé ŁUKASIEWICZ']);
    expect(await names('zoel')).toEqual([]);
  });

  it('filters the list with the same index', async () => {
    const page = value(await school.api.directory.list({ filter: { search: 'HELOISE' }, sort: ['none', 'none'], offset: 0, limit: 10 }));
    expect(page.items.map((a) => a.firstName)).toEqual(['Héloïse']);
    expect(page.total).toBe(1);
  });
});

describe('ranking thousands of matches', () => {
  it('gives the same top ten whether it ranks every match or reads tier by tier', async () => {
    const db = await openSchoolFile(':memory:');
    generateSchool(db, new Date('2026-09-07T08:00:00Z'), 6);
    for (const text of ['m', 'l', 'a', 'ma', 'é', 's', 'jean m', 'd', 'c']) {
      const terms = searchTerms(text);
      expect(rankBroadMatches(db, terms, 10), text).toEqual(rankAllMatches(db, terms, 10));
      expect(quickSearch(db, text, 10), text).toEqual(rankAllMatches(db, terms, 10));
    }
    db.close();
  });
});

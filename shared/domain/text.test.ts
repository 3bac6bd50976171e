import { describe, expect, it } from 'vitest';
import { foldText, loginPart, searchWords, sortText } from './text.ts';

describe('text folding for logins, search and sorting', () => {
  it.each([
    ['Héloïse', 'heloise'],
    ['CŒUR', 'coeur'],
    ['Łukasz', 'lukasz'],
    ['LØKKEN', 'lokken'],
    ['Nguyễn', 'nguyen'],
    ['Şahin', 'sahin'],
    ['Straße', 'strasse'],
    ['Ðorđe', 'dorde'],
  ])('folds %s to %s', (input, expected) => {
    expect(foldText(input)).toBe(expected);
  });

  it('keeps only [a-z0-9] in a login part', () => {
    expect(loginPart("N'Diaye")).toBe('ndiaye');
    expect(loginPart('Jean-Marc')).toBe('jeanmarc');
    expect(loginPart('DE LA FONTAINE')).toBe('delafontaine');
  });

  it('indexes hyphenated names under each part and the whole', () => {
    expect(searchWords('Jean-Marc')).toEqual(['jean', 'marc', 'jeanmarc']);
    expect(searchWords("D'ANGELO")).toEqual(['d', 'angelo', 'dangelo']);
  });

  it('sorts names without accents or punctuation getting in the way', () => {
    const names = ['Émile', 'Eva', "D'Angelo", 'Dalle', 'Zoé', 'Ève'];
    const sorted = [...names].sort((a, b) => (sortText(a) < sortText(b) ? -1 : 1));
    expect(sorted).toEqual(['Dalle', "D'Angelo", 'Émile', 'Eva', 'Ève', 'Zoé']);
  });
});

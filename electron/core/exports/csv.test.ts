import { describe, expect, it } from 'vitest';
import { csvLine, guardFormula, toCsv, unguardFormula } from './csv.ts';

describe('formula guard (CSV only)', () => {
  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['+33 6 12 34 56 78', "'+33 6 12 34 56 78"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', "'\rcmd"],
    ['DUPONT', 'DUPONT'],
    ['0612345678', '0612345678'],
    ['Marie-Ange', 'Marie-Ange'],
    ['', ''],
  ])('writes %j as %j', (cell, written) => {
    expect(guardFormula(cell)).toBe(written);
  });

  it('is undone by the reader of Sésame’s own files, and only where it was applied', () => {
    for (const cell of ['=1+1', '+33612345678', '@x', '-3', "'quoted", "l'école", 'plain']) {
      expect(unguardFormula(guardFormula(cell))).toBe(cell);
    }
  });
});

describe('CSV dialect', () => {
  it('quotes only what needs it: separators, quotes, line breaks, edge spaces', () => {
    expect(csvLine(['a', 'b;c', 'say "hi"', 'two\r\nlines', ' padded', "l'école"])).toBe(
      'a;"b;c";"say ""hi""";"two\r\nlines";" padded";l\'école',
    );
  });

  it('quotes everything on request, like the ENT’s own export', () => {
    expect(csvLine(['E1', '', 'DUPONT'], { quoteAll: true })).toBe('"E1";"";"DUPONT"');
  });

  it('leaves the cells a caller declares harmless unprefixed', () => {
    expect(csvLine(['+33612345678', '+33612345678'], { keepCell: (_cell, column) => column === 1 })).toBe("'+33612345678;+33612345678");
  });

  it('writes UTF-8 with a BOM and CRLF after every line', () => {
    const bytes = toCsv(['Nom', 'Prénom'], [['CŒUR', 'Zoé'], ['ŁUKASIEWICZ', 'Ayşe']]);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3))).toBe('Nom;Prénom\r\nCŒUR;Zoé\r\nŁUKASIEWICZ;Ayşe\r\n');
  });
});

import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.ts';
import { FileRefusal } from './refusal.ts';

describe('parseCsv', () => {
  it('reads quoted and bare fields, doubled quotes, empty trailing fields, and skips blank lines', () => {
    const text = '"Nom";"Prénom";Classe\r\n"D\'ANGELO";"Zoé ""Zaza""";CM1;\r\n\r\nMARTIN;Léo;\n';
    expect(parseCsv(text, ';', 100)).toEqual([
      { line: 1, cells: ['Nom', 'Prénom', 'Classe'] },
      { line: 2, cells: ["D'ANGELO", 'Zoé "Zaza"', 'CM1', ''] },
      { line: 4, cells: ['MARTIN', 'Léo', ''] },
    ]);
  });

  it('keeps newlines inside quotes and counts lines from where each record starts', () => {
    const rows = parseCsv('Nom;Adresse\nA;"1 rue\r\ndes Écoles"\nB;x\r', ';', 100);
    expect(rows).toEqual([
      { line: 1, cells: ['Nom', 'Adresse'] },
      { line: 2, cells: ['A', '1 rue\ndes Écoles'] },
      { line: 4, cells: ['B', 'x'] },
    ]);
  });

  it('accepts old Mac line ends (CR)', () => {
    expect(parseCsv('a,b\rc,d\r', ',', 100).map((row) => row.cells)).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('refuses a quote never closed, naming its line', () => {
    expect(() => parseCsv('Nom;Prénom\nA;"B\nC;D\n', ';', 100)).toThrow(new FileRefusal('Un guillemet ouvert ligne 2 n’est jamais refermé : le fichier est incomplet ou mal formé.'));
  });

  it('refuses more data rows than the limit', () => {
    expect(() => parseCsv('h\n1\n2\n3\n', ';', 2)).toThrow(/plus de 2 lignes/);
    expect(parseCsv('h\n1\n2\n', ';', 2)).toHaveLength(3);
  });
});

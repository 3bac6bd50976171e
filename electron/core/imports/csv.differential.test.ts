import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvDivergence, encode, fileDivergence, table, type TextEncoding } from '../../test-support/csv-differential.ts';

/**
 * Sésame's CSV reading against csv-parse, an independent parser: the same rows for generated
 * tables (quoting, embedded newlines and separators, the three line ends), and for the same
 * tables written in every encoding FORMATS.md lists, encoding and separator guessed.
 * `npm run bench -- fuzz` runs more.
 */
const encodings: TextEncoding[] = ['utf-8', 'utf-8 BOM', 'utf-16le BOM', 'utf-16be BOM', 'windows-1252', 'iso-8859-15'];

describe('the CSV reader read against csv-parse', () => {
  it('given 2,000 generated tables, then the same rows', () => {
    fc.assert(
      fc.property(table, ({ text, delimiter }) => {
        const found = csvDivergence(text, delimiter);
        if (found) throw new Error(`${found}\n  text ${JSON.stringify(text)}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('given 1,000 generated tables in every encoding, then the same rows, encoding and separator guessed', () => {
    fc.assert(
      fc.property(table, fc.constantFrom(...encodings), ({ text, delimiter }, encoding) => {
        const found = fileDivergence(text, delimiter, encoding);
        if (found) throw new Error(`${found}\n  text ${JSON.stringify(text)}`);
      }),
      { numRuns: 1000 },
    );
  });

  it('writes the same text in each encoding it tries, ISO-8859-15 letters included', () => {
    expect(encode('Œuvre à 5 €', 'iso-8859-15')).toEqual(Uint8Array.from([0xbc, 0x75, 0x76, 0x72, 0x65, 0x20, 0xe0, 0x20, 0x35, 0x20, 0xa4]));
    expect(encode('Œuvre à 5 €', 'windows-1252')).toEqual(Uint8Array.from([0x8c, 0x75, 0x76, 0x72, 0x65, 0x20, 0xe0, 0x20, 0x35, 0x20, 0x80]));
  });
});

import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { parseCsv } from '../core/imports/csv.ts';
import { decodeText, sniffSeparator, type Separator } from '../core/imports/decode.ts';
import { FileRefusal } from '../core/imports/refusal.ts';

/**
 * Sésame's CSV reading (decode.ts, csv.ts) held to csv-parse, a well-kept independent parser:
 * the same rows for every table csv-parse reads, whatever its quoting, embedded newlines and
 * separators, line ends and encoding. Where csv-parse refuses, Sésame may read (it keeps what
 * follows a closing quote, as spreadsheet programs do) but must not crash. Three definitions are
 * Sésame's, given to csv-parse: any line end ends a row; line ends inside a cell read as LF; a
 * row of one empty cell is a blank line. Used by csv.differential.test.ts and `npm run bench -- fuzz`.
 */
type Rows = string[][];

export function referenceRows(text: string, delimiter: Separator): Rows | null {
  let records: string[][];
  try {
    // Any line end ends a row, as in Sésame (files edited on two systems mix them); csv-parse
    // would otherwise keep to the first kind it meets.
    records = parse(text, { delimiter, record_delimiter: ['\r\n', '\n', '\r'], bom: true, relax_column_count: true, skip_empty_lines: true });
  } catch {
    return null;
  }
  return records.filter((row) => row.length > 1 || row[0] !== '').map((row) => row.map((cell) => cell.replace(/\r\n?/g, '\n')));
}

function sesameRows(read: () => Rows): Rows | 'refused' {
  try {
    return read();
  } catch (error) {
    if (error instanceof FileRefusal) return 'refused';
    throw error;
  }
}

/** Why Sésame's rows differ from csv-parse's for `text`, or null when they agree. */
export function csvDivergence(text: string, delimiter: Separator): string | null {
  const ours = sesameRows(() => parseCsv(text, delimiter, 1_000_000).map((row) => row.cells));
  const expected = referenceRows(text, delimiter);
  if (expected === null) return null;
  if (ours === 'refused') return 'Sésame refused what csv-parse read';
  return JSON.stringify(ours) === JSON.stringify(expected) ? null : `rows differ:\n  csv-parse ${JSON.stringify(expected)}\n  Sésame    ${JSON.stringify(ours)}`;
}

export type TextEncoding = 'utf-8' | 'utf-8 BOM' | 'utf-16le BOM' | 'utf-16be BOM' | 'windows-1252' | 'iso-8859-15';

function byteTable(encoding: 'windows-1252' | 'iso-8859-15'): Map<string, number> {
  const decoder = new TextDecoder(encoding);
  return new Map(Array.from({ length: 256 }, (_, byte) => [decoder.decode(new Uint8Array([byte])), byte]));
}
const tables = { 'windows-1252': byteTable('windows-1252'), 'iso-8859-15': byteTable('iso-8859-15') };

/** The text in `encoding`, or null when it cannot be written so. */
export function encode(text: string, encoding: TextEncoding): Uint8Array | null {
  if (encoding === 'utf-8') return new Uint8Array(Buffer.from(text, 'utf8'));
  if (encoding === 'utf-8 BOM') return new Uint8Array(Buffer.from(`\ufeff${text}`, 'utf8'));
  if (encoding === 'utf-16le BOM') return new Uint8Array(Buffer.from(`\ufeff${text}`, 'utf16le'));
  if (encoding === 'utf-16be BOM') return new Uint8Array(Buffer.from(`\ufeff${text}`, 'utf16le').swap16());
  const table = tables[encoding];
  const bytes: number[] = [];
  for (const char of text) {
    const byte = table.get(char);
    if (byte === undefined) return null;
    bytes.push(byte);
  }
  return Uint8Array.from(bytes);
}

/**
 * Single-byte text that happens to be valid UTF-8 (« é€€ » in Windows-1252 is E9 80 80) is read
 * as UTF-8: FORMATS.md's rule, and what such bytes most likely are.
 */
function readsAsUtf8(bytes: Uint8Array, encoding: TextEncoding): boolean {
  if (encoding !== 'windows-1252' && encoding !== 'iso-8859-15') return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return bytes.some((byte) => byte > 0x7f);
  } catch {
    return false;
  }
}

/**
 * A file's rows read as Sésame reads a file (encoding and separator guessed) against csv-parse
 * told the truth. Null when they agree.
 */
export function fileDivergence(text: string, delimiter: Separator, encoding: TextEncoding): string | null {
  const bytes = encode(text, encoding);
  if (!bytes || readsAsUtf8(bytes, encoding)) return null;
  const expected = referenceRows(text, delimiter);
  if (expected === null) return null;
  const ours = sesameRows(() => {
    const decoded = decodeText(bytes).text;
    return parseCsv(decoded, sniffSeparator(decoded), 1_000_000).map((row) => row.cells);
  });
  if (ours === 'refused') return `Sésame refused the ${encoding} file csv-parse read`;
  return JSON.stringify(ours) === JSON.stringify(expected) ? null : `${encoding} rows differ:\n  csv-parse ${JSON.stringify(expected)}\n  Sésame    ${JSON.stringify(ours)}`;
}

// Letters of French names (œ and € where both single-byte encodings have them, at different
// bytes; ’ in Windows-1252 only; ¤ ¦ ¨ ´ ¸ ¼ ½ ¾ left out: FORMATS.md's guess reads those bytes
// as ISO-8859-15's letters when nothing else tells, by design), and what CSV treats specially.
const cellUnit = fc.constantFrom('a', 'Z', '1', ' ', 'é', 'è', 'à', 'ç', 'ô', 'ï', 'É', 'Œ', 'œ', '€', '’', '«', '»', '-', "'", '"', '""', ';', ',', '\t', '\n', '\r\n', '\r', '@', '=');
const cell = fc.string({ unit: cellUnit, maxLength: 8 });
const headerCell = fc.string({ unit: fc.constantFrom('N', 'o', 'm', 'é', ' ', 'P'), minLength: 1, maxLength: 6 });

export interface GeneratedTable {
  text: string;
  delimiter: Separator;
}

/** A header of plain names, then rows of any cells, quoted where needed or at random, in one line end; half of them then mutated. */
export const table: fc.Arbitrary<GeneratedTable> = fc
  .record({
    delimiter: fc.constantFrom(';' as const, ',' as const, '\t' as const),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    header: fc.array(headerCell, { minLength: 2, maxLength: 5 }),
    rows: fc.array(fc.array(fc.tuple(cell, fc.boolean()), { minLength: 1, maxLength: 5 }), { maxLength: 8 }),
    blankLines: fc.array(fc.nat(), { maxLength: 2 }),
    finalEol: fc.boolean(),
    // Stray quotes, separators and line ends past the header: malformed neighbours of the table.
    mutations: fc.oneof(fc.constant([]), fc.array(fc.tuple(fc.nat(), fc.constantFrom('"', '""', ';', ',', '\t', '\n', '\r', '\r\n', 'x')), { minLength: 1, maxLength: 3 })),
  })
  .map(({ delimiter, eol, header, rows, blankLines, finalEol, mutations }) => {
    const write = (value: string, quoted: boolean) => {
      const needs = /[";,\t\r\n]/.test(value) || value === '';
      return needs || quoted ? `"${value.replace(/"/g, '""')}"` : value;
    };
    const lines = [header.join(delimiter), ...rows.map((row) => row.map(([value, quoted]) => write(value, quoted)).join(delimiter))];
    for (const at of blankLines) lines.splice(1 + (at % lines.length), 0, '');
    let text = lines.join(eol) + (finalEol ? eol : '');
    const body = (lines[0] as string).length + eol.length;
    // Only past the header, whose separators tell the file's (a header « Nom,Prénom;Classe » is ambiguous by nature).
    for (const [at, insert] of text.length > body ? mutations : []) {
      const position = body + (at % (text.length - body));
      text = text.slice(0, position) + insert + text.slice(position);
    }
    return { delimiter, text };
  });

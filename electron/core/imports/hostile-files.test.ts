import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { binaryFileMessage } from './decode.ts';
import { readImportFile } from './read-file.ts';
import { workbookDoctypeMessage } from './read-archive.ts';
import { encryptedArchiveMessage } from './zip.ts';
import { binaryGarbage, entExport, siecleStudents, utf8, xlsx, type EntRow } from '../../test-support/import-files.ts';

/**
 * The last hostile files of an outside audit of `sesame import`, each refused in French before
 * anything reads it: DOCTYPEs a byte search missed, password-protected archives, NUL bytes
 * past the part of a file that was looked at.
 */
async function refusal(name: string, bytes: Uint8Array): Promise<string> {
  const file = await readImportFile(name, bytes);
  if (file.kind !== 'refused') throw new Error(`expected a refusal, got ${file.kind}`);
  return file.message;
}

const bomb = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>';

/** The workbook with its sheet rewritten by `change`, as a text, then encoded by `encode`. */
function workbookWithSheet(change: (sheet: string) => string, encode: (text: string) => Uint8Array = utf8): Uint8Array {
  const parts = unzipSync(xlsx([['Nom', 'Prénom'], ['MARTIN', 'Zoé']]));
  parts['xl/worksheets/sheet1.xml'] = new Uint8Array(encode(change(new TextDecoder().decode(parts['xl/worksheets/sheet1.xml']))));
  return zipSync(parts);
}

const utf16 = (order: 'le' | 'be') => (text: string) => {
  const bytes = Buffer.from(`\ufeff${text.replace('UTF-8', 'UTF-16')}`, 'utf16le');
  return new Uint8Array(order === 'le' ? bytes : bytes.swap16());
};

describe('a workbook hiding a DOCTYPE from a byte search', () => {
  it.each([
    ['in a UTF-16 LE part', workbookWithSheet((sheet) => sheet.replace('?>', `?>${bomb}`), utf16('le'))],
    ['in a UTF-16 BE part', workbookWithSheet((sheet) => sheet.replace('?>', `?>${bomb}`), utf16('be'))],
    ['in mixed case', workbookWithSheet((sheet) => sheet.replace('?>', `?>${bomb.replace('DOCTYPE', 'dOcTyPe').replaceAll('ENTITY', 'eNtItY')}`))],
  ])('%s is refused before SheetJS reads it', async (_case, bytes) => {
    expect(await refusal('liste.xlsx', bytes)).toBe(workbookDoctypeMessage);
  });
});

/** Sets the « encrypted » flag of every entry, in the local headers and the central directory. */
function flaggedEncrypted(archive: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(archive);
  const view = new DataView(bytes.buffer);
  for (let at = 0; at + 4 <= bytes.length; at++) {
    const signature = view.getUint32(at, true);
    if (signature === 0x04034b50) view.setUint16(at + 6, view.getUint16(at + 6, true) | 1, true);
    if (signature === 0x02014b50) view.setUint16(at + 8, view.getUint16(at + 8, true) | 1, true);
  }
  return bytes;
}

describe('a password-protected archive', () => {
  it.each([
    ['a workbook', 'liste.xlsx', xlsx([['Nom', 'Prénom'], ['MARTIN', 'Zoé']])],
    ['a zipped SIECLE export', 'ElevesSansAdresses.zip', zipSync({ 'ElevesSansAdresses.xml': siecleStudents([{ id: '1', last: 'MARTIN', first: 'Zoé', division: '6A' }]) })],
  ])('%s whose entries carry the « encrypted » flag is refused, not read as empty', async (_case, name, archive) => {
    expect(await readImportFile(name, archive)).toMatchObject({ kind: expect.not.stringMatching('refused') });
    expect(await refusal(name, flaggedEncrypted(archive))).toBe(encryptedArchiveMessage);
  });
});

describe('a NUL byte in a table', () => {
  const rows = (count: number): EntRow[] => Array.from({ length: count }, (_, index) => ({ id: `X${index}`, type: 'Élève', last: 'MARTIN', first: `Zoé${index}`, login: `zoe.martin${index}`, classes: '6A' }));
  const withNul = (bytes: Uint8Array, line: number) => {
    const lines = new TextDecoder().decode(bytes).split('\r\n');
    lines[line - 1] = (lines[line - 1] as string).replace('MARTIN', 'MAR\0TIN');
    return utf8(lines.join('\r\n'));
  };

  it('given a NUL after the first 64 KB, then the file is refused, the line named', async () => {
    const bytes = entExport(rows(2000));
    expect(bytes.length).toBeGreaterThan(3 * 65_536);
    expect(await refusal('export.csv', withNul(bytes, 1900))).toMatch(/^Le fichier contient un caractère nul \(octet 0\) ligne 1900 :/);
  });

  it('given one NUL near the start of a text file, then the same rule, the line named', async () => {
    expect(await refusal('export.csv', withNul(entExport(rows(3)), 3))).toMatch(/caractère nul \(octet 0\) ligne 3 :/);
  });

  it('given a NUL in a UTF-16 table, then the same rule', async () => {
    const text = `\ufeffNom;Prénom\r\nMAR\0TIN;Zoé\r\n`;
    expect(await refusal('liste.csv', new Uint8Array(Buffer.from(text, 'utf16le')))).toMatch(/caractère nul \(octet 0\) ligne 2 :/);
  });

  it('given a binary file, then it is still told apart from a damaged table', async () => {
    expect(await refusal('photo.csv', binaryGarbage())).toBe(binaryFileMessage);
  });
});

import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../shared/api/client.ts';
import { mergeFields, mergeFieldPattern } from '../../../shared/domain/exports.ts';
import { hasLibreOfficeCalc, libreOfficeConvert } from '../../test-support/libreoffice.ts';
import { fixtureSchool, parseCsv, type FixtureSchool } from '../../test-support/export-school.ts';

let school: FixtureSchool;
let api: ApiClient;
let dir: string;

beforeEach(async () => {
  school = await fixtureSchool();
  api = school.api;
  dir = mkdtempSync(join(tmpdir(), 'sesame-word-export-'));
});
afterEach(() => {
  school.db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function exportWorkbook(sort: ['none' | 'class' | 'profile', 'none' | 'class' | 'profile'] = ['none', 'none']) {
  const outcome = await api.exports.create({ kind: 'word', format: 'xlsx', selection: { filter: {}, sort }, destination: { to: 'folder', path: dir } });
  if (!outcome.ok) throw new Error(outcome.error.message);
  const file = outcome.value.files[0];
  const workbook = XLSX.read(readFileSync(file?.path as string), { type: 'buffer', cellStyles: true, cellNF: true });
  const sheet = workbook.Sheets[workbook.SheetNames[0] as string] as XLSX.WorkSheet;
  const rows = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1, raw: true, defval: '' });
  return { outcome: outcome.value, file, workbook, sheet, rows };
}

describe('Word mail-merge workbook', () => {
  it('has one sheet, one header row of Word-safe field names, and one row per selected account', async () => {
    const { workbook, rows } = await exportWorkbook();
    expect(workbook.SheetNames).toEqual(['Comptes']);
    expect(rows[0]).toEqual([...mergeFields]);
    for (const name of rows[0] ?? []) expect(name).toMatch(mergeFieldPattern);
    expect(rows).toHaveLength(1 + 9);
  });

  it('follows the selection’s sort, the same as the list and the PDF', async () => {
    const { rows } = await exportWorkbook(['class', 'profile']);
    const list = await api.directory.list({ filter: {}, sort: ['class', 'profile'], offset: 0, limit: 100 });
    if (!list.ok) throw new Error(list.error.message);
    expect(rows.slice(1).map((row) => row[4])).toEqual(list.value.items.map((item) => item.login));
  });

  it('writes every cell as text: no formula, leading zeros and +33 kept', async () => {
    const { sheet, rows } = await exportWorkbook();
    const cells = Object.entries(sheet).filter(([address]) => !address.startsWith('!')) as [string, XLSX.CellObject][];
    expect(cells.length).toBe(10 * mergeFields.length);
    for (const [, cell] of cells) {
      expect(cell.t).toBe('s');
      expect(cell.f).toBeUndefined();
      expect(cell.z).toBe('@');
    }
    const byLogin = new Map(rows.slice(1).map((row) => [row[4], row]));
    expect(byLogin.get('zoe.hyperlinkx')?.[0]).toBe('=HYPERLINK("x")');
    expect(byLogin.get('amelie.dupont')?.[8]).toBe('0612345678');
    expect(byLogin.get('karim.ndiaye')?.[8]).toBe('+33 6 12 34 56 78');
  });

  it('leaves the code empty for an activated account and says so in Etat', async () => {
    const { rows } = await exportWorkbook();
    const byLogin = new Map(rows.slice(1).map((row) => [row[4], row]));
    expect(byLogin.get('ophelie.dupont')?.slice(5, 7)).toEqual(['', 'Activé']);
    expect(byLogin.get('leo.dupont')?.slice(5, 7)).toEqual(['g9dg5zhb', 'Non activé']);
  });

  it('gives a guardian’s row the children’s names and classes, and every row the school', async () => {
    const { rows } = await exportWorkbook();
    const amelie = rows.find((row) => row[4] === 'amelie.dupont');
    expect(amelie).toEqual([
      'DUPONT', 'Amélie', 'Parent', '', 'amelie.dupont', 'r4kpphfr', 'Non activé', 'amelie.dupont@exemple.fr', '0612345678',
      'Léo DUPONT, Ophélie DUPONT', 'CM2, CP', 'École Jules-Ferry', 'NEO', 'https://neo.exemple.fr', '1er septembre 2026',
    ]);
    expect(rows.find((row) => row[4] === 'claire.martin')?.[3]).toBe('CM1, CM2');
  });

  it('sets column widths and names the file after the school and the date', async () => {
    const { sheet, file } = await exportWorkbook();
    expect(sheet['!cols']).toHaveLength(mergeFields.length);
    expect(sheet['!cols']?.every((column) => (column.wch ?? column.wpx ?? column.width ?? 0) > 0)).toBe(true);
    expect(file?.name).toBe('Publipostage - École Jules-Ferry - 2026-09-01.xlsx');
    expect(readdirSync(dir)).toEqual([file?.name]);
  });

  it('guards formulas in the CSV version and not in the workbook', async () => {
    const csv = await api.exports.create({ kind: 'word', format: 'csv', selection: { filter: {}, sort: ['none', 'none'] }, destination: { to: 'download' } });
    if (!csv.ok) throw new Error(csv.error.message);
    const text = Buffer.from(csv.value.files[0]?.base64 as string, 'base64').toString('utf8');
    const rows = parseCsv(text.replace(/^\uFEFF/, ''));
    expect(rows[0]).toEqual([...mergeFields]);
    const byLogin = new Map(rows.slice(1).map((row) => [row[4], row]));
    expect(byLogin.get('zoe.hyperlinkx')?.[0]).toBe(`'=HYPERLINK("x")`);
    expect(byLogin.get('karim.ndiaye')?.[8]).toBe("'+33 6 12 34 56 78");
    expect(byLogin.get('amelie.dupont')?.[8]).toBe('0612345678');

    const { rows: workbookRows } = await exportWorkbook();
    expect(workbookRows.find((row) => row[4] === 'zoe.hyperlinkx')?.[0]).toBe('=HYPERLINK("x")');
    // Stored data is never altered by an export.
    expect(school.db.prepare('SELECT last_name FROM account WHERE login = ?').pluck().get('zoe.hyperlinkx')).toBe('=HYPERLINK("x")');
  });

  it.skipIf(!hasLibreOfficeCalc)('reads the same in LibreOffice: literal text, nothing evaluated', async () => {
    const { file } = await exportWorkbook(['class', 'none']);
    const outDir = join(dir, 'libreoffice');
    // 59 = `;`, 34 = `"`, 76 = UTF-8.
    libreOfficeConvert(file?.path as string, 'csv:Text - txt - csv (StarCalc):59,34,76,1', outDir, join(dir, 'lo-profile'));
    const converted = readFileSync(join(outDir, (file?.name as string).replace(/\.xlsx$/, '.csv')), 'utf8');
    const rows = parseCsv(converted.replace(/\r?\n/g, '\r\n'));
    expect(rows[0]).toEqual([...mergeFields]);
    expect(rows.filter((row) => row.length > 1)).toHaveLength(10);
    const byLogin = new Map(rows.slice(1).map((row) => [row[4], row]));
    expect(byLogin.get('zoe.hyperlinkx')?.[0]).toBe('=HYPERLINK("x")');
    expect(byLogin.get('amelie.dupont')?.[8]).toBe('0612345678');
    expect(byLogin.get('karim.ndiaye')?.[8]).toBe('+33 6 12 34 56 78');
  });
});

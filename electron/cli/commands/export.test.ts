import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeFields } from '../../../shared/domain/exports.ts';
import { sesameOn } from '../../test-support/cli.ts';

let dir: string;
let db: string;

const sesame = (...args: string[]) => sesameOn(db, ...args);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sesame-cli-export-'));
  db = join(dir, 'ecole.db');
  expect((await sesame('demo')).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sesame export', () => {
  it('writes the Word workbook of the filtered, sorted selection', async () => {
    const out = join(dir, 'parents.xlsx');
    const run = await sesame('export', '--out', out, '--profile', 'relative', '--activated', 'no', '--sort', 'class');
    expect(run.code).toBe(0);
    // The demo's newest families are not in its ENT yet: no row, and the reason said.
    expect(run.out).toMatch(/^Fichier écrit : .*parents\.xlsx \(\d+ lignes\)\n\d+ comptes sélectionnés, 3 laissés de côté\.\n3 comptes ne sont pas encore dans l’ENT : importez le prochain export des comptes de l’ENT\.$/);
    const sheet = XLSX.read(readFileSync(out)).Sheets['Comptes'] as XLSX.WorkSheet;
    const rows = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1, defval: '' });
    expect(rows[0]).toEqual([...mergeFields]);
    expect(rows.slice(1).every((row) => row[2] === 'Parent' && row[6] === 'Non activé')).toBe(true);
  });

  it('writes the directory export as CSV and the ENT import files, one per profile', async () => {
    expect((await sesame('export', '--out', join(dir, 'annuaire.csv'), '--kind', 'directory')).code).toBe(0);
    const run = await sesame('export', '--out', join(dir, 'ent.csv'), '--kind', 'ent-import');
    expect(run.code).toBe(0);
    // Only the demo's newest families are not in its ENT yet: pupils and parents.
    expect(readdirSync(dir).filter((name) => name.startsWith('ent-')).sort()).toEqual(['ent-eleves.csv', 'ent-responsables.csv']);
  });

  it('writes the three Word letters into a folder', async () => {
    const run = await sesame('export', '--word-templates', dir);
    expect(run.code).toBe(0);
    expect(readdirSync(dir).filter((name) => name.endsWith('.docx'))).toHaveLength(3);
  });

  it('creates the letters’ folder when it does not exist yet, as in the README’s example', async () => {
    const folder = join(dir, 'lettres', 'rentrée');
    const run = await sesame('export', '--word-templates', `${folder}/`);
    expect(run.code).toBe(0);
    expect(readdirSync(folder).filter((name) => name.endsWith('.docx'))).toHaveLength(3);
  });

  it('says so, exit code 1, when the letters’ folder cannot be made', async () => {
    const run = await sesame('export', '--word-templates', join(db, 'lettres'));
    expect(run.code).toBe(1);
    expect(run.err).toContain('Impossible de créer le dossier');
  });

  it.each([
    [['export'], 'Indiquez --out FICHIER ou --word-templates DOSSIER.'],
    [['export', '--out', 'x.pdf'], '--kind word s’écrit en .xlsx ou .csv (reçu :'],
    [['export', '--out', 'x.xlsx', '--kind', 'ent-import'], '--kind ent-import s’écrit en .csv'],
    [['export', '--out', 'x.csv', '--kind', 'tout'], '--kind attend word, directory, ent-import (reçu : tout).'],
  ])('refuses %j with usage exit code 2', async (args, message) => {
    const run = await sesame(...args);
    expect(run.code).toBe(2);
    expect(run.err).toContain(message);
  });
});

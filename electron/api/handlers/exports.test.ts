import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../shared/api/client.ts';
import type { SesameEvent } from '../../../shared/api/events.ts';
import type { ExportFormat, ExportKind } from '../../../shared/domain/exports.ts';
import type { AccountFilter, Selection } from '../../../shared/domain/selection.ts';
import { fixtureSchool, markRegistryAccountsPending, type FixtureSchool } from '../../test-support/export-school.ts';

let school: FixtureSchool;
let api: ApiClient;
let events: SesameEvent[];
let dir: string;
const everyone: Selection = { filter: {}, sort: ['none', 'none'] };

beforeEach(async () => {
  school = await fixtureSchool();
  events = [];
  school.context.events.subscribe((event) => events.push(event));
  api = school.api;
  dir = mkdtempSync(join(tmpdir(), 'sesame-exports-api-'));
});
afterEach(() => {
  school.db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('exports.create', () => {
  it('writes to the chosen path and reports progress under the caller’s job id', async () => {
    const path = join(dir, 'comptes.xlsx');
    const result = await api.exports.create({ kind: 'word', format: 'xlsx', selection: everyone, destination: { to: 'file', path }, jobId: 'export-1' });
    expect(result).toMatchObject({ ok: true, value: { selected: 9, skipped: 0, files: [{ path, rows: 9, base64: null }] } });
    expect(existsSync(path)).toBe(true);
    const progress = events.filter((event) => event.type === 'progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((event) => event.jobId === 'export-1' && event.kind === 'export')).toBe(true);
    expect(events.at(-1)).toEqual({ type: 'job-end', jobId: 'export-1', kind: 'export', outcome: 'done' });
  });

  it('answers a download with the bytes and the file name, writing nothing', async () => {
    const result = await api.exports.create({ kind: 'word', format: 'xlsx', selection: everyone, destination: { to: 'download' } });
    if (!result.ok) throw new Error(result.error.message);
    const [file] = result.value.files;
    expect(file).toMatchObject({ name: 'Publipostage - École Jules-Ferry - 2026-09-01.xlsx', path: null, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    const bytes = Buffer.from(file?.base64 as string, 'base64');
    expect(bytes.byteLength).toBe(file?.size);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('derives one path per profile from a file path for ENT import files', async () => {
    markRegistryAccountsPending(school.db);
    const result = await api.exports.create({ kind: 'ent-import', format: 'csv', selection: everyone, destination: { to: 'file', path: join(dir, 'rentree.csv') } });
    expect(result.ok).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['rentree-eleves.csv', 'rentree-enseignants.csv', 'rentree-personnels.csv', 'rentree-responsables.csv']);
  });

  it('replaces an existing file whole', async () => {
    const path = join(dir, 'comptes.csv');
    writeFileSync(path, 'ancien contenu');
    await api.exports.create({ kind: 'word', format: 'csv', selection: everyone, destination: { to: 'file', path } });
    expect(readdirSync(dir)).toEqual(['comptes.csv']);
  });

  it.each([
    [{ to: 'file', path: 'relatif.xlsx' }, 'Le chemin de destination doit être complet (absolu).'],
    [{ to: 'file', path: '/nulle/part/comptes.xlsx' }, 'Le dossier /nulle/part n’existe pas.'],
    [{ to: 'file', path: '/tmp/comptes.csv' }, 'Le fichier doit porter l’extension .xlsx (reçu : « comptes.csv »).'],
  ] as const)('refuses the destination %j in French', async (destination, message) => {
    const result = await api.exports.create({ kind: 'word', format: 'xlsx', selection: everyone, destination });
    expect(result).toEqual({ ok: false, error: { code: 'invalid-argument', message } });
  });

  it('refuses a format the kind does not have, and an empty selection', async () => {
    expect(await api.exports.create({ kind: 'ent-import', format: 'xlsx', selection: everyone, destination: { to: 'download' } })).toEqual({
      ok: false,
      error: { code: 'invalid-argument', message: '« Fichiers d’import pour l’ENT » ne s’exporte pas au format XLSX.' },
    });
    expect(await api.exports.create({ kind: 'word', format: 'xlsx', selection: { filter: { search: 'personne' }, sort: ['none', 'none'] }, destination: { to: 'download' } })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'Aucun compte ne correspond à la sélection.' },
    });
  });

  it('stops when cancelled and leaves no file behind', async () => {
    const pending = api.exports.create({ kind: 'word', format: 'xlsx', selection: everyone, destination: { to: 'folder', path: dir }, jobId: 'export-2' });
    expect(await api.system.cancel({ jobId: 'export-2' })).toEqual({ ok: true, value: { cancelled: true } });
    expect(await pending).toEqual({ ok: false, error: { code: 'cancelled', message: 'Opération annulée.' } });
    expect(readdirSync(dir)).toEqual([]);
    expect(events.at(-1)).toMatchObject({ type: 'job-end', jobId: 'export-2', outcome: 'cancelled' });
  });
});

describe('exports.preview', () => {
  it.each<[ExportKind, ExportFormat, AccountFilter]>([
    ['word', 'xlsx', {}],
    ['directory', 'csv', { profiles: ['relative'] }],
    ['ent-import', 'csv', {}],
    ['ent-import', 'csv', { classes: ['CM2'] }],
  ])('announces the files and counts that %s (%s, %j) then writes', async (kind, format, filter) => {
    if (kind === 'ent-import') markRegistryAccountsPending(school.db);
    const selection: Selection = { filter, sort: ['none', 'none'] };
    const preview = await api.exports.preview({ kind, format, selection });
    const written = await api.exports.create({ kind, format, selection, destination: { to: 'download' } });
    if (!preview.ok || !written.ok) throw new Error('export refusé');
    expect(preview.value).toEqual({
      selected: written.value.selected,
      skipped: written.value.skipped,
      skippedReason: written.value.skippedReason,
      files: written.value.files.map((file) => ({ name: file.name, rows: file.rows })),
    });
  });

  it('leaves the accounts not in the ENT out of the Word workbook and the directory, and says so', async () => {
    school.db.exec("UPDATE account SET ent_status = 'pending', activation_code = NULL, activated = 0 WHERE source = 'ONDE'");
    const pending = school.db.prepare("SELECT count(*) FROM account WHERE ent_status = 'pending'").pluck().get() as number;
    for (const kind of ['word', 'directory'] as const) {
      const preview = await api.exports.preview({ kind, format: 'csv', selection: everyone });
      const written = await api.exports.create({ kind, format: 'csv', selection: everyone, destination: { to: 'download' } });
      if (!preview.ok || !written.ok) throw new Error('export refusé');
      expect(written.value).toMatchObject({ selected: 9, skipped: pending, skippedReason: `${pending} comptes ne sont pas encore dans l’ENT : importez le prochain export des comptes de l’ENT.` });
      expect(written.value.files[0]?.rows).toBe(9 - pending);
      expect(preview.value).toMatchObject({ skipped: pending, files: [{ rows: 9 - pending }] });
      const text = Buffer.from(written.value.files[0]?.base64 as string, 'base64').toString('utf8');
      expect(text).not.toContain('leo.dupont');
    }
  });

  it('refuses a Word workbook of accounts none of which is in the ENT, writing nothing', async () => {
    markRegistryAccountsPending(school.db);
    const path = join(dir, 'onde.xlsx');
    const result = await api.exports.create({ kind: 'word', format: 'xlsx', selection: { filter: { sources: ['ONDE'] }, sort: ['none', 'none'] }, destination: { to: 'file', path } });
    expect(result).toEqual({ ok: false, error: { code: 'invalid-argument', message: expect.stringMatching(/^Rien n’a été produit.*pas encore dans l’ENT/) } });
    expect(existsSync(path)).toBe(false);
  });

  it('announces no file for an empty selection', async () => {
    expect(await api.exports.preview({ kind: 'word', format: 'csv', selection: { filter: { search: 'personne' }, sort: ['none', 'none'] } })).toEqual({
      ok: true,
      value: { selected: 0, skipped: 0, skippedReason: null, files: [] },
    });
  });
});

describe('exports.wordTemplates', () => {
  it('downloads the three letters', async () => {
    const result = await api.exports.wordTemplates({ destination: { to: 'download' } });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.files.map((file) => file.name)).toEqual([
      'Lettre aux élèves - École Jules-Ferry.docx',
      'Lettre aux parents - École Jules-Ferry.docx',
      'Lettre aux enseignants et personnels - École Jules-Ferry.docx',
    ]);
    expect(result.value.files.every((file) => file.base64 && file.size > 0)).toBe(true);
  });
});

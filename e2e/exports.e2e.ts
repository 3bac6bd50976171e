import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Download } from 'playwright-core';
import { mergeFields } from '../shared/domain/exports.ts';
import { seriousA11yViolations, startApp, type RunningApp } from './harness.ts';

async function downloaded(app: RunningApp, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = (await Promise.all([app.page.waitForEvent('download'), click()])) as [Download, void];
  return { name: download.suggestedFilename(), bytes: readFileSync((await download.path()) as string) };
}

describe('Imports / Exports → Exporter, on the demo school through the web host', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp();
    // The OS « Enregistrer sous » pickers cannot be driven headless: the page falls back to
    // browser downloads, the path every browser without them takes.
    await app.page.evaluate(() => {
      for (const picker of ['showSaveFilePicker', 'showDirectoryPicker']) Object.defineProperty(window, picker, { value: undefined });
    });
    await app.page.getByRole('link', { name: 'Imports / Exports' }).click();
    await app.page.getByRole('link', { name: 'Exporter' }).click();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('counts the selection with the shared filters and says what the file is for', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: '1. Comptes à exporter' }).waitFor();
    await page.getByRole('checkbox', { name: 'Parent' }).check();
    await page.getByLabel('Activation').selectOption('no');
    const expected = app.context.db.prepare("SELECT count(*) FROM account WHERE profile = 'relative' AND activated = 0").pluck().get() as number;
    await expect.poll(() => page.locator('.summary').innerText()).toBe(`${expected} comptes sélectionnés au total`);
    await expect(page.getByText('Un fichier Excel (ou CSV) avec une ligne par compte').isVisible()).resolves.toBe(true);
    await expect(page.getByText(/Publipostage - École de démonstration - \d{4}-\d{2}-\d{2}\.xlsx/).isVisible()).resolves.toBe(true);
    await expect(page.getByText('« Terminer et fusionner », puis « Imprimer les documents »', { exact: false }).isVisible()).resolves.toBe(true);
    await app.screenshot('exporter');
  });

  it('saves the Word workbook of exactly that selection, but for the parents not in the ENT yet', async () => {
    const expected = app.context.db.prepare("SELECT count(*) FROM account WHERE profile = 'relative' AND activated = 0 AND ent_status = 'known'").pluck().get() as number;
    const file = await downloaded(app, () => app.page.getByRole('button', { name: 'Enregistrer sous…' }).click());
    expect(file.name).toMatch(/^Publipostage - École de démonstration - \d{4}-\d{2}-\d{2}\.xlsx$/);
    const sheet = XLSX.read(file.bytes).Sheets['Comptes'] as XLSX.WorkSheet;
    const rows = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1, defval: '' });
    expect(rows[0]).toEqual([...mergeFields]);
    expect(rows).toHaveLength(expected + 1);
    expect(rows.slice(1).every((row) => row[2] === 'Parent' && row[6] === 'Non activé' && row[5] !== '')).toBe(true);
    await app.page.getByText(/Fichier téléchargé : Publipostage/).waitFor();
  });

  it('saves the three Word letters together', async () => {
    const file = await downloaded(app, () => app.page.getByRole('button', { name: 'Enregistrer les 3 lettres types…' }).click());
    expect(file.name).toBe('Lettres types Word - École de démonstration.zip');
    const letters = unzipSync(file.bytes);
    expect(Object.keys(letters).sort()).toEqual([
      'Lettre aux enseignants et personnels - École de démonstration.docx',
      'Lettre aux parents - École de démonstration.docx',
      'Lettre aux élèves - École de démonstration.docx',
    ]);
    const parents = unzipSync(letters['Lettre aux parents - École de démonstration.docx'] as Uint8Array);
    expect(strFromU8(parents['word/document.xml'] as Uint8Array)).toContain('MERGEFIELD Classes_enfants');
  });

  it('lists one ENT import file per profile of the accounts not in the ENT yet, and saves them as one download', async () => {
    const { page } = app;
    await page.getByRole('checkbox', { name: 'Parent' }).uncheck();
    await page.getByLabel('Activation').selectOption('');
    await page.getByRole('radio', { name: /Fichiers d’import pour l’ENT/ }).check();
    // The demo's newest families, pupils and parents, are not in its ENT yet.
    await expect.poll(() => page.locator('.files li').count()).toBe(2);
    const file = await downloaded(app, () => page.getByRole('button', { name: 'Enregistrer sous…' }).click());
    expect(Object.keys(unzipSync(file.bytes)).map((name) => name.replace(/ - .*/, '')).sort()).toEqual(['Import ENT responsables', 'Import ENT élèves']);
  });

  it('has no serious accessibility violation', async () => {
    expect(await seriousA11yViolations(app.page)).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import type { Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sample } from '../electron/test-support/import-files.ts';
import { PopplerFile } from '../electron/test-support/poppler.ts';
import { dropFiles, seriousA11yViolations, startApp, type RunningApp } from './harness.ts';

/**
 * A director's first rentrée: the app opens on the demo, the school's ENT export replaces it,
 * Sésame asks for the school's name and ENT address before any sheet, then prints them.
 */
describe('A first rentrée, from the demo to the school’s own sheets, through the web host', () => {
  let app: RunningApp;
  const sections = () => app.page.getByRole('navigation', { name: 'Sections' });

  beforeAll(async () => {
    app = await startApp();
    await app.page.evaluate(() => {
      for (const picker of ['showSaveFilePicker', 'showDirectoryPicker']) Object.defineProperty(window, picker, { value: undefined });
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('says on every screen that the demo is fictitious', async () => {
    const { page } = app;
    await page.getByText('École de démonstration — données fictives.').waitFor();
    await sections().getByRole('link', { name: 'Publipostage' }).click();
    await page.getByText('École de démonstration — données fictives.').waitFor();
  });

  it('asks to replace the demo before importing the school’s files, then replaces it', async () => {
    const { page } = app;
    await sections().getByRole('link', { name: 'Imports / Exports' }).click();
    await page.getByRole('heading', { name: '1. Fichiers' }).waitFor();
    await dropFiles(page, { 'export.csv': sample('ent/export.csv') });
    const question = page.getByRole('group', { name: 'Remplacer l’école de démonstration par la vôtre ?' });
    await question.waitFor();
    await expect(page.getByRole('button', { name: 'Importer', exact: true }).isDisabled()).resolves.toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.screenshot('premiere-rentree-1-remplacer-demo');
    await question.getByRole('button', { name: 'Remplacer l’école de démonstration' }).click();
    await page.getByText('L’école de démonstration sera remplacée par la vôtre').waitFor();
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.getByRole('heading', { name: 'Import terminé' }).waitFor();
    expect(app.context.db.prepare("SELECT count(*) FROM account WHERE source = 'DEMO'").pluck().get()).toBe(0);
    await page.getByText(/Avant d’imprimer ou d’envoyer des fiches :.*le nom de l’école et l’adresse de connexion de l’ENT/).waitFor();
    await expect(page.getByText('École de démonstration — données fictives.').count()).resolves.toBe(0);
    await app.screenshot('premiere-rentree-2-identite-demandee');
  });

  it('refuses the sheets until the school says who it is', async () => {
    const { page } = app;
    await sections().getByRole('link', { name: 'Publipostage' }).click();
    await page.getByRole('button', { name: 'Aperçu' }).click();
    await app.screenshot('premiere-rentree-3-refus');
    await page.getByText(/Rien n’a été produit : indiquez d’abord dans Paramètres › École le nom de l’école et l’adresse de connexion de l’ENT/).waitFor();
  });

  it('takes the school’s identity in Paramètres, then prints its own name and ENT address', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Paramètres › École' }).click();
    await page.getByLabel('Nom de l’école').fill('Collège Les Tilleuls');
    await page.getByLabel('Ville').fill('Grasse');
    await page.getByLabel('Adresse de connexion à l’ENT').fill('https://ent.tilleuls.example');
    await page.getByRole('button', { name: 'Enregistrer' }).first().click();
    await expect.poll(() => page.getByText('Avant d’imprimer ou d’envoyer des fiches').count()).toBe(0);

    await sections().getByRole('link', { name: 'Publipostage' }).click();
    await page.getByRole('checkbox', { name: '6A', exact: true }).check();
    await page.getByRole('radio', { name: /8 par page/ }).check();
    const [download] = (await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Générer en PDF' }).click()])) as [Download, void];
    const pdf = new PopplerFile(readFileSync((await download.path()) as string));
    const text = pdf.text();
    pdf.dispose();
    expect(text).toContain('Collège Les Tilleuls');
    expect(text).toContain('ent.tilleuls.example');
    expect(text).not.toMatch(/démonstration|Hélène Garnier/);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});

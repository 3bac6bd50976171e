import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import type { Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sample } from '../electron/test-support/import-files.ts';
import { writeSettings } from '../electron/core/directory/settings.ts';
import { PopplerFile } from '../electron/test-support/poppler.ts';
import { dropFiles, seriousA11yViolations, startApp, type RunningApp } from './harness.ts';

/** The sample ENT export without two pupils: the ENT has not created them yet. */
const missing = ['maelle.delafontaine', 'alice.bonnet'];
function entExport(): Uint8Array {
  const lines = new TextDecoder().decode(sample('ent/export.csv')).split('\r\n');
  return new TextEncoder().encode(lines.filter((line) => !missing.includes(line.split('";"')[5] ?? '')).join('\r\n'));
}

/**
 * A collège's first rentrée with Sésame: the registry files, then the ENT import files, then the
 * ENT's own export, then the sheets — never a code the ENT does not know.
 */
describe('The round trip with the ENT, through the web host', () => {
  let app: RunningApp;
  const pending = () => app.context.db.prepare("SELECT count(*) FROM account WHERE ent_status = 'pending'").pluck().get() as number;

  beforeAll(async () => {
    app = await startApp({ demo: false });
    writeSettings(app.context.db, { schoolName: 'Collège Les Tilleuls', city: 'Nice', entName: 'ONE', entUrl: 'https://ent.tilleuls.example' });
    await app.page.evaluate(() => {
      for (const picker of ['showSaveFilePicker', 'showDirectoryPicker']) Object.defineProperty(window, picker, { value: undefined });
    });
    await app.page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Imports / Exports' }).click();
  });
  afterAll(async () => {
    await app?.close();
  });

  async function importDropped(files: Record<string, Uint8Array>): Promise<void> {
    const { page } = app;
    await page.getByRole('heading', { name: '1. Fichiers' }).waitFor();
    await dropFiles(page, files);
    await page.getByRole('heading', { name: '2. Aperçu avant import' }).waitFor();
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.getByRole('heading', { name: 'Import terminé' }).waitFor();
  }

  it('after the registry files, says that no account is in the ENT yet and how to get them there', async () => {
    await importDropped({
      'ElevesSansAdresses.xml': sample('siecle/ElevesSansAdresses.xml'),
      'ResponsablesAvecAdresses.xml': sample('siecle/ResponsablesAvecAdresses.xml'),
      'Nomenclature.xml': sample('siecle/Nomenclature.xml'),
      'sts_emp_0610999X_2025.xml': sample('siecle/sts_emp_0610999X_2025.xml'),
    });
    const { page } = app;
    const roundTrip = page.getByRole('region', { name: `${pending()} comptes ne sont pas encore dans l’ENT` });
    await roundTrip.waitFor();
    await expect(roundTrip.getByText('« Importer des utilisateurs »', { exact: false }).isVisible()).resolves.toBe(true);
    expect(app.context.db.prepare('SELECT count(*) FROM account WHERE activation_code IS NOT NULL').pluck().get()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.screenshot('aller-retour-1-registres');
  });

  it('saves the ENT import files, one per profile', async () => {
    const [download] = (await Promise.all([
      app.page.waitForEvent('download'),
      app.page.getByRole('button', { name: 'Enregistrer les fichiers d’import…' }).click(),
    ])) as [Download, void];
    const files = unzipSync(readFileSync((await download.path()) as string));
    expect(Object.keys(files).map((name) => name.replace(/ - .*/, '')).sort()).toEqual(['Import ENT enseignants', 'Import ENT personnels', 'Import ENT responsables', 'Import ENT élèves']);
  });

  it('prints nothing yet: the verification step says why and the PDF is refused', async () => {
    const { page } = app;
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Publipostage' }).click();
    const note = page.getByRole('note').filter({ hasText: 'ne leur a pas encore donné d’identifiant' });
    await note.waitFor();
    await expect(note.innerText()).resolves.toContain(`${pending()} comptes pas encore dans l’ENT`);
    await app.screenshot('aller-retour-2-verification');
    await page.getByRole('button', { name: 'Aperçu' }).click();
    await page.getByText(/Rien n’a été produit .* ne sont pas encore dans l’ENT : importez le prochain export des comptes de l’ENT\./).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('imports the ENT’s export: each account gets the ENT’s login and code; two are still missing', async () => {
    const { page } = app;
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Imports / Exports' }).click();
    await importDropped({ 'export.csv': entExport() });
    await page.getByRole('status').filter({ hasText: /comptes sont maintenant dans l’ENT/ }).waitFor();
    await page.getByRole('region', { name: '2 comptes ne sont pas encore dans l’ENT' }).waitFor();
    expect(pending()).toBe(2);
    expect(app.context.db.prepare("SELECT activation_code FROM account WHERE login = 'camille.delafontaine'").pluck().get()).toBe('g9dg5zhb');
    await app.screenshot('aller-retour-3-export-ent');
  });

  it('lists who is still missing from the ENT', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Voir la liste' }).click();
    await expect.poll(() => page.locator('.counts strong').innerText()).toBe('2 comptes sélectionnés au total');
    const rows = page.getByRole('table', { name: "Comptes de l'école" }).getByRole('row');
    await expect.poll(() => rows.filter({ hasText: 'Pas encore dans l’ENT' }).count()).toBe(2);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.screenshot('aller-retour-4-manquants');
  });

  it('prints the sheets of the accounts in the ENT, with their real codes, and says who was left out', async () => {
    const { page } = app;
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Publipostage' }).click();
    await page.getByRole('checkbox', { name: 'Élève', exact: true }).check();
    await page.getByRole('checkbox', { name: '4B', exact: true }).check();
    await page.getByRole('radio', { name: /8 par page/ }).check();
    const [download] = (await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Générer en PDF' }).click()])) as [Download, void];
    await page.getByText(/^Fiches faites pour \d+ comptes\. 1 compte n’est pas encore dans l’ENT/).waitFor();
    const pdf = new PopplerFile(readFileSync((await download.path()) as string));
    const text = pdf.text();
    expect(text).toContain('Collège Les Tilleuls');
    expect(text).not.toContain('maelle.delafontaine');
    const codes = app.context.db
      .prepare("SELECT a.activation_code FROM account a JOIN account_class ac ON ac.account_id = a.id JOIN class c ON c.id = ac.class_id WHERE c.name = '4B' AND a.profile = 'student' AND a.activation_code IS NOT NULL")
      .pluck()
      .all() as string[];
    expect(codes.length).toBeGreaterThan(3);
    for (const code of codes) expect(text).toContain(code);
    pdf.dispose();
  });
});

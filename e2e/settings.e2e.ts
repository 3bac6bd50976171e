import { closeSync, existsSync, openSync, readdirSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSchool } from '../electron/api/open-school.ts';
import { backupSchoolFile } from '../electron/core/db/backup.ts';
import { seriousA11yViolations, startApp, type RunningApp } from './harness.ts';

const countAccounts = (app: RunningApp) => app.context.db.prepare('SELECT count(*) FROM account').pluck().get() as number;

describe('Paramètres, through the web host', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp();
    await app.page.goto(`${app.host.origin}/#/parametres`);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the school’s identity and saves a change', async () => {
    const { page } = app;
    const name = page.getByLabel('Nom de l’école');
    await expect.poll(() => name.inputValue()).toBe('École de démonstration');
    await expect(page.getByLabel('Nom de l’ENT').inputValue()).resolves.toBe('ONE');
    await name.fill('École Jules-Ferry');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByText('Paramètres enregistrés.').waitFor();
    await expect.poll(() => page.locator('.school-name').innerText()).toBe('École Jules-Ferry');
    expect(app.context.db.prepare("SELECT value FROM setting WHERE key = 'schoolName'").pluck().get()).toBe('"École Jules-Ferry"');
  });

  it('says in French why a setting is refused, and saves nothing', async () => {
    const { page } = app;
    await page.getByLabel('Numéro UAI (RNE)').fill('12345');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Le numéro UAI compte 7 chiffres et une lettre' }).waitFor();
    await page.getByRole('button', { name: 'Annuler les modifications' }).click();
    await expect(page.getByLabel('Numéro UAI (RNE)').inputValue()).resolves.toBe('0619999Z');
  });

  it('tells where the school file and its backups are', async () => {
    const { page } = app;
    await page.getByText(app.schoolFile, { exact: true }).waitFor();
    await page.getByText(`${app.schoolFile}.sauvegardes`, { exact: true }).waitFor();
  });

  it('backs up on demand, erases everything at the end of the year, and restores the backup after a preview', async () => {
    const { page } = app;
    const accounts = countAccounts(app);
    await page.getByRole('button', { name: 'Sauvegarder maintenant' }).click();
    await page.getByText('Sauvegarde faite.').waitFor();
    await page.getByRole('cell', { name: 'Sauvegarde manuelle' }).waitFor();

    await page.getByRole('button', { name: 'Tout effacer…' }).click();
    const erase = page.getByRole('dialog', { name: 'Tout effacer ?' });
    // Kept unless asked: the box starts unticked.
    expect(await erase.getByLabel('Supprimer aussi les sauvegardes').isChecked()).toBe(false);
    const confirm = erase.getByRole('button', { name: 'Tout effacer' });
    expect(await confirm.isDisabled()).toBe(true);
    await erase.getByLabel(/Pour confirmer, tapez/).fill('TOUT EFFACER');
    await confirm.click();
    await page.getByText(`${accounts} comptes effacés, sauvegardes gardées.`).waitFor();
    expect(countAccounts(app)).toBe(0);

    await page.getByRole('button', { name: /Voir et restaurer la sauvegarde/ }).first().click();
    const restore = page.getByRole('dialog', { name: 'Restaurer cette sauvegarde ?' });
    await restore.getByText('École Jules-Ferry').waitFor();
    await restore.getByText(`${accounts} comptes :`, { exact: false }).waitFor();
    await app.screenshot('parametres-restauration');
    await restore.getByRole('button', { name: 'Restaurer' }).click();
    await page.getByText(/Sauvegarde du .* restaurée/).waitFor();
    expect(countAccounts(app)).toBe(accounts);
    await page.getByRole('cell', { name: 'Avant une restauration' }).waitFor();
  });

  it('has no serious accessibility violation', async () => {
    await app.screenshot('parametres');
    expect(await seriousA11yViolations(app.page)).toEqual([]);
  });
});

describe('A damaged school file, through the web host', () => {
  let app: RunningApp;
  let accounts = 0;

  beforeAll(async () => {
    app = await startApp({
      async before(schoolFile) {
        const context = await openSchool(schoolFile, { demoWhenEmpty: true });
        accounts = countAccounts({ context } as RunningApp);
        await backupSchoolFile(context.db, schoolFile, 'daily');
        context.db.close();
        // A failing disk scribbles over three pages in the middle of the file.
        const fd = openSync(schoolFile, 'r+');
        writeSync(fd, Buffer.alloc(3 * 4096, 0x5a), 0, 3 * 4096, 4 * 4096);
        closeSync(fd);
      },
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the recovery screen instead of the app, offering the last good backup', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: 'Le fichier de l’école est endommagé' }).waitFor();
    await page.getByRole('heading', { name: 'Restaurer la dernière sauvegarde saine' }).waitFor();
    await page.getByText('École de démonstration').waitFor();
    expect(await page.getByRole('navigation', { name: 'Sections' }).count()).toBe(0);
    await app.screenshot('reprise-fichier-endommage');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('restores it, keeps the damaged file aside, and opens the school again', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Restaurer cette sauvegarde' }).click();
    await page.getByRole('navigation', { name: 'Sections' }).waitFor();
    await page.getByText(/comptes sélectionnés au total/).waitFor();
    expect(countAccounts(app)).toBe(accounts);
    const aside = readdirSync(dirname(app.schoolFile)).filter((name) => name.startsWith('ecole.db.endommage-'));
    expect(aside.length).toBeGreaterThan(0);
    expect(existsSync(app.schoolFile)).toBe(true);
  });
});

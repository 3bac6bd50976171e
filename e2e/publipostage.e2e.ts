import { readFileSync } from 'node:fs';
import type { Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PopplerFile } from '../electron/test-support/poppler.ts';
import { seriousA11yViolations, startApp, type RunningApp } from './harness.ts';

/** The rentrée meeting: parents of CP A and CP B, not activated, 8 cards per page, previewed then saved. */
describe('Publipostage, on the demo school through the web host', () => {
  let app: RunningApp;
  const parentsCount = () =>
    app.context.db
      .prepare(
        `SELECT count(DISTINCT a.id) FROM account a JOIN guardian_link g ON g.guardian_id = a.id
         JOIN account_class ac ON ac.account_id = g.child_id JOIN class c ON c.id = ac.class_id
         WHERE a.profile = 'relative' AND a.activated = 0 AND c.name IN ('CP A', 'CP B')`,
      )
      .pluck()
      .get() as number;

  beforeAll(async () => {
    app = await startApp();
    await app.page.evaluate(() => {
      for (const picker of ['showSaveFilePicker', 'showDirectoryPicker']) Object.defineProperty(window, picker, { value: undefined });
    });
    await app.page.getByRole('link', { name: 'Publipostage' }).click();
    await app.page.getByRole('heading', { name: '1. Destinataires' }).waitFor();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('selects with the shared filters and shows the verification table with its counts', async () => {
    const { page } = app;
    await page.getByRole('checkbox', { name: 'Parent', exact: true }).check();
    await page.getByRole('checkbox', { name: 'CP A', exact: true }).check();
    await page.getByRole('checkbox', { name: 'CP B', exact: true }).check();
    const expected = parentsCount();
    await expect.poll(() => page.locator('.verify .counts strong').innerText()).toBe(`${expected} comptes sélectionnés au total`);
    await expect.poll(() => page.getByRole('table', { name: /Comptes sélectionnés/ }).getByRole('row').count()).toBeGreaterThan(5);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.screenshot('publipostage');
  });

  it('previews 8 cards per page: thumbnails, a page viewer, page after page', async () => {
    const { page } = app;
    await page.getByRole('radio', { name: /8 par page/ }).check();
    await page.getByRole('button', { name: 'Aperçu' }).click();
    const dialog = page.getByRole('dialog', { name: 'Aperçu avant impression' });
    const pages = Math.ceil(parentsCount() / 8);
    await dialog.getByText(`Page 1 sur ${pages}`).waitFor();
    await expect.poll(() => dialog.getByRole('navigation', { name: 'Pages' }).getByRole('button').count()).toBe(pages);
    // The viewer really drew the page: dark pixels on its canvas.
    await expect
      .poll(() =>
        dialog.locator('canvas.page').evaluate((canvas: HTMLCanvasElement) => {
          const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
          let dark = 0;
          for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 100) dark++;
          return dark;
        }),
      )
      .toBeGreaterThan(1000);
    await dialog.getByRole('button', { name: 'Page 2', exact: true }).click();
    await dialog.getByText(`Page 2 sur ${pages}`).waitFor();
    await app.screenshot('publipostage-apercu');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Fermer' }).click();
  });

  it('saves the PDF of exactly that selection, and opens it for printing', async () => {
    const { page } = app;
    const [download] = (await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Générer en PDF' }).click()])) as [Download, void];
    expect(download.suggestedFilename()).toMatch(/^identifiants-ent-\d{4}-\d{2}-\d{2}\.pdf$/);
    const file = new PopplerFile(readFileSync((await download.path()) as string));
    expect(file.pageCount()).toBe(Math.ceil(parentsCount() / 8));
    const text = file.text();
    expect(text.match(/Responsable de :/g)).toHaveLength(parentsCount());
    expect(text).not.toContain('Élève');
    file.dispose();
    await page.getByText(/PDF téléchargé : identifiants-ent-/).waitFor();

    const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: 'Imprimer' }).click()]);
    expect(popup.url()).toMatch(/^blob:/);
    await popup.close();
  });

  it('marks the selection as handed out, then finds none left to reprint', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Marquer les fiches sélectionnées comme remises' }).click();
    await page.getByText(new RegExp(`${parentsCount()} fiches marquées remises`)).waitFor();
    await page.getByText('Plus de filtres').click();
    await page.getByLabel('Fiches de connexion').selectOption('no');
    await expect.poll(() => page.locator('.verify .counts strong').innerText()).toBe('0 compte sélectionné au total');
    await expect.poll(() => page.getByRole('row', { name: /CP A/ }).first().innerText()).toMatch(/\d+ \/ \d+/);
    await page.getByLabel('Fiches de connexion').selectOption('');
  });

  it('prints one person’s sheet from their user sheet', async () => {
    const { page } = app;
    const id = app.context.db.prepare("SELECT id FROM account WHERE profile = 'student' AND activated = 0 ORDER BY id LIMIT 1").pluck().get() as number;
    await page.goto(`${app.host.origin}/#/utilisateurs/fiche/${id}`);
    await page.getByRole('button', { name: 'Fiche de connexion individuelle PDF' }).click();
    const dialog = page.getByRole('dialog', { name: 'Aperçu avant impression' });
    await dialog.getByText('Page 1 sur 1').waitFor();
    await app.screenshot('fiche-individuelle');
    await dialog.getByRole('button', { name: 'Fermer' }).click();
  });
});

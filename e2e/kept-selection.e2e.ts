import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, utf8 } from '../electron/test-support/import-files.ts';
import { dropFiles, seriousA11yViolations, startApp, type RunningApp } from './harness.ts';

/**
 * Issue #20, « une sélection qui reste »: the director picks the parents of CP A and CP B on
 * Publipostage, leaves for Paramètres through the page's own link, comes back, closes Sésame and
 * opens it again on the same school file: the selection, its sort, the layout and the options
 * are still there, with a visible « Réinitialiser ». The Imports page keeps its files and preview.
 */
describe('A selection that stays, per school file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sesame-kept-'));
  const schoolFile = join(dir, 'ecole.db');
  let app: RunningApp;
  const parentsOfCpAB = () =>
    app.context.db
      .prepare(
        `SELECT count(DISTINCT a.id) FROM account a JOIN guardian_link g ON g.guardian_id = a.id
         JOIN account_class ac ON ac.account_id = g.child_id JOIN class c ON c.id = ac.class_id
         WHERE a.profile = 'relative' AND a.activated = 0 AND c.name IN ('CP A', 'CP B')`,
      )
      .pluck()
      .get() as number;
  const shownCount = (page: Page) => page.locator('.verify .counts strong').innerText();

  const section = (name: string) => app.page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name });

  async function openPublipostage(): Promise<Page> {
    const { page } = app;
    await section('Publipostage').click();
    await page.getByRole('heading', { name: '1. Destinataires' }).waitFor();
    return page;
  }

  /** Everything the director chose, as the page shows it. */
  async function expectKeptChoices(page: Page): Promise<void> {
    await expect.poll(() => shownCount(page)).toBe(`${parentsOfCpAB()} comptes sélectionnés au total`);
    for (const name of ['Parent', 'CP A', 'CP B']) expect(await page.getByRole('checkbox', { name, exact: true }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Élève', exact: true }).isChecked()).toBe(false);
    expect(await page.getByRole('combobox', { name: 'puis par' }).inputValue()).toBe('none');
    expect(await page.getByRole('radio', { name: /2 par page/ }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /Une page de garde par classe/ }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /Une liste d’émargement/ }).isChecked()).toBe(false);
    await page.getByRole('button', { name: 'Réinitialiser' }).waitFor();
  }

  beforeAll(async () => {
    app = await startApp({ schoolFile });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens Publipostage on its defaults, with nothing to reset', async () => {
    const page = await openPublipostage();
    expect(await page.getByRole('radio', { name: /8 par page/ }).isChecked()).toBe(true);
    expect(await page.getByRole('button', { name: 'Réinitialiser' }).count()).toBe(0);
  });

  it('keeps the selection, sort, layout and options through Paramètres → Messagerie and back', async () => {
    const { page } = app;
    for (const name of ['Parent', 'CP A', 'CP B']) await page.getByRole('checkbox', { name, exact: true }).check();
    await page.getByRole('combobox', { name: 'puis par' }).selectOption('none');
    await page.getByRole('radio', { name: /2 par page/ }).check();
    await page.getByRole('checkbox', { name: /Une page de garde par classe/ }).check();
    await expect.poll(() => shownCount(page)).toBe(`${parentsOfCpAB()} comptes sélectionnés au total`);

    await page.getByRole('link', { name: 'Paramètres → Messagerie' }).click();
    await page.getByRole('heading', { name: 'Messagerie' }).waitFor();
    await openPublipostage();
    await expectKeptChoices(page);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.screenshot('selection-gardee');
  });

  it('finds them again after Sésame is closed and opened on the same school file', async () => {
    await expect.poll(() => app.context.db.prepare(`SELECT count(*) FROM setting WHERE key = 'publipostage.keptChoices'`).pluck().get()).toBe(1);
    await app.close();
    app = await startApp({ schoolFile });
    await expectKeptChoices(await openPublipostage());
  });

  it('« Réinitialiser » brings the defaults back, and the next opening starts from them', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Réinitialiser' }).click();
    expect(await page.getByRole('checkbox', { name: 'Parent', exact: true }).isChecked()).toBe(false);
    expect(await page.getByRole('radio', { name: /8 par page/ }).isChecked()).toBe(true);
    expect(await page.getByRole('combobox', { name: 'puis par' }).inputValue()).toBe('profile');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('verify-title');
    await expect.poll(() => app.context.db.prepare(`SELECT count(*) FROM setting WHERE key = 'publipostage.keptChoices'`).pluck().get()).toBe(0);
    await app.close();
    app = await startApp({ schoolFile });
    const reopened = await openPublipostage();
    expect(await reopened.getByRole('checkbox', { name: 'Parent', exact: true }).isChecked()).toBe(false);
    expect(await reopened.getByRole('button', { name: 'Réinitialiser' }).count()).toBe(0);
  });

  it('keeps the files dropped on Imports and their preview while the director looks elsewhere', async () => {
    const { page } = app;
    const pupils = utf8(
      csv([
        ['Nom élève', "Nom d'usage élève", 'Prénom élève', 'Date naissance', 'Niveau', 'Libellé classe', 'Identifiant classe'],
        ['NOUVEL', '', 'Inès', '01/02/2019', 'CP', 'CP C', '9'],
      ]),
    );
    await section('Imports / Exports').click();
    await page.getByRole('heading', { name: '1. Fichiers' }).waitFor();
    await dropFiles(page, { 'eleves-cp-c.csv': pupils });
    await page.getByRole('heading', { name: '2. Aperçu avant import' }).waitFor();
    const summary = await page.locator('.summary').innerText();
    await page.getByRole('row', { name: /Nouveau NOUVEL Inès/ }).waitFor();

    await section('Utilisateurs').click();
    await page.getByRole('heading', { name: 'Utilisateurs' }).waitFor();
    await section('Imports / Exports').click();
    await page.getByRole('heading', { name: '2. Aperçu avant import' }).waitFor();
    expect(await page.getByRole('list', { name: 'Fichiers à importer' }).getByText('eleves-cp-c.csv').isVisible()).toBe(true);
    expect(await page.locator('.summary').innerText()).toBe(summary);
    await page.getByRole('row', { name: /Nouveau NOUVEL Inès/ }).waitFor();

    await page.getByRole('button', { name: 'Tout retirer' }).click();
    await section('Utilisateurs').click();
    await section('Imports / Exports').click();
    await page.getByRole('heading', { name: '1. Fichiers' }).waitFor();
    expect(await page.getByRole('heading', { name: '2. Aperçu avant import' }).count()).toBe(0);
  });
});

import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, utf8 } from '../electron/test-support/import-files.ts';
import { PopplerFile } from '../electron/test-support/poppler.ts';
import { dropFiles, seriousA11yViolations, startApp, type RunningApp } from './harness.ts';

/**
 * Issue #20, the keyboard of a school laptop: the main flow — menu, selection, « Aperçu »,
 * « Enregistrer » — in at most 25 key presses whatever the size of the selection, every table a
 * single tab stop with the arrow keys inside, and Esc in a dialog back to the button that opened it.
 */

/** What has the focus, as a test can name it. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return '';
    const label = element.getAttribute('aria-label') ?? element.closest('label')?.textContent ?? element.textContent ?? '';
    return `${element.tagName.toLowerCase()}${element.getAttribute('role') ? `[${element.getAttribute('role')}]` : ''}:${label.trim().replace(/\s+/g, ' ').slice(0, 60)}`;
  });

/** Key presses, counted: the only way this flow touches the page. */
class Keyboard {
  presses = 0;
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async press(key: string, times = 1): Promise<void> {
    for (let i = 0; i < times; i++) {
      await this.page.keyboard.press(key);
      this.presses++;
    }
  }

  /** Tab until the focus is on what `matches` names; fails past 30 presses. */
  async tabTo(matches: RegExp): Promise<number> {
    for (let tabs = 1; tabs <= 30; tabs++) {
      await this.press('Tab');
      if (matches.test(await focused(this.page))) return tabs;
    }
    throw new Error(`${matches} never got the focus (last: ${await focused(this.page)})`);
  }
}

describe('The keyboard of a school laptop, on the demo school through the web host', () => {
  let app: RunningApp;
  const parentsOfCpAB = () =>
    app.context.db
      .prepare(
        `SELECT count(DISTINCT a.id) FROM account a JOIN guardian_link g ON g.guardian_id = a.id
         JOIN account_class ac ON ac.account_id = g.child_id JOIN class c ON c.id = ac.class_id
         WHERE a.profile = 'relative' AND a.activated = 0 AND a.ent_status = 'known' AND c.name IN ('CP A', 'CP B')`,
      )
      .pluck()
      .get() as number;

  beforeAll(async () => {
    app = await startApp();
    await app.page.evaluate(() => {
      for (const picker of ['showSaveFilePicker', 'showDirectoryPicker']) Object.defineProperty(window, picker, { value: undefined });
    });
    await app.page.getByText(/comptes sélectionnés au total/).waitFor();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('goes from the menu to the saved PDF of the parents of CP A and CP B in at most 25 key presses', async () => {
    const { page } = app;
    const keys = new Keyboard(page);
    // To the menu first (not counted: the flow starts there).
    await page.getByRole('link', { name: 'Utilisateurs', exact: true }).focus();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('a:Publipostage');

    await keys.press('Enter');
    await page.getByRole('heading', { name: '1. Destinataires' }).waitFor();
    await keys.tabTo(/^input:\s*Élève/);
    await keys.press('ArrowRight');
    await keys.press(' ');
    await keys.tabTo(/^input:\s*CE1/);
    await keys.press('ArrowRight', 4);
    expect(await focused(page)).toMatch(/^input:\s*CP A/);
    await keys.press(' ');
    await keys.press('ArrowRight');
    await keys.press(' ');
    await expect.poll(() => page.locator('.verify .counts strong').innerText()).toMatch(/^\d+ comptes sélectionnés au total$/);
    await keys.tabTo(/^div\[row\]/);
    // However many accounts the table shows, it is one tab stop: the next one leaves it.
    const beforeLayout = keys.presses;
    await keys.tabTo(/^input:.*par page/);
    expect(keys.presses - beforeLayout).toBe(1);
    await keys.tabTo(/^button:Aperçu/);
    await keys.press('Enter');
    const preview = page.getByRole('dialog', { name: 'Aperçu avant impression' });
    await preview.getByText(/^Page 1 sur/).waitFor();
    // Ctrl+S, as in any PDF reader (the button « Enregistrer sous… » says so).
    const [download] = (await Promise.all([page.waitForEvent('download'), keys.press('Control+s')])) as [Download, void];

    const file = new PopplerFile(readFileSync((await download.path()) as string));
    expect(file.text().match(/Responsable de :/g)).toHaveLength(parentsOfCpAB());
    file.dispose();
    console.log(`Menu → Parents of CP A and CP B → Aperçu → Enregistrer: ${keys.presses} key presses`);
    expect(keys.presses).toBeLessThanOrEqual(25);
  });

  it('brings the focus back to « Aperçu » when Esc closes the preview', async () => {
    const { page } = app;
    const preview = page.getByRole('dialog', { name: 'Aperçu avant impression' });
    if (!(await preview.isVisible())) {
      await page.getByRole('button', { name: 'Aperçu' }).focus();
      await page.keyboard.press('Enter');
    }
    await preview.getByText(/^Page 1 sur/).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => preview.isVisible()).toBe(false);
    expect(await focused(page)).toBe('button:Aperçu');
  });

  it('brings the focus back to the button that opened a dialog (« Créer un invité… »)', async () => {
    const { page } = app;
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Utilisateurs' }).click();
    await page.getByRole('button', { name: 'Créer un invité…' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Enregistrer un compte invité' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await focused(page)).toBe('button:Créer un invité…');
  });

  it('walks the whole (virtual) Utilisateurs list with the arrow keys from its one tab stop, and opens a sheet with Enter', async () => {
    const { page } = app;
    const total = app.context.db.prepare('SELECT count(*) FROM account').pluck().get() as number;
    await page.getByText(`${total} comptes sélectionnés au total`).waitFor();
    const rowIndex = () => page.evaluate(() => Number(document.activeElement?.getAttribute('aria-rowindex')));
    await page.getByRole('searchbox', { name: 'Rechercher dans la colonne Classe' }).focus();
    const keys = new Keyboard(page);
    await keys.tabTo(/^input:Tout cocher/);
    await keys.tabTo(/^div\[row\]/);
    expect(await rowIndex()).toBe(2);
    await keys.press('ArrowDown', 2);
    expect(await rowIndex()).toBe(4);
    await keys.press('PageDown');
    expect(await rowIndex()).toBeGreaterThan(6);
    await keys.press('End');
    await expect.poll(rowIndex).toBe(total + 1);
    await keys.press('ArrowUp');
    expect(await rowIndex()).toBe(total);
    await keys.press('Home');
    await expect.poll(rowIndex).toBe(2);
    // One tab stop: Tab leaves the table, Shift+Tab comes back to the row last visited.
    await keys.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('[role="rowgroup"]') === null)).toBe(true);
    await page.keyboard.press('Shift+Tab');
    expect(await rowIndex()).toBe(2);
    // Space ticks the row, Right reaches the name's link, Enter opens the sheet.
    await page.keyboard.press(' ');
    await page.getByText('1 compte coché').waitFor();
    await page.keyboard.press(' ');
    const name = await page.evaluate(() => document.activeElement?.querySelector('a')?.textContent?.trim());
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => window.location.hash)).toMatch(/^#\/utilisateurs\/fiche\/\d+$/);
    await page.getByRole('heading', { name: new RegExp(name ?? '') }).first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('reads the import preview row by row from its one tab stop', async () => {
    const { page } = app;
    const pupils = utf8(
      csv([
        ['Nom élève', "Nom d'usage élève", 'Prénom élève', 'Date naissance', 'Niveau', 'Libellé classe', 'Identifiant classe'],
        ['ALBERT', '', 'Inès', '01/02/2019', 'CP', 'CP A', '1'],
        ['BARRE', '', 'Noé', '03/04/2019', 'CP', 'CP A', '1'],
        ['CAMUS', '', 'Lou', '05/06/2019', 'CP', 'CP A', '1'],
      ]),
    );
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Imports / Exports' }).click();
    await dropFiles(page, { 'eleves.csv': pupils });
    await page.getByRole('row', { name: /Nouveau CAMUS Lou/ }).waitFor();
    await page.getByRole('searchbox', { name: 'Rechercher' }).focus();
    const keys = new Keyboard(page);
    expect(await keys.tabTo(/^tr:/)).toBe(1);
    expect(await focused(page)).toMatch(/ALBERT/);
    await keys.press('ArrowDown');
    expect(await focused(page)).toMatch(/BARRE/);
    await keys.press('End');
    expect(await focused(page)).toMatch(/CAMUS/);
    await keys.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('tbody') === null)).toBe(true);
    await page.getByRole('button', { name: 'Tout retirer' }).click();
  });
});

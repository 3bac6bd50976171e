import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, utf8 } from '../electron/test-support/import-files.ts';
import { dropFiles, seriousA11yViolations, startApp, type RunningApp } from './harness.ts';

/**
 * Issue #20, « écrans d’un portable d’école »: every page is usable at 1,024×768, and at
 * 1,280×720 with the system's 150 % zoom (853×480 CSS pixels at 1.5 device pixels each). No panel
 * runs past the window or under a clipped edge: panels stack, or the page scrolls.
 */
const screens = [
  { name: '1024x768', viewport: { width: 1024, height: 768 } },
  { name: '1280x720-150', viewport: { width: 853, height: 480, deviceScaleFactor: 1.5 } },
];

const newPupil = utf8(
  csv([
    ['Nom élève', "Nom d'usage élève", 'Prénom élève', 'Date naissance', 'Niveau', 'Libellé classe', 'Identifiant classe'],
    ['NOUVEL', '', 'Inès', '01/02/2019', 'CP', 'CP A', '1'],
  ]),
);

/** The page's boxes that end past the window's right edge or the scrolling page's, and lists squeezed shut. */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const main = document.querySelector('main');
    const right = Math.min(document.documentElement.clientWidth, main?.getBoundingClientRect().right ?? Infinity);
    const boxes = [...document.querySelectorAll<HTMLElement>('header, nav, main, .panel, section, table, [role="table"], fieldset, dialog[open]')];
    const out = boxes
      .filter((box) => box.getClientRects().length > 0 && box.getBoundingClientRect().right > right + 1)
      .map((box) => `${box.tagName.toLowerCase()}${box.className ? '.' + String(box.className).split(' ')[0] : ''} → ${Math.round(box.getBoundingClientRect().right)} > ${Math.round(right)}`);
    if (main && main.scrollWidth > main.clientWidth + 1) out.push(`main scrolls sideways: ${main.scrollWidth} > ${main.clientWidth}`);
    // A list squeezed to its header is clipped too: a few rows at least.
    for (const rows of document.querySelectorAll<HTMLElement>('[role="rowgroup"]')) {
      if (rows.clientHeight < 3 * 32) out.push(`${rows.getAttribute('aria-label') ?? 'rows'}: ${rows.clientHeight} px high`);
    }
    if (document.documentElement.scrollWidth > document.documentElement.clientWidth + 1) out.push('the window scrolls sideways');
    // A window tall enough keeps the menu in view: the page scrolls inside, never the window under it.
    const root = document.documentElement;
    if (root.clientHeight > 600 && root.scrollHeight > root.clientHeight + 1) {
      const far = [...document.querySelectorAll<HTMLElement>('*')].filter((element) => element.getBoundingClientRect().bottom > root.clientHeight + 1 && getComputedStyle(element).position === 'absolute');
      out.push(`the window scrolls: ${root.scrollHeight} > ${root.clientHeight} (${far.slice(0, 3).map((element) => element.outerHTML.slice(0, 80)).join(' | ')})`);
    }
    return out;
  });
}

describe.each(screens)('Every main page at $name', ({ name, viewport }) => {
  let app: RunningApp;
  const go = async (hash: string, heading: string | RegExp) => {
    await app.page.evaluate((target) => (window.location.hash = target), hash);
    await app.page.getByRole('heading', { name: heading }).first().waitFor();
  };
  const check = async (shot: string) => {
    expect(await overflowing(app.page)).toEqual([]);
    expect(await seriousA11yViolations(app.page)).toEqual([]);
    await app.screenshot(`ecran-${name}-${shot}`);
    // And the end of the page, wherever it scrolls (the page itself, or the whole window when short).
    const scrolls = await app.page.evaluate(() => {
      const main = document.querySelector('main');
      const scroller = main && main.scrollHeight > main.clientHeight + 1 ? main : document.scrollingElement;
      if (!scroller || scroller.scrollHeight <= scroller.clientHeight + 1) return false;
      scroller.scrollTop = scroller.scrollHeight;
      return true;
    });
    if (scrolls) await app.screenshot(`ecran-${name}-${shot}-bas`);
  };

  beforeAll(async () => {
    app = await startApp({ viewport });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('Utilisateurs: the list, a user sheet, the rentrée and the journal', async () => {
    await go('#/utilisateurs', 'Utilisateurs');
    await app.page.getByText(/comptes sélectionnés au total/).waitFor();
    await check('utilisateurs');
    const id = app.context.db.prepare(`SELECT id FROM account WHERE profile = 'relative' ORDER BY id LIMIT 1`).pluck().get() as number;
    await go(`#/utilisateurs/fiche/${id}`, 'Connexion');
    await check('fiche');
    await go('#/utilisateurs/rentree', /Rentrée/);
    await check('rentree');
    await go('#/utilisateurs/journal', /Journal/);
    await check('journal');
  });

  it('Publipostage: the three steps and the follow-up', async () => {
    await go('#/publipostage', '1. Destinataires');
    await app.page.getByRole('checkbox', { name: 'Parent', exact: true }).check();
    await expect.poll(() => app.page.getByRole('table', { name: /Comptes sélectionnés/ }).getByRole('row').count()).toBeGreaterThan(3);
    await check('publipostage');
    await app.page.getByRole('heading', { name: '3. Modèle et impression' }).scrollIntoViewIfNeeded();
    await app.screenshot(`ecran-${name}-publipostage-modele`);
    await app.page.getByRole('button', { name: 'Aperçu' }).click();
    await app.page.getByRole('dialog', { name: 'Aperçu avant impression' }).getByText(/^Page 1 sur/).waitFor();
    await check('apercu');
    await app.page.keyboard.press('Escape');
  });

  it('Imports / Exports: a preview before import, then the export', async () => {
    await go('#/imports-exports/importer', '1. Fichiers');
    await dropFiles(app.page, { 'eleves.csv': newPupil });
    await app.page.getByRole('heading', { name: '2. Aperçu avant import' }).waitFor();
    await check('importer');
    await go('#/imports-exports/exporter', /Comptes à exporter/);
    await check('exporter');
  });

  it('À faire dans l’ENT and Paramètres', async () => {
    await go('#/a-faire-ent', /À faire dans l’ENT/);
    await check('a-faire-ent');
    await go('#/parametres', 'Paramètres');
    await check('parametres');
  });
});

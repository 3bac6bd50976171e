import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations, startApp, type RunningApp } from './harness.ts';

describe('Plain words, on the demo school through the web host', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('offers every result of the quick search in the list, not only the first ten', async () => {
    const { page } = app;
    const matches = app.context.db.prepare("SELECT count(*) FROM account WHERE search_text LIKE '% ma%'").pluck().get() as number;
    expect(matches).toBeGreaterThan(10);
    const box = page.getByRole('combobox', { name: 'Rechercher un utilisateur' });
    await box.fill('ma');
    const all = page.getByRole('option', { name: /^Voir les \d+ résultats dans la liste$/ });
    await all.waitFor();
    const total = Number((await all.innerText()).match(/\d+/)?.[0]);
    expect(total).toBeGreaterThan(10);
    expect(await seriousA11yViolations(page)).toEqual([]);
    // Keyboard: from the first account, ten steps down to the last option, which opens the list.
    for (let n = 0; n < 10; n++) await box.press('ArrowDown');
    await box.press('Enter');
    await expect.poll(() => page.locator('.counts strong').innerText()).toBe(`${total} comptes sélectionnés au total`);
    await expect(page.getByRole('searchbox', { name: 'Rechercher un utilisateur' }).first().inputValue()).resolves.toBe('ma');
  });

  it('says where an account comes from in plain words on its sheet', async () => {
    const { page } = app;
    const id = app.context.db.prepare("SELECT id FROM account WHERE profile = 'student' ORDER BY id LIMIT 1").pluck().get() as number;
    await page.evaluate((target) => (window.location.hash = target), `#/utilisateurs/fiche/${id}`);
    await page.getByText('Démonstration', { exact: true }).waitFor();
    await expect(page.getByText('Identifiant SIECLE / STS-Web').isVisible()).resolves.toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations, startApp, type RunningApp } from './harness.ts';

describe('Utilisateurs, on the demo school through the web host', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the demo school and its accounts with the console columns', async () => {
    const { page } = app;
    await expect.poll(() => page.getByText('École de démonstration').count()).toBeGreaterThan(0);
    await page.getByText(/comptes sélectionnés au total/).waitFor();
    for (const header of ['Nom', 'Prénom', 'Profil', 'Login', "Code d'activation", 'Courriel', 'Classe', 'Date de création']) {
      await expect(page.getByRole('columnheader', { name: header, exact: true }).count()).resolves.toBe(1);
    }
    const counts = await page.locator('.counts').innerText();
    const total = Number(/([\d\s ]+) comptes sélectionnés/.exec(counts)?.[1]?.replace(/\D/g, ''));
    expect(total).toBe(app.context.db.prepare('SELECT count(*) AS n FROM account').pluck().get());
    await expect.poll(() => page.getByRole('img', { name: 'Compte non activé' }).count()).toBeGreaterThan(0);
    await app.screenshot('utilisateurs');
  });

  it('filters as the director types and keeps the counts true', async () => {
    const { page } = app;
    await page.getByLabel('Profil').first().selectOption('relative');
    await page.getByLabel('Activation').selectOption('no');
    const expected = app.context.db
      .prepare("SELECT count(*) FROM account WHERE profile = 'relative' AND activated = 0")
      .pluck()
      .get() as number;
    await expect.poll(() => page.locator('.counts').innerText()).toContain(`${expected} comptes sélectionnés au total`);
    await page.getByRole('searchbox', { name: 'Rechercher un utilisateur' }).fill('zzzz-personne');
    await page.getByText('Aucun compte ne correspond à ces critères.').waitFor();
  });

  it('scrolls a long list, fetching the rows it shows', async () => {
    const { page } = app;
    await page.getByRole('searchbox', { name: 'Rechercher un utilisateur' }).fill('');
    await page.getByLabel('Profil').first().selectOption('');
    await page.getByLabel('Activation').selectOption('');
    const total = app.context.db.prepare('SELECT count(*) FROM account').pluck().get() as number;
    // The list reloads after the filters are cleared: wait for the whole school before scrolling.
    await page.getByText(`${total} comptes sélectionnés au total`).waitFor();
    const viewport = page.getByRole('rowgroup', { name: 'Lignes des comptes' });
    await expect
      .poll(async () => {
        await viewport.evaluate((element) => element.scrollTo(0, element.scrollHeight));
        return Number(await page.locator('[role=row]').last().getAttribute('aria-rowindex'));
      })
      .toBe(total + 1);
    await expect.poll(() => page.locator('[role=row]').last().innerText()).not.toContain('Chargement');
  });

  it('has no serious accessibility violation', async () => {
    expect(await seriousA11yViolations(app.page)).toEqual([]);
  });
});

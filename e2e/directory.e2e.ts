import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAccount } from '../electron/core/directory/accounts.ts';
import { attachToClass } from '../electron/core/directory/classes.ts';
import { seriousA11yViolations, startApp, type RunningApp } from './harness.ts';

/** The director's everyday tasks on the demo school, through the web host and a real browser. */
describe('search, user sheet, rentrée and journal', () => {
  let app: RunningApp;
  let heloise: number;
  const db = () => app.context.db;
  const classId = (name: string) => db().prepare('SELECT id FROM class WHERE name = ?').pluck().get(name) as number;

  beforeAll(async () => {
    app = await startApp();
    heloise = insertAccount(db(), {
      profile: 'student',
      lastName: 'ANQUETIL',
      firstName: 'Héloïse',
      login: 'heloise.anquetil',
      activationCode: 'w34fa46c',
      source: 'ENT',
      createdAt: '2026-09-01T08:00:00.000Z',
    });
    attachToClass(db(), heloise, classId('CP A'));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('finds « Héloïse » when « héloise » is typed, and opens her sheet with the keyboard', async () => {
    const { page } = app;
    const search = page.getByRole('combobox', { name: 'Rechercher un utilisateur' });
    await search.fill('héloise anq');
    await page.getByRole('option', { name: /ANQUETIL Héloïse/ }).waitFor();
    await search.press('ArrowDown');
    await search.press('ArrowUp');
    await search.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'ANQUETIL Héloïse' }).waitFor();
    expect(page.url()).toContain(`#/utilisateurs/fiche/${heloise}`);
    await page.getByText('Compte non activé').first().waitFor();
    for (const section of ['Connexion et infos ENT', 'Informations', 'Classe(s)', 'Responsable(s)', 'Groupe(s)']) {
      await page.getByRole('heading', { level: 2, name: section }).waitFor();
    }
  });

  it('refuses an invalid e-mail while typing, then saves a valid one', async () => {
    const { page } = app;
    const email = page.getByLabel('Courriel', { exact: true });
    await email.fill('heloise.laposte.fr');
    await page.getByText('n’est pas une adresse de courriel valide').waitFor();
    const save = page.locator('form', { has: email }).getByRole('button', { name: 'Enregistrer' });
    expect(await save.isDisabled()).toBe(true);
    await email.fill('famille.anquetil@laposte.example');
    await save.click();
    await page.getByText('Courriel enregistré.').waitFor();
    await expect.poll(() => db().prepare('SELECT email FROM account WHERE id = ?').pluck().get(heloise)).toBe('famille.anquetil@laposte.example');
  });

  it('prints a renewal sheet for the code typed from the ENT console, explaining a mistyped one, and keeps the code nowhere', async () => {
    const { page } = app;
    const code = page.getByLabel('Code donné par l’ENT');
    await code.fill('3d3nbrmo');
    await page.getByRole('button', { name: 'Fiche de renouvellement PDF' }).click();
    await page.getByRole('alert').filter({ hasText: 'Le caractère « o » n’apparaît jamais dans un code de l’ENT' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.screenshot('fiche-code-renouvellement-refuse');

    await code.fill(' 3D3N BRM8 ');
    await page.getByRole('button', { name: 'Fiche de renouvellement PDF' }).click();
    const preview = page.getByRole('dialog', { name: 'Aperçu avant impression' });
    await preview.getByText('renouvellement-heloise.anquetil.pdf · 1 fiche · 1 page').waitFor();
    await preview.getByText('Préparation de l’aperçu…').waitFor({ state: 'hidden' });
    await app.screenshot('fiche-renouvellement-apercu');
    await preview.getByRole('button', { name: 'Fermer' }).click();
    await page.getByText('imprimée (PDF). Le code n’est jamais conservé.', { exact: false }).waitFor();
    expect(await code.inputValue()).toBe('');
    const everything = db()
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'account_fts%'")
      .pluck()
      .all()
      .map((table) => JSON.stringify(db().prepare(`SELECT * FROM "${String(table)}"`).all()))
      .join('');
    expect(everything).not.toContain('3d3nbrm8');
  });

  it('blocks then unblocks the account, with the banner in between', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Bloquer le compte' }).click();
    await page.getByText('Compte bloqué dans Sésame : aucune fiche ni aucun courriel ne lui est remis.').waitFor();
    await page.getByText('Enregistré dans Sésame — à faire dans l’ENT :').waitFor();
    expect(db().prepare('SELECT blocked FROM account WHERE id = ?').pluck().get(heloise)).toBe(1);
    await page.getByRole('button', { name: 'Débloquer' }).click();
    await page.getByRole('button', { name: 'Bloquer le compte' }).waitFor();
    expect(await page.getByText('Compte bloqué dans Sésame : aucune fiche').count()).toBe(0);
    expect(db().prepare('SELECT blocked FROM account WHERE id = ?').pluck().get(heloise)).toBe(0);
  });

  it('has no serious accessibility violation on the sheet', async () => {
    expect(await seriousA11yViolations(app.page)).toEqual([]);
  });

  it('attaches a teacher to two classes on the rentrée screen', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Rentrée : enseignants et classes' }).click();
    await page.getByRole('heading', { level: 1, name: /Rentrée/ }).waitFor();
    await page.getByRole('checkbox', { name: 'ROUX Julien en CE1', exact: true }).check();
    await page.getByRole('checkbox', { name: 'ROUX Julien en CM2', exact: true }).check();
    await page.getByRole('button', { name: /^Enregistrer/ }).click();
    await page.getByText('2 rattachements modifiés.').waitFor();
    const julien = db().prepare("SELECT id FROM account WHERE login = 'julien.roux'").pluck().get() as number;
    const classes = db()
      .prepare('SELECT c.name FROM account_class ac JOIN class c ON c.id = ac.class_id WHERE ac.account_id = ? ORDER BY c.sort_name')
      .pluck()
      .all(julien);
    expect(classes).toEqual(['CE1', 'CM2', 'PS-MS']);
    await app.screenshot('rentree');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('shows all of it in the journal', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Journal', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Journal des modifications' }).waitFor();
    const rows = page.getByRole('row');
    await expect.poll(() => rows.count()).toBeGreaterThan(6);
    const text = await page.locator('table').innerText();
    for (const summary of [
      'Courriel ajouté',
      'Fiche de renouvellement du mot de passe produite (PDF)',
      'Compte bloqué',
      'Compte débloqué',
      'Rattaché à la classe CE1',
      'Rattaché à la classe CM2',
    ]) {
      expect(text).toContain(summary);
    }
    expect(text).toContain('ANQUETIL Héloïse');
    expect(text).toContain('ROUX Julien');
    expect(text).toContain('famille.anquetil@laposte.example');
    await app.screenshot('journal');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('searches a column, ticks every account shown and blocks them at once', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Comptes', exact: true }).click();
    await page.getByRole('searchbox', { name: 'Rechercher dans la colonne Nom' }).fill('anquet');
    await page.getByText('1 compte sélectionné au total').waitFor();
    await page.getByRole('checkbox', { name: 'Tout cocher' }).check();
    await page.getByText('1 compte coché').waitFor();
    await page.getByRole('region', { name: 'Actions sur les comptes cochés' }).getByRole('button', { name: 'Bloquer', exact: true }).click();
    await page.getByText('1 compte bloqué(s).').waitFor();
    expect(db().prepare('SELECT blocked FROM account WHERE id = ?').pluck().get(heloise)).toBe(1);
    await page.getByRole('region', { name: 'Actions sur les comptes cochés' }).getByRole('button', { name: 'Débloquer', exact: true }).click();
    await expect.poll(() => db().prepare('SELECT blocked FROM account WHERE id = ?').pluck().get(heloise)).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, utf8 } from '../electron/test-support/import-files.ts';
import { snapshot } from '../electron/test-support/import-school.ts';
import { dropFiles, seriousA11yViolations, startApp, type RunningApp } from './harness.ts';

/** A class with two pupils of the same name, and a mother who names one of them. */
const pupils = utf8(
  csv([
    ['Nom élève', "Nom d'usage élève", 'Prénom élève', 'Date naissance', 'Niveau', 'Libellé classe', 'Identifiant classe'],
    ['MARTIN', '', 'Emma', '01/02/2019', 'CP', 'CP', '1'],
    ['MARTIN', '', 'Emma', '03/04/2019', 'CP', 'CP', '1'],
    ['ROUX', '', 'Jade', '05/06/2018', 'CE1', 'CE1', '2'],
  ]),
);
const guardians = utf8(
  csv([
    ['Civilité Responsable', 'Nom responsable', 'Prénom responsable', 'Courriel', 'Nom de famille enfant', 'Prénom enfant', 'Classes enfants'],
    ['Mme', 'MARTIN', 'Claire', 'claire.martin@exemple.fr', 'MARTIN', 'Emma', 'CP'],
    ['M.', 'ROUX', 'Paul', '', 'ROUX', 'Jade', 'CE1'],
  ]),
);

describe('Imports / Exports → Importer, on an empty school through the web host', () => {
  let app: RunningApp;
  const accounts = () => app.context.db.prepare('SELECT count(*) FROM account').pluck().get() as number;

  let before: ReturnType<typeof snapshot>;

  beforeAll(async () => {
    app = await startApp({ demo: false });
    before = snapshot(app.context.db);
    await app.page.getByRole('link', { name: 'Imports / Exports' }).click();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows what each dropped file is and what the import would do', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: '1. Fichiers' }).waitFor();
    await dropFiles(page, { 'eleves.csv': pupils, 'responsables.csv': guardians });
    await page.getByRole('heading', { name: '2. Aperçu avant import' }).waitFor();
    const files = page.getByRole('list', { name: 'Fichiers à importer' });
    await expect(files.getByText('ONDE — élèves').isVisible()).resolves.toBe(true);
    await expect(files.getByText('ONDE — responsables').isVisible()).resolves.toBe(true);
    await expect(page.locator('.summary').innerText()).resolves.toMatch(/^5 comptes à créer, 0 compte à modifier/);
    await expect(page.getByRole('row', { name: /Nouveau ROUX Paul Parent paul\.roux/ }).isVisible()).resolves.toBe(true);
    expect(accounts()).toBe(0);
  });

  it('lets the director pick the right child, then imports', async () => {
    const { page } = app;
    const emma = page.getByRole('group', { name: /MARTIN Claire.*« MARTIN Emma » en CP : 2 élèves possibles/ });
    await emma.getByRole('radio', { name: /le 03\/04\/2019/ }).check();
    await expect.poll(() => emma.getAttribute('class')).toContain('answered');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.screenshot('importer-apercu');

    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.getByRole('heading', { name: 'Import terminé' }).waitFor();
    await expect(page.getByRole('status').filter({ hasText: '5 comptes créés' }).isVisible()).resolves.toBe(true);
    expect(accounts()).toBe(5);
    const linked = app.context.db
      .prepare("SELECT c.birth_date FROM guardian_link l JOIN account g ON g.id = l.guardian_id JOIN account c ON c.id = l.child_id WHERE g.first_name = 'Claire'")
      .pluck()
      .all();
    expect(linked).toEqual(['2019-04-03']);
    await expect(page.getByRole('table', { name: 'Historique des imports' }).getByText('eleves.csv, responsables.csv').isVisible()).resolves.toBe(true);
  });

  it('undoes the import, leaving the school file as it was', async () => {
    const { page } = app;
    await page.getByRole('region', { name: 'Import terminé' }).getByRole('button', { name: 'Annuler cet import…' }).click();
    await page.getByRole('dialog', { name: 'Annuler le dernier import ?' }).getByRole('button', { name: 'Annuler l’import' }).click();
    await page.getByText(/Import annulé : 5 compte\(s\) supprimé\(s\)/).waitFor();
    expect(snapshot(app.context.db)).toEqual(before);
    await page.getByRole('table', { name: 'Historique des imports' }).getByText(/annulé le/).waitFor();
    await app.screenshot('importer-annule');
  });
});

describe('Imports / Exports → Importer, a table Sésame does not know', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp({ demo: false });
    await app.page.getByRole('link', { name: 'Imports / Exports' }).click();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('asks what the columns hold before importing', async () => {
    const { page } = app;
    const table = utf8(csv([['Login', 'Mot de passe', 'Nom', 'Prénom', 'Classe'], ['zoe.martin', 'x7k2m9pa', 'MARTIN', 'Zoé', 'CM1']], { separator: ',' }));
    await dropFiles(page, { 'comptes.csv': table });
    await page.getByRole('group', { name: 'Colonnes de « comptes.csv »' }).waitFor();
    await expect(page.getByLabel('Nom *', { exact: true }).inputValue()).resolves.toBe('2');
    await expect(page.getByRole('button', { name: 'Importer', exact: true }).isDisabled()).resolves.toBe(true);
    await page.getByLabel('Profil de toutes les lignes *').selectOption('student');
    await expect.poll(() => page.getByRole('button', { name: 'Importer', exact: true }).isDisabled()).toBe(false);
    await expect(page.locator('.summary').innerText()).resolves.toMatch(/^1 compte à créer/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.screenshot('importer-colonnes');
  });
});

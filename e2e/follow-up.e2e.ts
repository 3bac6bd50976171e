import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entExport, type EntRow } from '../electron/test-support/import-files.ts';
import { dropFiles, seriousA11yViolations, startApp, type RunningApp } from './harness.ts';

/** Three classes of eight pupils, a parent each, and their teachers. */
const classes = ['CP A', 'CE1', 'CM2'];
const surnames = ['ALLARD', 'BERNARD', 'CHEVALIER', 'DUBOIS', 'ÉTIENNE', 'FOURNIER', 'GIRARD', 'HENRY'];
const people: EntRow[] = classes.flatMap((className, c) => [
  { id: `T${c}`, type: 'Enseignant', last: ['MARTIN', 'PETIT', 'ROUX'][c] as string, first: 'Hélène', login: `helene.prof${c}`, classes: className },
  ...surnames.flatMap((last, i): EntRow[] => [
    { id: `E${c}${i}`, type: 'Élève', last, first: `Élève${c}${i}`, login: `eleve${c}${i}`, classes: className },
    { id: `P${c}${i}`, type: 'Parent', last, first: `Parent${c}${i}`, login: `parent${c}${i}`, children: `Élève${c}${i} ${last}` },
  ]),
]);

/** The ENT export of a given week: `activated(row)` says who has activated their account by then. */
const weekExport = (activated: (row: EntRow) => boolean) => ({
  'export.csv': entExport(people.map((row, index) => ({ ...row, code: activated(row) ? '' : `c${String(index).padStart(7, '0')}` }))),
});

describe('Distribution follow-up: activation per class after each new ENT export, through the web host', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp({ demo: false });
    await app.page.getByRole('link', { name: 'Imports / Exports' }).click();
  });
  afterAll(async () => {
    await app?.close();
  });

  async function importWeek(activated: (row: EntRow) => boolean): Promise<void> {
    const { page } = app;
    await dropFiles(page, weekExport(activated));
    await page.getByRole('heading', { name: '2. Aperçu avant import' }).waitFor();
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.getByRole('heading', { name: 'Import terminé' }).waitFor();
  }

  it('says after the import what the new export brought, then shows it class by class', async () => {
    const { page } = app;
    await importWeek((row) => row.type === 'Enseignant');
    // A week later: most CP A parents and a few CE1 pupils have activated their account.
    await importWeek((row) => row.type === 'Enseignant' || /^parent0[0-5]$/.test(row.login) || /^eleve1[036]$/.test(row.login));
    const result = page.getByRole('region', { name: 'Import terminé' });
    await expect(result.innerText()).resolves.toMatch(/Activation des comptes : 9 comptes activés depuis l’import précédent \(12 sur 51, 24 %\)/);
    await expect(page.getByRole('table', { name: 'Historique des imports' }).getByText(/activés : 12 sur 51 \(\+9\)/).isVisible()).resolves.toBe(true);
    await app.screenshot('importer-activation');
    await result.getByRole('link', { name: 'Voir le suivi par classe' }).click();

    const followUp = page.getByRole('region', { name: 'Suivi de la distribution' });
    const table = followUp.getByRole('table', { name: 'Remise des fiches et activation des comptes, par classe' });
    await table.waitFor();
    const cpA = table.getByRole('row', { name: /^CP A/ });
    await expect(cpA.getByRole('meter', { name: 'Comptes activés, CP A' }).getAttribute('aria-valuetext')).resolves.toBe('7 sur 17 (41 %)');
    await expect(cpA.getByRole('cell', { name: '+6' }).isVisible()).resolves.toBe(true);
    await expect(cpA.getByRole('img', { name: /CP A, comptes activés après chacun des 2 derniers exports : 6 %, 41 %/ }).isVisible()).resolves.toBe(true);
    const byProfile = followUp.getByRole('table', { name: 'Remise des fiches et activation des comptes, par profil' });
    await expect(byProfile.getByRole('meter', { name: 'Comptes activés, Parents' }).getAttribute('aria-valuetext')).resolves.toBe('6 sur 24 (25 %)');
    await expect(byProfile.getByRole('meter', { name: 'Comptes activés, toute l’école' }).getAttribute('aria-valuetext')).resolves.toBe('12 sur 51 (24 %)');
    await expect(followUp.getByTestId('dernier-export').innerText()).resolves.toMatch(/^Dernier export de l’ENT importé le \d\d\/\d\d\/\d{4} \(export\.csv\) : /);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await followUp.scrollIntoViewIfNeeded();
    await app.screenshot('suivi-distribution');
  });

  it('selects the accounts of a class still to activate, to reprint their sheets', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Sélectionner les non activés de CP A (10 comptes)' }).click();
    const panel = page.getByRole('region', { name: '1. Destinataires' });
    await expect.poll(() => panel.getByRole('checkbox', { name: 'CP A' }).isChecked()).toBe(true);
    await expect(panel.getByRole('checkbox', { name: 'CE1' }).isChecked()).resolves.toBe(false);
    await expect(panel.getByLabel('Activation').inputValue()).resolves.toBe('no');
    await expect.poll(() => page.getByText('10 comptes sélectionnés au total').first().isVisible()).toBe(true);
  });
});

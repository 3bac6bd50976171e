import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type ApiClient } from '../shared/api/client.ts';
import type { Result } from '../shared/api/result.ts';
import { inProcessTransport } from '../electron/api/in-process.ts';
import { entExport, siecleStudents, stsEmp } from '../electron/test-support/import-files.ts';
import { fileTooLargeMessage } from '../shared/domain/imports.ts';
import { dropFiles, seriousA11yViolations, startApp, type RunningApp } from './harness.ts';

/** The school's own UAI; the SIECLE file below comes from 0610999X, another school. */
const schoolUai = '0610001A';
const otherUai = '0610999X';

/** Last June's ENT export, imported before the tests: a teacher, a pupil and his father. */
const juneExport = entExport([
  { id: 'ent-t1', type: 'Enseignant', last: 'DURAND', first: 'Claire', login: 'claire.durand', code: 'h3k7m9pa', email: 'c.durand@ancien.example' },
  { id: 'ent-s1', type: 'Élève', last: 'PETIT', first: 'Léo', login: 'leo.petit', code: 'kx4m7pqa' },
  { id: 'ent-r1', type: 'Parent', last: 'PETIT', first: 'Marc', login: 'marc.petit', code: 'r8t2w5za', children: 'Léo PETIT', email: 'marc.petit@famille.example' },
]);

/**
 * September's ENT export (header on line 1): the teacher's e-mail changed (line 2), the pupil is
 * as he was (line 3), the father's e-mail differs from the one the director typed (line 4), two
 * faulty rows (lines 5 and 6) and a new pupil (line 7).
 */
const septemberExport = entExport([
  { id: 'ent-t1', type: 'Enseignant', last: 'DURAND', first: 'Claire', login: 'claire.durand', code: 'h3k7m9pa', email: 'claire.durand@ac-test.example' },
  { id: 'ent-s1', type: 'Élève', last: 'PETIT', first: 'Léo', login: 'leo.petit', code: 'kx4m7pqa' },
  { id: 'ent-r1', type: 'Parent', last: 'PETIT', first: 'Marc', login: 'marc.petit', code: 'r8t2w5za', children: 'Léo PETIT', email: 'marc.petit@ent.example' },
  { id: 'ent-x1', type: 'Martien', last: 'ZORG', first: 'Xan', login: 'xan.zorg' },
  { id: 'ent-s9', type: 'Élève', last: 'LEFEBVRE', first: 'Tom', login: '' },
  { id: 'ent-s2', type: 'Élève', last: 'MOREAU', first: 'Inès', login: 'ines.moreau', code: 'p2q3r4st' },
]);

/** Two new pupils of 6A, from a SIECLE export of another school's UAI. */
const otherSchoolPupils = siecleStudents(
  [
    { id: '9001', last: 'BERNARD', first: 'Lina', birth: '12/03/2013', division: '6A' },
    { id: '9002', last: 'GARCIA', first: 'Noah', birth: '07/09/2013', division: '6A' },
  ],
  otherUai,
);

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('Imports / Exports → Importer, the rentrée files of a school already imported once', () => {
  let app: RunningApp;
  let api: ApiClient;
  const db = () => app.context.db;
  const importButton = () => app.page.getByRole('button', { name: 'Importer', exact: true });
  const changesTable = () => app.page.getByRole('table', { name: 'Comptes que l’import crée, modifie ou laisse inchangés' });
  /** The « Nom Prénom » of each row the changes table shows. */
  const shownNames = async () => {
    const rows = await changesTable().locator('tbody tr').all();
    return Promise.all(
      rows.map(async (row) => {
        const cells = await row.locator('td').allInnerTexts();
        return cells.length === 1 ? (cells[0] ?? '') : cells.slice(1, 3).join(' ');
      }),
    );
  };
  const marcId = () => db().prepare("SELECT id FROM account WHERE login = 'marc.petit'").pluck().get() as number;

  beforeAll(async () => {
    app = await startApp({ demo: false });
    api = createClient(inProcessTransport(app.context));
    valueOf(await api.school.updateSettings({ uai: schoolUai }));
    const june = valueOf(await api.imports.analyse({ files: [{ name: 'export-juin.csv', base64: base64(juneExport) }] }));
    valueOf(await api.imports.apply({ analysisId: june.analysisId, acceptOtherSchool: false }));
    // The director typed the father's personal address on his sheet.
    valueOf(await api.directory.update({ id: marcId(), email: 'marc.petit@perso.example' }));
    await app.page.getByRole('link', { name: 'Imports / Exports' }).click();
    await app.page.getByRole('heading', { name: '1. Fichiers' }).waitFor();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('given an export with faulty rows, when it is dropped, then the error list gives the file, the line and the reason in French', async () => {
    const { page } = app;
    await dropFiles(page, { 'export-septembre.csv': septemberExport, 'ElevesSansAdresses.xml': otherSchoolPupils });
    await page.getByRole('heading', { name: '2. Aperçu avant import' }).waitFor();
    await expect(page.locator('.summary').innerText()).resolves.toMatch(/ ; 2 erreurs\.$/);
    const errors = page.getByRole('table', { name: 'Erreurs par fichier et numéro de ligne' });
    await expect(page.getByText('Erreurs (2) : ces lignes ne sont pas importées telles quelles').isVisible()).resolves.toBe(true);
    const rows = await errors.locator('tbody tr').all();
    const cells = await Promise.all(rows.map((row) => row.locator('td').allInnerTexts()));
    expect(cells).toEqual([
      ['export-septembre.csv', '5', 'Profil inconnu « Martien » (attendu : Élève, Parent, Enseignant, Personnel ou Invité) : ligne ignorée.'],
      ['export-septembre.csv', '6', 'Identifiant (login) absent : ligne ignorée.'],
    ]);
    expect(await errors.isVisible()).toBe(true);
  });

  it('given the preview, when the director filters by status, profile or name, then only the matching rows are shown', async () => {
    const { page } = app;
    await expect.poll(async () => (await shownNames()).length).toBe(6);
    const status = page.getByRole('combobox', { name: 'Statut' });
    const profile = page.getByRole('combobox', { name: 'Profil' });
    const search = page.getByRole('searchbox', { name: 'Rechercher', exact: true });

    await status.selectOption('update');
    await expect.poll(shownNames).toEqual(['DURAND Claire']);
    await expect(changesTable().getByText('Courriel : c.durand@ancien.example → claire.durand@ac-test.example').isVisible()).resolves.toBe(true);

    await status.selectOption('');
    await profile.selectOption('student');
    await expect.poll(async () => (await shownNames()).sort()).toEqual(['BERNARD Lina', 'GARCIA Noah', 'MOREAU Inès', 'PETIT Léo']);

    await search.fill('garcia');
    await expect.poll(shownNames).toEqual(['GARCIA Noah']);

    await status.selectOption('unchanged');
    await expect.poll(shownNames).toEqual(['Aucun compte ne correspond.']);

    await search.fill('');
    await status.selectOption('');
    await profile.selectOption('');
    await expect.poll(async () => (await shownNames()).length).toBe(6);
  });

  it('given a SIECLE file of another UAI, then a warning is shown and « Importer » waits for the director’s confirmation', async () => {
    const { page } = app;
    const warning = page.getByRole('alert').filter({ hasText: 'ElevesSansAdresses.xml' });
    await expect(warning.innerText()).resolves.toBe(
      `« ElevesSansAdresses.xml » vient d’un autre établissement (UAI ${otherUai}) que celui de ce fichier d’école (UAI ${schoolUai}). ` +
        'Vérifiez qu’il s’agit bien de votre école avant de confirmer.',
    );
    await expect(page.getByRole('list', { name: 'Fichiers à importer' }).getByText(`UAI ${otherUai}`).isVisible()).resolves.toBe(true);
    expect(await importButton().isDisabled()).toBe(true);

    const confirmation = page.getByRole('checkbox', { name: 'J’ai vérifié : ces fichiers sont bien ceux de mon école.' });
    await confirmation.check();
    await expect.poll(() => importButton().isDisabled()).toBe(false);
    await confirmation.uncheck();
    await expect.poll(() => importButton().isDisabled()).toBe(true);
    await confirmation.check();
    await expect.poll(() => importButton().isDisabled()).toBe(false);
  });

  it('given an e-mail typed by hand that the file changes, then the conflict lets the director take the file’s value', async () => {
    const { page } = app;
    const conflict = page.getByRole('group', { name: 'PETIT Marc — Courriel (export-septembre.csv, ligne 4)' });
    await page.getByRole('heading', { name: 'Modifications faites à la main (1)' }).waitFor();
    const keep = conflict.getByRole('radio', { name: 'Garder « marc.petit@perso.example » (saisi à la main)' });
    const take = conflict.getByRole('radio', { name: 'Prendre « marc.petit@ent.example » (du fichier)' });
    expect(await keep.isChecked()).toBe(true);
    await page.getByRole('combobox', { name: 'Statut' }).selectOption('update');
    await expect.poll(shownNames).toEqual(['DURAND Claire']);

    await take.check();
    await expect.poll(async () => (await shownNames()).sort()).toEqual(['DURAND Claire', 'PETIT Marc']);
    await expect(changesTable().getByText('Courriel : marc.petit@perso.example → marc.petit@ent.example').isVisible()).resolves.toBe(true);
    expect(await take.isChecked()).toBe(true);
    expect(await keep.isChecked()).toBe(false);
    await page.getByRole('combobox', { name: 'Statut' }).selectOption('');
    await expect.poll(async () => (await shownNames()).length).toBe(6);

    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.screenshot('importer-conflits');
  });

  it('given the confirmation ticked and the conflict decided, when « Importer » is clicked, then the files go into the school file', async () => {
    const { page } = app;
    expect(await page.getByRole('checkbox', { name: 'J’ai vérifié : ces fichiers sont bien ceux de mon école.' }).isChecked()).toBe(true);
    await importButton().click();
    await page.getByRole('heading', { name: 'Import terminé' }).waitFor();
    await expect(page.getByRole('status').filter({ hasText: '3 comptes créés, 2 comptes modifiés' }).isVisible()).resolves.toBe(true);

    const pupils = db().prepare("SELECT last_name || ' ' || first_name FROM account WHERE profile = 'student' ORDER BY last_name").pluck().all();
    expect(pupils).toEqual(['BERNARD Lina', 'GARCIA Noah', 'MOREAU Inès', 'PETIT Léo']);
    expect(db().prepare("SELECT count(*) FROM class WHERE name = '6A'").pluck().get()).toBe(1);
    expect(db().prepare("SELECT email FROM account WHERE login = 'claire.durand'").pluck().get()).toBe('claire.durand@ac-test.example');
    expect(db().prepare('SELECT email FROM account WHERE id = ?').pluck().get(marcId())).toBe('marc.petit@ent.example');
    expect(db().prepare("SELECT count(*) FROM manual_edit WHERE account_id = ? AND field = 'email'").pluck().get(marcId())).toBe(0);
    expect(db().prepare("SELECT count(*) FROM account WHERE login = 'xan.zorg' OR last_name = 'LEFEBVRE'").pluck().get()).toBe(0);
  });
});

describe('Imports / Exports → Importer, files chosen with « Choisir des fichiers… »', () => {
  let app: RunningApp;
  const accounts = () => app.context.db.prepare('SELECT login FROM account ORDER BY login').pluck().all();

  beforeAll(async () => {
    app = await startApp({ demo: false });
    await app.page.getByRole('link', { name: 'Imports / Exports' }).click();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('given two files chosen in the picker, then they are analysed and imported as dropped files would be', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Choisir des fichiers…' }).waitFor();
    const staff = stsEmp([{ id: '501', last: 'FABRE', first: 'Hugo', fonction: 'ENS', teaches: ['6A'] }], otherUai);
    await page.getByTestId('zone-depot').locator('input[type="file"]').setInputFiles([
      { name: 'export-juin.csv', mimeType: 'text/csv', buffer: Buffer.from(juneExport) },
      { name: 'sts_emp_0610999X.xml', mimeType: 'text/xml', buffer: Buffer.from(staff) },
    ]);
    await page.getByRole('heading', { name: '2. Aperçu avant import' }).waitFor();
    const files = page.getByRole('list', { name: 'Fichiers à importer' });
    await expect(files.getByText('Export des comptes ENT').isVisible()).resolves.toBe(true);
    await expect(files.getByText('sts_emp_0610999X.xml').isVisible()).resolves.toBe(true);
    await expect(page.locator('.summary').innerText()).resolves.toMatch(/^4 comptes à créer, 0 compte à modifier/);
    expect(await page.getByRole('alert').filter({ hasText: 'autre établissement' }).count()).toBe(0);
    expect(accounts()).toEqual([]);

    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.getByRole('heading', { name: 'Import terminé' }).waitFor();
    expect(accounts()).toHaveLength(4);
    expect(accounts()).toEqual(expect.arrayContaining(['claire.durand', 'leo.petit', 'marc.petit']));
    await expect(
      page.getByRole('table', { name: 'Historique des imports' }).getByText('export-juin.csv, sts_emp_0610999X.xml').isVisible(),
    ).resolves.toBe(true);
  });

  it('given a 200 MB file, then it is refused on the spot, unread and unsent, and nothing can be imported', async () => {
    const { page } = app;
    const size = 200 * 1024 * 1024;
    const dataTransfer = await page.evaluateHandle((bytes) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new ArrayBuffer(bytes)], 'export-geant.csv', { type: 'text/csv' }));
      return transfer;
    }, size);
    await page.getByTestId('zone-depot').dispatchEvent('drop', { dataTransfer });
    const files = page.getByRole('list', { name: 'Fichiers à importer' });
    await files.getByText(fileTooLargeMessage('export-geant.csv', size)).waitFor();
    // Nothing was sent to be read: there is no preview, hence nothing to confirm.
    await expect(page.getByRole('heading', { name: '2. Aperçu avant import' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Importer', exact: true }).count()).resolves.toBe(0);
    expect(accounts()).toHaveLength(4);
  });
});

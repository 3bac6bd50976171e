import { readFileSync } from 'node:fs';
import type { Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSmtpSettings } from '../electron/core/publipostage/mail/settings.ts';
import { startTestSmtp, type TestSmtpServer } from '../electron/test-support/smtp.ts';
import { seriousA11yViolations, startApp, type RunningApp } from './harness.ts';

/** What the ENT console must do, kept as a to-do list; one person's sheet by e-mail; on the demo school. */
describe('« À faire dans l’ENT » and the individual e-mail, through the web host', () => {
  let app: RunningApp;
  let server: TestSmtpServer;
  const db = () => app.context.db;
  const one = <T>(sql: string) => db().prepare(sql).get() as T;

  beforeAll(async () => {
    server = await startTestSmtp();
    app = await startApp();
    writeSmtpSettings(db(), server.settings());
    await app.page.evaluate(() => Object.defineProperty(window, 'showSaveFilePicker', { value: undefined }));
  });
  afterAll(async () => {
    await app?.close();
    await server?.close();
  });

  it('blocks a pupil in Sésame and says the ENT still has it to do', async () => {
    const { page } = app;
    const pupil = one<{ id: number; last_name: string; first_name: string }>(
      "SELECT id, last_name, first_name FROM account WHERE profile = 'student' AND ent_status = 'known' ORDER BY sort_name LIMIT 1",
    );
    await page.goto(`${app.host.origin}/#/utilisateurs/fiche/${pupil.id}`);
    await page.getByRole('heading', { level: 1, name: `${pupil.last_name} ${pupil.first_name}` }).waitFor();
    await page.getByRole('button', { name: 'Bloquer le compte' }).click();
    await page.getByText('Compte bloqué dans Sésame — à faire dans l’ENT : voir « À faire dans l’ENT ».').waitFor();
    await page.getByRole('status').filter({ hasText: 'Enregistré dans Sésame — à faire dans l’ENT :' }).getByText(/Bloquer le compte, enregistré le/).waitFor();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: /À faire dans l’ENT\s*1 en attente/ }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.screenshot('a-faire-fiche-bloquee');
  });

  it('records a guest to create, listed with the block, with date and author', async () => {
    const { page } = app;
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Utilisateurs' }).click();
    await page.getByRole('button', { name: 'Créer un invité…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Enregistrer un compte invité' });
    await dialog.getByLabel('Nom', { exact: true }).fill('Stagiaire');
    await dialog.getByLabel('Prénom', { exact: true }).fill('Pierre');
    await dialog.getByLabel('Courriel (facultatif)').fill('p.stagiaire@ac-nice.example');
    await dialog.getByRole('button', { name: "Enregistrer l'invité" }).click();
    await page.getByText(/Invité enregistré dans Sésame — à faire dans l’ENT/).waitFor();

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: /À faire dans l’ENT/ }).click();
    await page.getByRole('heading', { level: 1, name: 'À faire dans l’ENT' }).waitFor();
    const rows = page.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    const table = await page.locator('table').innerText();
    expect(table).toContain('Bloquer le compte');
    expect(table).toContain('Créer le compte invité');
    expect(table).toContain('STAGIAIRE Pierre');
    expect(table).toMatch(/\d{2}\/\d{2}\/\d{4} par /);
    expect(table).toContain('se ferme à l’import de l’export de l’ENT');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.screenshot('a-faire-liste');
    await page.setViewportSize({ width: 1024, height: 768 });
    await app.screenshot('a-faire-liste-1024');
    await page.setViewportSize({ width: 1366, height: 800 });
  });

  it('prints the checklist with the console’s steps, and saves the guests’ ENT import file', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Imprimer la liste à faire (PDF)' }).click();
    const preview = page.getByRole('dialog', { name: 'Aperçu avant impression' });
    await preview.getByText(/a-faire-dans-l-ent-\d{4}-\d{2}-\d{2}\.pdf · 2 fiches · 1 page/).waitFor();
    await preview.getByText('Préparation de l’aperçu…').waitFor({ state: 'hidden' });
    await app.screenshot('a-faire-liste-pdf');
    const [pdf] = (await Promise.all([page.waitForEvent('download'), preview.getByRole('button', { name: 'Enregistrer sous…' }).click()])) as [Download, void];
    expect(readFileSync((await pdf.path()) as string).subarray(0, 5).toString()).toBe('%PDF-');
    await preview.getByRole('button', { name: 'Fermer' }).click();

    const [csv] = (await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Fichier d’import des invités (CSV)' }).click()])) as [Download, void];
    expect(csv.suggestedFilename()).toMatch(/^invites-a-creer-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(readFileSync((await csv.path()) as string, 'utf8')).toBe('\ufeffNom;Prénom;Courriel;Téléphone\r\nSTAGIAIRE;Pierre;p.stagiaire@ac-nice.example;\r\n');
  });

  it('closes the block once ticked « Fait dans l’ENT », and shows it among the closed ones', async () => {
    const { page } = app;
    await page.getByRole('checkbox', { name: /^Cocher : Bloquer le compte/ }).check();
    await page.getByRole('button', { name: 'Fait dans l’ENT (1)' }).click();
    await page.getByText('1 action notée « Fait dans l’ENT ».').waitFor();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: /À faire dans l’ENT\s*1 en attente/ }).waitFor();
    await page.getByLabel('Afficher').selectOption('closed');
    await page.getByText(/Fait dans l’ENT le \d{2}\/\d{2}\/\d{4}/).waitFor();
    await page.getByRole('button', { name: 'Rouvrir' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('mails one parent their sheet from their user sheet, after a preview, once', async () => {
    const { page } = app;
    const parent = one<{ id: number; email: string; last_name: string; first_name: string }>(
      "SELECT id, email, last_name, first_name FROM account WHERE profile = 'relative' AND ent_status = 'known' AND blocked = 0 AND coalesce(email, '') <> '' ORDER BY sort_name LIMIT 1",
    );
    await page.goto(`${app.host.origin}/#/utilisateurs/fiche/${parent.id}`);
    await page.getByRole('heading', { level: 1, name: `${parent.last_name} ${parent.first_name}` }).waitFor();
    await page.getByRole('button', { name: 'Fiche de connexion individuelle mail' }).click();
    const dialog = page.getByRole('dialog', { name: 'Fiche de connexion individuelle par courriel' });
    await dialog.getByText(parent.email).waitFor();
    const frame = page.frameLocator('iframe[title="Aperçu du courriel"]');
    await frame.getByText(`Bonjour ${parent.first_name} ${parent.last_name},`).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.screenshot('fiche-courriel-individuel');

    await dialog.getByRole('button', { name: 'Envoyer ce courriel' }).click();
    await dialog.getByRole('status').filter({ hasText: 'Envoyé' }).waitFor({ timeout: 20_000 });
    expect(server.countFor(parent.email)).toBe(1);
    expect(await dialog.getByRole('button', { name: 'Envoyer ce courriel' }).count()).toBe(0);
    await app.screenshot('fiche-courriel-individuel-envoye');
    await dialog.getByRole('button', { name: 'Fermer' }).click();
    await page.getByText(`Identifiants envoyés par courriel à ${parent.email}`).first().waitFor();
  });

  it('does not offer to mail an account that is not in the ENT yet, and says why', async () => {
    const { page } = app;
    const pending = one<{ id: number; last_name: string; first_name: string }>("SELECT id, last_name, first_name FROM account WHERE ent_status = 'pending' ORDER BY sort_name LIMIT 1");
    await page.goto(`${app.host.origin}/#/utilisateurs/fiche/${pending.id}`);
    await page.getByRole('heading', { level: 1, name: `${pending.last_name} ${pending.first_name}` }).waitFor();
    await page.getByText('Pas de fiche de connexion tant que l’ENT n’a pas créé ce compte.').waitFor();
    expect(await page.getByRole('button', { name: 'Fiche de connexion individuelle mail' }).count()).toBe(0);
    await app.screenshot('fiche-courriel-refuse');
  });
});

import { readFileSync } from 'node:fs';
import type { Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSmtp, type TestSmtpServer } from '../electron/test-support/smtp.ts';
import { seriousA11yViolations, startApp, type RunningApp } from './harness.ts';

describe('Paramètres → Messagerie and the mail step, on the demo school through the web host', () => {
  let app: RunningApp;
  let server: TestSmtpServer;

  beforeAll(async () => {
    server = await startTestSmtp({ users: { direction: 'secret' } });
    app = await startApp();
    await app.page.evaluate(() => Object.defineProperty(window, 'showSaveFilePicker', { value: undefined }));
  });
  afterAll(async () => {
    await app?.close();
    await server?.close();
  });

  it('saves the mail server, names a wrong password, then sends the test message', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Paramètres' }).click();
    await page.getByRole('heading', { name: 'Messagerie', exact: true }).waitFor();
    await page.getByLabel('Serveur', { exact: true }).fill('127.0.0.1');
    await page.getByLabel('Sécurité').selectOption('none');
    await page.getByLabel('Port', { exact: true }).fill(String(server.port));
    await page.getByLabel('Identifiant', { exact: true }).fill('direction');
    await page.getByLabel('Mot de passe', { exact: true }).fill('faux');
    await page.getByLabel('Nom affiché').fill('École de démonstration');
    await page.getByLabel('Adresse d’expéditeur').fill('direction@ecole.example');
    await page.getByLabel('Courriels par minute, au plus').fill('600');
    await page.getByRole('button', { name: 'Envoyer un message d’essai' }).click();
    const diagnosis = page.getByRole('status').filter({ hasText: 'Identifiant ou mot de passe :' });
    await expect(diagnosis.innerText()).resolves.toContain('Identifiant ou mot de passe refusé par le serveur de messagerie');

    await page.getByLabel('Mot de passe', { exact: true }).fill('secret');
    await page.getByRole('button', { name: 'Envoyer un message d’essai' }).click();
    await page.getByText('Message d’essai envoyé à direction@ecole.example').waitFor();
    expect(server.received).toHaveLength(1);
    expect(server.received[0]).toMatchObject({ subject: 'Sésame : message d’essai', user: 'direction' });
    await expect(page.getByText('Un mot de passe est gardé jusqu’à la fermeture de Sésame').isVisible()).resolves.toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.screenshot('mail-settings');
  });

  it('confirms the counts, previews any recipient and sends to the selection', async () => {
    const { page, context } = app;
    await page.getByRole('link', { name: 'Publipostage' }).click();
    await page.getByRole('heading', { name: 'Envoi par courriel' }).waitFor();
    const recipients = page.getByRole('region', { name: '1. Destinataires' });
    await recipients.getByLabel('Activation').selectOption('');
    await recipients.getByRole('checkbox', { name: 'Parent' }).check();
    await recipients.getByRole('checkbox', { name: 'CP A', exact: true }).check();
    const db = context.db;
    const parents = `SELECT count(*) FROM account a WHERE a.profile = 'relative' AND a.id IN (SELECT g.guardian_id FROM guardian_link g
      JOIN account_class ac ON ac.account_id = g.child_id JOIN class c ON c.id = ac.class_id WHERE c.name = 'CP A')`;
    const withAddress = db.prepare(`${parents} AND coalesce(a.email, '') <> ''`).pluck().get() as number;
    const withoutAddress = db.prepare(`${parents} AND coalesce(a.email, '') = ''`).pluck().get() as number;
    await page.getByText(`${withAddress} comptes recevront un courriel`).waitFor();
    await page.getByText(`${withoutAddress} comptes sans adresse courriel utilisable`).waitFor();
    await expect(page.getByRole('button', { name: `Générer le PDF pour ces ${withoutAddress} comptes` }).isVisible()).resolves.toBe(true);

    await page.getByRole('button', { name: 'Suivant' }).click();
    const subject = page.locator('.headers .subject');
    await expect.poll(() => subject.innerText()).toMatch(/^(Vos identifiants|Rappel de votre identifiant) ONE – École de démonstration$/);
    const frame = page.frameLocator('iframe[title="Aperçu du courriel"]');
    await expect(frame.getByText(/^Bonjour /).innerText()).resolves.toMatch(/^Bonjour .+,$/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.screenshot('mail-step');

    await page.getByRole('button', { name: `Envoyer ${withAddress} courriels…` }).click();
    await page.getByRole('dialog').getByText(`${withAddress} courriels personnels seront envoyés`).waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Envoyer' }).click();
    await page.getByRole('heading', { name: 'Envoi n° 1 — Terminé' }).waitFor({ timeout: 30_000 });
    expect(server.received).toHaveLength(1 + withAddress);
    const results = page.getByRole('region', { name: 'Envoi n° 1 — Terminé' });
    await expect(results.getByRole('button', { name: `Envoyés ${withAddress}` }).isVisible()).resolves.toBe(true);
    await expect(results.locator('tbody .state.sent').count()).resolves.toBe(withAddress);
    await results.getByRole('button', { name: /^Non envoyés \(sans adresse\)/ }).click();
    await expect.poll(() => results.locator('tbody tr').count()).toBe(withoutAddress);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.screenshot('mail-results');
  });

  it('offers the PDF for the accounts without an address', async () => {
    const button = app.page.getByRole('button', { name: /^Générer le PDF pour ces \d+ comptes$/ });
    const accounts = Number((await button.innerText()).match(/\d+/)?.[0]);
    const [download] = (await Promise.all([app.page.waitForEvent('download'), button.click()])) as [Download, void];
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    expect(readFileSync((await download.path()) as string).subarray(0, 5).toString()).toBe('%PDF-');
    await app.page.getByText(`PDF téléchargé : ${accounts} fiches à remettre sur papier.`).waitFor();
  });

  it('exports the result table as CSV', async () => {
    const [download] = (await Promise.all([
      app.page.waitForEvent('download'),
      app.page.getByRole('button', { name: 'Exporter le tableau (CSV)…' }).click(),
    ])) as [Download, void];
    expect(download.suggestedFilename()).toMatch(/^envoi-courriel-1-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync((await download.path()) as string, 'utf8');
    expect(text.startsWith('\uFEFFNom;Prénom;Courriel;Message;État;Détail')).toBe(true);
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeTempDocuments, tempDocumentsOf } from '../electron/api/temp-documents.ts';
import { encryptedSecretStore, noSystemEncryptionNotice } from '../electron/core/publipostage/mail/secrets.ts';
import { startApp, type RunningApp } from './harness.ts';

/**
 * The renderer as the Electron window runs it: `window.sesame` is there (here a stand-in that
 * calls the web host, as the preload calls the main process), and the context has desktop hooks
 * (here a fake system PDF reader). The window opens no tab: « Imprimer » goes through the API.
 */
describe('the renderer in the desktop app', () => {
  let app: RunningApp;
  let root: string;
  const opened: { name: string; pdf: boolean }[] = [];
  let popups = 0;

  beforeAll(async () => {
    app = await startApp();
    root = mkdtempSync(join(tmpdir(), 'sesame-e2e-temp-'));
    tempDocumentsOf(app.context, { root });
    app.context.desktop = {
      async openPath(path) {
        opened.push({ name: path.split(/[\\/]/).at(-1) ?? '', pdf: readFileSync(path).subarray(0, 5).toString('latin1') === '%PDF-' });
      },
    };
    // The system cannot encrypt: the password stays for the session, and Paramètres says why.
    app.context.secrets = encryptedSecretStore(app.context.db, { available: () => false, encrypt: () => '', decrypt: () => '' });
    const { page } = app;
    page.on('popup', () => popups++);
    await page.addInitScript(() => {
      // The top page only (the preload runs in no other frame).
      if (window.top !== window) return;
      const token = sessionStorage.getItem('sesame-token') ?? '';
      Object.defineProperty(window, 'sesame', {
        value: Object.freeze({
          async call(method: string, arg: unknown) {
            const response = await fetch('/api/call', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Sesame-Token': token }, body: JSON.stringify({ method, arg }) });
            return response.json();
          },
          subscribe: () => () => undefined,
        }),
      });
    });
    await page.reload();
    await page.getByRole('link', { name: 'Publipostage' }).waitFor();
  });
  afterAll(async () => {
    if (app) disposeTempDocuments(app.context);
    await app?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('prints a publipostage PDF through the system PDF reader, not a new tab', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Publipostage' }).click();
    await page.getByRole('checkbox', { name: 'CP A', exact: true }).check();
    await expect.poll(() => page.locator('.verify .counts strong').innerText()).toMatch(/^[1-9]\d* comptes? sélectionnés? au total$/);
    await page.getByRole('button', { name: 'Imprimer' }).click();
    await page.getByText(/^identifiants-ent-\d{4}-\d{2}-\d{2}\.pdf est ouvert dans le lecteur de PDF de l’ordinateur/).waitFor();
    expect(opened).toEqual([{ name: expect.stringMatching(/^identifiants-ent-\d{4}-\d{2}-\d{2}\.pdf$/), pdf: true }]);
    expect(popups).toBe(0);
  });

  it('prints from the preview the same way', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Aperçu' }).click();
    const dialog = page.getByRole('dialog', { name: 'Aperçu avant impression' });
    await dialog.getByText(/^Page 1 sur \d+$/).waitFor();
    await dialog.getByRole('button', { name: 'Imprimer' }).click();
    await expect.poll(() => opened.length).toBe(2);
    expect(popups).toBe(0);
    await dialog.getByRole('button', { name: 'Fermer' }).click();
  });

  it('says where the mail password is entered that the system cannot encrypt it', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Paramètres', exact: true }).click();
    await page.getByRole('heading', { name: 'Messagerie', exact: true }).waitFor();
    await expect.poll(() => page.locator('#mail-password-hint').innerText()).toBe(noSystemEncryptionNotice);
  });
});

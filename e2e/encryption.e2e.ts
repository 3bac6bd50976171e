import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSchool } from '../electron/api/open-school.ts';
import { backupSchoolFile, listBackups } from '../electron/core/db/backup.ts';
import { fileEncryption, sessionRing } from '../electron/core/db/cipher.ts';
import { keychainRing } from '../electron/core/db/keychain.ts';
import { formatRecoveryKey, newSchoolKey } from '../electron/core/db/school-key.ts';
import { safeStorageCipher } from '../electron/main/safe-storage.ts';
import { app as electronApp, safeStorage } from '../electron/test-support/electron-stub.ts';
import { PopplerFile } from '../electron/test-support/poppler.ts';
import { seriousA11yViolations, startApp, type RunningApp } from './harness.ts';

let dir: string;
let running: RunningApp | null = null;

/** The app on one computer: its keychain file sealed by (the stand-in of) the system's safeStorage. */
function keychainOf(computer: string) {
  return keychainRing(join(dir, computer, 'cles-ecoles.json'), safeStorageCipher(safeStorage, 'linux'));
}

async function open(schoolFile: string, options: Parameters<typeof startApp>[0] = {}): Promise<RunningApp> {
  await running?.close();
  running = await startApp({ schoolFile, ...options });
  return running;
}

/** The recovery sheet's PDF as the preview received it from the web host. */
async function sheetText(page: Page, show: () => Promise<void>): Promise<string> {
  const answer = page.waitForResponse((response) => response.url().endsWith('/api/call') && (response.request().postData() ?? '').includes('"publipostage.document"'));
  await show();
  const body = (await (await answer).json()) as { ok: boolean; value: { base64: string } };
  const pdf = new PopplerFile(Buffer.from(body.value.base64, 'base64'));
  try {
    return pdf.text('-layout');
  } finally {
    rmSync(pdf.dir, { recursive: true, force: true });
  }
}

beforeAll(() => {
  if (!electronApp.calls.includes('ready')) electronApp.becomeReady();
  dir = mkdtempSync(join(tmpdir(), 'sesame-e2e-encryption-'));
});
afterAll(async () => {
  await running?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('an encrypted school file, through the web host', () => {
  let schoolFile: string;
  let recoveryKey = '';

  it('is created encrypted, and asks for its recovery sheet until it is made', async () => {
    schoolFile = join(dir, 'ecole.db');
    const { page, screenshot } = await open(schoolFile, { keys: keychainOf('portable') });
    expect(fileEncryption(schoolFile)).toBe('encrypted');
    const banner = page.getByRole('note').filter({ hasText: 'Imprimez la fiche de secours de ce fichier' });
    await banner.waitFor();
    await screenshot('encryption-banner');
    await banner.getByRole('link', { name: 'Paramètres › Chiffrement' }).click();
    const section = page.getByRole('region', { name: 'Chiffrement' });
    await section.getByText('Chiffré', { exact: true }).waitFor();
    await section.getByText('Pas encore faite').waitFor();
    await section.getByText(/Gardée dans le trousseau de cet ordinateur/).waitFor();
    await section.scrollIntoViewIfNeeded();
    await screenshot('encryption-settings');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('shows the recovery sheet after a confirmation, with the key on it', async () => {
    const { page, screenshot } = running as RunningApp;
    const section = page.getByRole('region', { name: 'Chiffrement' });
    await section.getByRole('button', { name: 'Imprimer la fiche de secours…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Afficher la fiche de secours ?' });
    await confirm.getByText(/quiconque la lit peut ouvrir le fichier/).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    const text = await sheetText(page, () => confirm.getByRole('button', { name: 'Afficher la fiche' }).click());
    expect(text).toMatch(/Fiche de secours/);
    recoveryKey = (text.match(/([0-9A-HJKMNP-TV-Z]{4} ){6}[0-9A-HJKMNP-TV-Z]{4}/g) ?? []).join(' ');
    expect(recoveryKey.replaceAll(' ', '')).toHaveLength(56);

    const preview = page.getByRole('dialog', { name: 'Aperçu avant impression' });
    await preview.getByText('Page 1 sur 1').waitFor();
    await screenshot('encryption-recovery-sheet');
    await preview.getByRole('button', { name: 'Fermer' }).click();
    await section.getByText('Faite pour la clé actuelle.').waitFor();
    await expect.poll(() => page.getByText('Imprimez la fiche de secours de ce fichier').count()).toBe(0);
  });

  it('reopens on the same computer without asking for the key', async () => {
    const { page } = await open(schoolFile, { keys: keychainOf('portable') });
    await page.getByRole('navigation', { name: 'Sections' }).waitFor();
    expect(await page.getByText('Ce fichier d’école est chiffré').count()).toBe(0);
  });

  it('opens on another computer with the recovery key, told apart from a wrong or mistyped key', async () => {
    const { page, screenshot } = await open(schoolFile, { keys: keychainOf('bureau') });
    await page.getByRole('heading', { name: 'Ce fichier d’école est chiffré' }).waitFor();
    await page.getByText(/^Clé manquante/).waitFor();
    expect(await page.getByText(/endommagé/).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot('encryption-locked');

    const field = page.getByLabel('Clé de secours');
    await field.fill(formatRecoveryKey(newSchoolKey()));
    await page.getByRole('button', { name: 'Ouvrir le fichier' }).click();
    await page.getByRole('alert').filter({ hasText: /^Clé incorrecte/ }).waitFor();
    await field.fill(recoveryKey.replace(/^./, (char) => (char === 'A' ? 'B' : 'A')));
    await field.press('Enter');
    await page.getByRole('alert').filter({ hasText: /mal recopiée/ }).waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await screenshot('encryption-locked-typo');

    // As a director types it from paper: lower case, dashes here and there.
    await field.fill(recoveryKey.toLowerCase().replace(/ /g, (_, index: number) => (index % 2 ? '-' : ' ')));
    await page.getByText('56 caractères : la clé est complète.').waitFor();
    await field.press('Enter');
    await page.getByRole('navigation', { name: 'Sections' }).waitFor();
    await page.getByText(/clé est maintenant gardée dans le trousseau de cet ordinateur/).waitFor();

    const again = await open(schoolFile, { keys: keychainOf('bureau') });
    await again.page.getByRole('navigation', { name: 'Sections' }).waitFor();
  });

  it('says « clé incorrecte » when the key given does not fit, and fits a 1024×768 screen', async () => {
    const { page, screenshot } = await open(schoolFile, { keys: sessionRing(newSchoolKey()), viewport: { width: 1024, height: 768 } });
    await page.getByRole('heading', { name: 'Ce fichier d’école est chiffré' }).waitFor();
    await page.getByText(/^Clé incorrecte/).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot('encryption-locked-1024');
  });
});

describe('a plain school file, through the web host', () => {
  it('is offered encryption, says where plain copies may remain, asks for the sheet, and changes its key', async () => {
    const schoolFile = join(dir, 'ecole-en-clair.db');
    // A plain file with a backup of last week: still plain once the file is encrypted.
    const before = await openSchool(schoolFile, { demoWhenEmpty: true });
    await backupSchoolFile(before.db, schoolFile, 'daily', new Date(Date.now() - 7 * 86_400_000));
    before.db.close();
    expect(fileEncryption(schoolFile)).toBe('plain');
    const { page, screenshot } = await open(schoolFile, { keys: keychainOf('portable'), viewport: { width: 1024, height: 768 } });
    const offer = page.getByRole('note').filter({ hasText: 'Ce fichier d’école n’est pas chiffré' });
    await offer.waitFor();
    await screenshot('encryption-offer-1024');
    await offer.getByRole('link', { name: 'Chiffrer ce fichier…' }).click();
    const section = page.getByRole('region', { name: 'Chiffrement' });
    await section.getByText('Non chiffré', { exact: true }).waitFor();
    await section.getByRole('button', { name: 'Chiffrer ce fichier…' }).click();
    await page.getByRole('dialog', { name: 'Chiffrer le fichier de l’école ?' }).getByRole('button', { name: 'Chiffrer', exact: true }).click();

    // The new key's sheet is offered straight away; the director may do it later.
    await page.getByRole('dialog', { name: 'Afficher la fiche de secours ?' }).getByRole('button', { name: 'Annuler' }).click();
    await section.getByRole('status').filter({ hasText: /sauvegarde en clair faite avant a été effacée.*Des copies en clair peuvent subsister/ }).waitFor();
    await section.getByText('Chiffré', { exact: true }).waitFor();
    await page.getByText('Imprimez la fiche de secours de ce fichier').waitFor();
    expect(fileEncryption(schoolFile)).toBe('encrypted');
    await section.scrollIntoViewIfNeeded();
    await screenshot('encryption-encrypted-1024');
    expect(await seriousA11yViolations(page)).toEqual([]);

    const plain = section.getByRole('group', { name: '1 sauvegarde en clair' });
    await plain.scrollIntoViewIfNeeded();
    await screenshot('encryption-plain-backups-1024');
    await plain.getByRole('button', { name: 'Chiffrer', exact: true }).click();
    await section.getByRole('status').filter({ hasText: '1 sauvegarde(s) en clair chiffrée(s)' }).waitFor();
    await expect.poll(() => plain.count()).toBe(0);
    expect(listBackups(schoolFile).every((backup) => backup.encrypted)).toBe(true);

    // A new key: backup first under the old one (the core's job), then its sheet is offered.
    const fingerprint = await section.getByText(/Empreinte/).innerText();
    await section.getByRole('button', { name: 'Changer la clé…' }).click();
    await page.getByRole('dialog', { name: 'Changer la clé du fichier ?' }).getByRole('button', { name: 'Changer la clé', exact: true }).click();
    const text = await sheetText(page, () => page.getByRole('dialog', { name: 'Afficher la fiche de secours ?' }).getByRole('button', { name: 'Afficher la fiche' }).click());
    expect(text).not.toContain(fingerprint.replace(/^Empreinte |\.$/g, ''));
    await page.getByRole('dialog', { name: 'Aperçu avant impression' }).getByRole('button', { name: 'Fermer' }).click();
    await section.getByRole('status').filter({ hasText: /Nouvelle clé en place.*gardez l’ancienne/ }).waitFor();
    await section.getByText('Faite pour la clé actuelle.').waitFor();
    expect(listBackups(schoolFile).every((backup) => backup.encrypted)).toBe(true);

    await page.goto(`${running?.host.origin}/#/imports-exports/exporter`);
    await page.getByText('Le fichier enregistré n’est pas chiffré : gardez-le en lieu sûr.').waitFor();
  });
});

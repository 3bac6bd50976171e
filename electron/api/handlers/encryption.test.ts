import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type ApiClient } from '../../../shared/api/contract.ts';
import type { Result } from '../../../shared/api/result.ts';
import { fileEncryption } from '../../core/db/cipher.ts';
import { keychainRing } from '../../core/db/keychain.ts';
import { formatRecoveryKey, newSchoolKey } from '../../core/db/school-key.ts';
import { app, safeStorage } from '../../test-support/electron-stub.ts';
import { safeStorageCipher } from '../../main/safe-storage.ts';
import type { CoreContext } from '../context.ts';
import { documentsOf } from '../documents.ts';
import { inProcessTransport } from '../in-process.ts';
import { openSchool } from '../open-school.ts';

let dir: string;
let schoolFile: string;
let context: CoreContext;
let api: ApiClient;

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** The app on one computer: its keychain file sealed by (the stand-in of) safeStorage. */
async function startOn(computer: string, options: { demoWhenEmpty?: boolean } = {}): Promise<void> {
  if (context?.db.open) context.db.close();
  const keys = keychainRing(join(dir, computer, 'cles-ecoles.json'), safeStorageCipher(safeStorage, 'linux'));
  context = await openSchool(schoolFile, { ...options, recoverable: true, context: { keys } });
  api = createClient(inProcessTransport(context));
}

beforeEach(() => {
  if (!app.calls.includes('ready')) app.becomeReady();
  dir = mkdtempSync(join(tmpdir(), 'sesame-encryption-api-'));
  schoolFile = join(dir, 'ecole.db');
});
afterEach(() => {
  if (context.db.open) context.db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a school file in the desktop app', () => {
  it('is created encrypted, asks for its recovery sheet, and reopens from the keychain', async () => {
    await startOn('portable', { demoWhenEmpty: true });
    const status = value(await api.encryption.status({}));
    expect(status).toMatchObject({ encrypted: true, keyKept: true, sheetPending: true, canMakeKeys: true });
    expect(fileEncryption(schoolFile)).toBe('encrypted');
    expect(readFileSync(join(dir, 'portable', 'cles-ecoles.json'), 'utf8')).not.toMatch(/[0-9a-f]{64}/);

    const sheet = value(await api.encryption.recoverySheet({ confirm: true }));
    expect(sheet.pages).toBe(1);
    const pdf = join(dir, 'fiche.pdf');
    writeFileSync(pdf, (documentsOf(context).get(sheet.documentId) as { bytes: Uint8Array }).bytes);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/Fiche de secours/);
    expect(text).toMatch(/([0-9A-HJKMNP-TV-Z]{4} ){6}[0-9A-HJKMNP-TV-Z]{4}/);
    expect(text).toMatch(/Où garder cette fiche/);
    expect(value(await api.encryption.status({})).sheetPending).toBe(false);

    await startOn('portable');
    expect(value(await api.system.status({})).file.status).toBe('ok');
  });

  it('opens on another computer with the recovery key only, and keeps it there', async () => {
    await startOn('portable', { demoWhenEmpty: true });
    const sheet = value(await api.encryption.recoverySheet({ confirm: true }));
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: (documentsOf(context).get(sheet.documentId) as { bytes: Uint8Array }).bytes, encoding: 'utf8' });
    const recoveryKey = (text.match(/([0-9A-HJKMNP-TV-Z]{4} ){6}[0-9A-HJKMNP-TV-Z]{4}/g) ?? []).join(' ');
    await startOn('bureau');
    const before = readFileSync(schoolFile);
    const locked = value(await api.system.status({})).file;
    expect(locked).toMatchObject({ status: 'locked', reason: 'missing-key' });
    expect((locked as { message: string }).message).toMatch(/^Clé manquante/);
    expect((await api.directory.search({ text: '' } as never)).ok).toBe(false);

    const wrong = await api.encryption.unlock({ recoveryKey: formatRecoveryKey(newSchoolKey()) });
    expect(wrong.ok ? '' : wrong.error.message).toMatch(/^Clé incorrecte/);
    const typo = await api.encryption.unlock({ recoveryKey: recoveryKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) });
    expect(typo.ok ? '' : typo.error.message).toMatch(/mal recopiée/);
    expect(readFileSync(schoolFile).equals(before)).toBe(true);

    value(await api.encryption.unlock({ recoveryKey: recoveryKey.toLowerCase() }));
    expect(value(await api.system.status({})).file.status).toBe('ok');
    await startOn('bureau');
    expect(value(await api.system.status({})).file.status).toBe('ok');
  });

  it('encrypts a plain file it is given, and changes the key with a backup under the old one', async () => {
    const { openSchoolFile } = await import('../../core/db/open.ts');
    (await openSchoolFile(schoolFile)).close();
    expect(fileEncryption(schoolFile)).toBe('plain');
    await startOn('portable');
    expect(value(await api.encryption.status({})).encrypted).toBe(false);
    const encrypted = value(await api.encryption.encrypt({}));
    expect(encrypted.status).toMatchObject({ encrypted: true, sheetPending: true });
    expect(encrypted.notice).toMatch(/sauvegarde en clair faite avant a été effacée/);
    const first = encrypted.status.fingerprint;
    const changed = value(await api.encryption.changeKey({}));
    expect(changed.status.fingerprint).not.toBe(first);
    expect(changed.status.sheetPending).toBe(true);
    const backups = value(await api.backups.list({})).backups;
    expect(backups.every((backup) => backup.encrypted)).toBe(true);
    expect(value(await api.backups.preview({ name: backups[0]?.name as string })).problem).toBeNull();
  });
});

import { Buffer } from 'node:buffer';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../shared/api/client.ts';
import type { CoreContext } from '../api/context.ts';
import { inProcessTransport } from '../api/in-process.ts';
import { openSchool, switchSchool } from '../api/open-school.ts';
import { noSystemEncryptionNotice, smtpPasswordSecret } from '../core/publipostage/mail/secrets.ts';
import { desktopContext, desktopHooks } from './desktop.ts';
import { safeStorageCipher, type SafeStorageLike } from './safe-storage.ts';

/**
 * A stand-in for Electron's safeStorage (the edge of the world): AES with a key of « this OS
 * user », Buffers in and out like the real one, and the availability the system reports.
 */
function fakeSafeStorage(options: { available?: boolean; backend?: ReturnType<SafeStorageLike['getSelectedStorageBackend']>; key?: Buffer } = {}) {
  const key = options.key ?? randomBytes(32);
  const calls = { encrypt: 0, decrypt: 0 };
  const storage: SafeStorageLike = {
    isEncryptionAvailable: () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptString(plain) {
      calls.encrypt++;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
    },
    decryptString(bytes) {
      calls.decrypt++;
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
  return { storage, calls };
}

describe('the safeStorage cipher of the SMTP password', () => {
  it('seals text into base64 that only the same system key opens', () => {
    const { storage } = fakeSafeStorage();
    const cipher = safeStorageCipher(storage, 'win32');
    const sealed = cipher.encrypt('Tr3s-s3cret é');
    expect(sealed).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(sealed, 'base64').includes('Tr3s')).toBe(false);
    expect(cipher.decrypt(sealed)).toBe('Tr3s-s3cret é');
    expect(() => safeStorageCipher(fakeSafeStorage().storage, 'win32').decrypt(sealed)).toThrow();
  });

  it('is available when the system encrypts, not when it cannot', () => {
    expect(safeStorageCipher(fakeSafeStorage().storage, 'win32').available()).toBe(true);
    expect(safeStorageCipher(fakeSafeStorage({ available: false }).storage, 'darwin').available()).toBe(false);
  });

  it('counts Linux’s « basic_text » fallback (a key written in Chromium’s sources) as no encryption', () => {
    expect(safeStorageCipher(fakeSafeStorage({ backend: 'basic_text' }).storage, 'linux').available()).toBe(false);
    expect(safeStorageCipher(fakeSafeStorage({ backend: 'kwallet5' }).storage, 'linux').available()).toBe(true);
    // Elsewhere the backend question does not arise (Electron answers it on Linux only).
    expect(safeStorageCipher(fakeSafeStorage({ backend: 'basic_text' }).storage, 'win32').available()).toBe(true);
  });
});

describe('the desktop hooks', () => {
  it('open a file with the system application, and fail with shell.openPath’s message', async () => {
    const opened: string[] = [];
    const hooks = desktopHooks({
      openPath: async (path) => {
        opened.push(path);
        return path.endsWith('.pdf') ? '' : 'No application is associated with the specified file';
      },
    });
    await hooks.openPath('/tmp/fiches.pdf');
    expect(opened).toEqual(['/tmp/fiches.pdf']);
    await expect(hooks.openPath('/tmp/fiches.xyz')).rejects.toThrow('No application is associated');
  });
});

describe('the context the desktop app opens a school file with', () => {
  let dir: string;
  const contexts: CoreContext[] = [];
  const shell = { openPath: async () => '' };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sesame-desktop-'));
  });
  afterEach(() => {
    for (const context of contexts.splice(0)) if (context.db.open) context.db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(file: string, storage: SafeStorageLike, platform: NodeJS.Platform = 'win32') {
    const context = await openSchool(join(dir, file), { context: desktopContext({ shell, safeStorage: storage, platform }) });
    contexts.push(context);
    return { context, api: createClient(inProcessTransport(context)) };
  }

  it('has the desktop hooks', async () => {
    const { context } = await open('ecole.db', fakeSafeStorage().storage);
    expect(context.desktop).not.toBeNull();
  });

  it('keeps the password sealed in the school file, never in clear, and finds it again at the next start', async () => {
    const key = randomBytes(32);
    const first = await open('ecole.db', fakeSafeStorage({ key }).storage);
    const saved = await first.api.mail.updateSettings({ smtp: { host: 'smtp.ac-nice.fr', user: 'direction' }, password: 'Tr3s-s3cret' });
    expect(saved.ok && saved.value).toMatchObject({ password: 'saved', canSavePassword: true, passwordNotice: null });
    first.context.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(first.context.filePath).includes('Tr3s-s3cret')).toBe(false);
    first.context.db.close();

    const { storage, calls } = fakeSafeStorage({ key });
    const again = await open('ecole.db', storage);
    expect(again.context.secrets.read(smtpPasswordSecret)).toBe('Tr3s-s3cret');
    expect(calls.decrypt).toBe(1);
  });

  it('gives each school file its own password when the app switches file, and finds each again', async () => {
    const { storage } = fakeSafeStorage();
    const { context, api } = await open('ecole-a.db', storage);
    await api.mail.updateSettings({ password: 'mot-de-passe-A' });

    await switchSchool(context, join(dir, 'ecole-b.db'));
    expect(context.secrets.read(smtpPasswordSecret)).toBeNull();
    const view = await api.mail.settings({});
    expect(view.ok && view.value.password).toBe('none');
    await api.mail.updateSettings({ password: 'mot-de-passe-B' });

    await switchSchool(context, join(dir, 'ecole-a.db'));
    expect(context.secrets.read(smtpPasswordSecret)).toBe('mot-de-passe-A');
    await switchSchool(context, join(dir, 'ecole-b.db'));
    expect(context.secrets.read(smtpPasswordSecret)).toBe('mot-de-passe-B');
  });

  it('keeps the password for the session only when the system cannot encrypt, and says so in French', async () => {
    const { storage, calls } = fakeSafeStorage({ backend: 'basic_text' });
    const { context, api } = await open('ecole.db', storage, 'linux');
    const saved = await api.mail.updateSettings({ password: 'Tr3s-s3cret' });
    expect(saved.ok && saved.value).toMatchObject({ password: 'session', canSavePassword: false, passwordNotice: noSystemEncryptionNotice });
    expect(noSystemEncryptionNotice).toMatch(/ne permet pas à Sésame de chiffrer le mot de passe/);
    expect(calls.encrypt).toBe(0);
    expect(context.db.prepare(`SELECT count(*) FROM setting WHERE key LIKE 'secret.%'`).pluck().get()).toBe(0);
  });

  it('says nothing of the kind in the web host and the CLI, which never offer to save it', async () => {
    const context = await openSchool(join(dir, 'web.db'));
    contexts.push(context);
    const view = await createClient(inProcessTransport(context)).mail.settings({});
    expect(view.ok && view.value).toMatchObject({ canSavePassword: false, passwordNotice: null });
    expect(context.desktop).toBeNull();
  });
});

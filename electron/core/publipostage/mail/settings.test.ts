import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { smtpSettingsSchema } from '../../../../shared/domain/mail.ts';
import { testSchool, type TestSchool } from '../../../test-support/school.ts';
import { encryptedSecretStore, smtpPasswordSecret, type SecretCipher } from './secrets.ts';
import { effectiveSmtpSettings, readSmtpSettings, smtpEnvironment, SmtpEnvironmentError, writeSmtpSettings } from './settings.ts';

describe('SESAME_SMTP_URL and SESAME_SMTP_FROM', () => {
  it.each([
    ['smtp://direction:s3cr%40t@127.0.0.1:2525', { host: '127.0.0.1', port: 2525, security: 'none', user: 'direction' }, 's3cr@t'],
    ['smtps://ce.0610999x@ac-nice.fr:mdp@smtp.ac-nice.fr', { host: 'smtp.ac-nice.fr', port: 465, security: 'tls', user: 'ce.0610999x@ac-nice.fr' }, 'mdp'],
    ['smtp://relais.exemple.fr', { host: 'relais.exemple.fr', port: 587, security: 'starttls' }, null],
  ])('reads %s', (url, settings, password) => {
    expect(smtpEnvironment({ SESAME_SMTP_URL: url })).toEqual({ settings, password });
  });

  it('reads the sender with or without a name', () => {
    expect(smtpEnvironment({ SESAME_SMTP_FROM: '"École Jules-Ferry" <ecole@exemple.fr>' })?.settings).toEqual({ senderName: 'École Jules-Ferry', senderAddress: 'ecole@exemple.fr' });
    expect(smtpEnvironment({ SESAME_SMTP_FROM: 'ecole@exemple.fr' })?.settings).toEqual({ senderAddress: 'ecole@exemple.fr' });
  });

  it('refuses what it cannot read, in French', () => {
    expect(() => smtpEnvironment({ SESAME_SMTP_URL: 'http://x' })).toThrow(new SmtpEnvironmentError('SESAME_SMTP_URL doit commencer par smtp:// ou smtps://.'));
    expect(() => smtpEnvironment({ SESAME_SMTP_URL: 'pas une adresse' })).toThrow(SmtpEnvironmentError);
    expect(() => smtpEnvironment({ SESAME_SMTP_FROM: 'école' })).toThrow(/SESAME_SMTP_FROM doit être une adresse de courriel/);
    expect(smtpEnvironment({})).toBeNull();
  });

  it('replaces only the fields it sets', () => {
    const stored = { ...readDefaults(), senderName: 'École', ratePerMinute: 12 };
    expect(effectiveSmtpSettings(stored, smtpEnvironment({ SESAME_SMTP_URL: 'smtps://smtp.exemple.fr' }))).toMatchObject({ host: 'smtp.exemple.fr', senderName: 'École', ratePerMinute: 12 });
  });
});

function readDefaults() {
  return smtpSettingsSchema.parse({ host: '', port: 587, security: 'starttls', user: '', senderName: '', senderAddress: '', replyTo: '', ratePerMinute: 30, connections: 2 });
}

describe('the SMTP settings of the school file', () => {
  let school: TestSchool;
  beforeEach(async () => {
    school = await testSchool();
  });
  afterEach(() => school.cleanup());

  it('allows an unencrypted connection only to this machine', () => {
    expect(() => writeSmtpSettings(school.context.db, { host: 'smtp.ac-nice.fr', security: 'none' })).toThrow(/seul un serveur installé sur cet ordinateur/);
    expect(writeSmtpSettings(school.context.db, { host: 'localhost', port: 25, security: 'none' })).toMatchObject({ host: 'localhost', security: 'none' });
  });

  it('checks addresses and limits, in French', () => {
    expect(() => writeSmtpSettings(school.context.db, { senderAddress: 'direction' })).toThrow(/Adresse de courriel invalide/);
    expect(() => writeSmtpSettings(school.context.db, { ratePerMinute: 0 })).toThrow();
  });

  it('falls back field by field when a stored value is damaged', () => {
    writeSmtpSettings(school.context.db, { host: 'smtp.ac-nice.fr', port: 465, security: 'tls' });
    school.context.db.prepare(`UPDATE setting SET value = json_set(value, '$.port', 'abc') WHERE key = 'mail.smtp'`).run();
    expect(readSmtpSettings(school.context.db)).toMatchObject({ host: 'smtp.ac-nice.fr', port: 587, security: 'tls' });
  });

  it('never writes the password itself, and the API says where it comes from', async () => {
    const view = await school.api.mail.updateSettings({ smtp: { host: 'smtp.ac-nice.fr', user: 'direction' }, password: 'Tr3s-s3cret' });
    expect(view.ok && view.value.password).toBe('session');
    expect(view.ok && view.value.canSavePassword).toBe(false);
    school.context.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(school.context.filePath).includes('Tr3s-s3cret')).toBe(false);
  });
});

/** What Electron's safeStorage does, with a key of our own: AES-GCM. */
function aesCipher(key = randomBytes(32)): SecretCipher {
  return {
    available: () => true,
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
    },
    decrypt(text) {
      const bytes = Buffer.from(text, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

describe('the encrypted secret store (Electron safeStorage)', () => {
  let school: TestSchool;
  beforeEach(async () => {
    school = await testSchool();
  });
  afterEach(() => school.cleanup());

  it('keeps the password sealed in the school file, readable again after a restart', () => {
    const key = randomBytes(32);
    encryptedSecretStore(school.context.db, aesCipher(key)).write(smtpPasswordSecret, 'Tr3s-s3cret');
    school.context.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(school.context.filePath).includes('Tr3s-s3cret')).toBe(false);
    expect(encryptedSecretStore(school.context.db, aesCipher(key)).read(smtpPasswordSecret)).toBe('Tr3s-s3cret');
  });

  it('reads nothing sealed by another user or machine, and forgets on request', () => {
    encryptedSecretStore(school.context.db, aesCipher()).write(smtpPasswordSecret, 'Tr3s-s3cret');
    expect(encryptedSecretStore(school.context.db, aesCipher()).read(smtpPasswordSecret)).toBeNull();
    const store = encryptedSecretStore(school.context.db, aesCipher());
    store.write(smtpPasswordSecret, null);
    expect(store.read(smtpPasswordSecret)).toBeNull();
  });

  it('stays in memory when the system cannot encrypt', () => {
    const store = encryptedSecretStore(school.context.db, { ...aesCipher(), available: () => false });
    expect(store.persistent).toBe(false);
    store.write(smtpPasswordSecret, 'Tr3s-s3cret');
    expect(school.context.db.prepare(`SELECT count(*) FROM setting WHERE key LIKE 'secret.%'`).pluck().get()).toBe(0);
  });
});

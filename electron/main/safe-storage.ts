import type { SafeStorage } from 'electron';
import { Buffer } from 'node:buffer';
import type { SchoolDb } from '../core/db/open.ts';
import { encryptedSecretStore, type SecretCipher, type SecretStore } from '../core/publipostage/mail/secrets.ts';

/** What we use of Electron's safeStorage (the synchronous API: the secret store is synchronous). */
export type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;

/**
 * The SMTP password's cipher in the desktop app: sealed by the system (DPAPI on Windows, the
 * Keychain on macOS, libsecret or KWallet on Linux), kept as base64 text. On Linux without a
 * keyring Chromium falls back to « basic_text », a key written in its own source code: that is
 * no encryption, so the password then stays in memory only.
 * Call after the app is ready (safeStorage answers « unavailable » before).
 */
export function safeStorageCipher(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): SecretCipher {
  return {
    available() {
      if (!safeStorage.isEncryptionAvailable()) return false;
      return platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
    },
    encrypt: (plain) => safeStorage.encryptString(plain).toString('base64'),
    decrypt: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}

/** The secret store of each school file the app opens (CoreContext.secretsFor). */
export function safeStorageSecrets(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): (db: SchoolDb) => SecretStore {
  const cipher = safeStorageCipher(safeStorage, platform);
  return (db) => encryptedSecretStore(db, cipher);
}

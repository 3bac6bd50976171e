import type { SchoolDb } from '../../db/open.ts';
import { readSettingValue, writeSettingValue } from '../../directory/settings.ts';

/**
 * Keeps secrets (the SMTP password) out of the school file in clear. The Electron main process
 * backs it with `safeStorage` through encryptedSecretStore; the CLI and the web host keep the
 * password in memory for the session, or read it from SESAME_SMTP_URL.
 */
export interface SecretStore {
  /** True when a saved secret survives a restart (encrypted by the operating system). */
  readonly persistent: boolean;
  /** Set when the app would keep secrets but the system cannot encrypt them: why, in French, for the password field. */
  readonly notice?: string;
  read(name: string): string | null;
  /** Saves a secret, or forgets it (null). */
  write(name: string, value: string | null): void;
}

export const smtpPasswordSecret = 'smtp-password';

export function memorySecretStore(): SecretStore {
  const secrets = new Map<string, string>();
  return {
    persistent: false,
    read: (name) => secrets.get(name) ?? null,
    write(name, value) {
      if (value === null) secrets.delete(name);
      else secrets.set(name, value);
    },
  };
}

export const noSystemEncryptionNotice =
  'Cet ordinateur ne permet pas à Sésame de chiffrer le mot de passe (trousseau du système indisponible) : il est gardé seulement jusqu’à la fermeture de Sésame, jamais écrit en clair. Il faudra le saisir de nouveau au prochain lancement.';

/** What Electron's safeStorage offers, reduced to text in and base64 out. */
export interface SecretCipher {
  available(): boolean;
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

const sealedKey = (name: string) => `secret.${name}`;

/**
 * Secrets sealed by the system's keychain (DPAPI, Keychain, libsecret) and kept in the school
 * file: only the same OS user on the same machine can open them. When the system offers no
 * encryption the store falls back to memory rather than writing anything readable.
 */
export function encryptedSecretStore(db: SchoolDb, cipher: SecretCipher): SecretStore {
  if (!cipher.available()) return { ...memorySecretStore(), notice: noSystemEncryptionNotice };
  const session = memorySecretStore();
  return {
    persistent: true,
    read(name) {
      const inMemory = session.read(name);
      if (inMemory !== null) return inMemory;
      const sealed = readSettingValue(db, sealedKey(name));
      if (typeof sealed !== 'string') return null;
      try {
        return cipher.decrypt(sealed);
      } catch {
        // Sealed by another OS user or machine: as if nothing was saved.
        return null;
      }
    },
    write(name, value) {
      session.write(name, value);
      writeSettingValue(db, sealedKey(name), value === null ? null : cipher.encrypt(value));
    },
  };
}

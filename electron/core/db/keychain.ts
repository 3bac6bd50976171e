import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SecretCipher } from '../publipostage/mail/secrets.ts';
import type { SchoolKeyRing } from './cipher.ts';
import { keyFingerprint, newSchoolKey, type SchoolKey } from './school-key.ts';

interface KeptKey {
  /** The key sealed by the system (safeStorage: DPAPI, Keychain, libsecret), base64. */
  sealed: string;
  fingerprint: string;
  addedAt: string;
}

interface KeychainFile {
  version: 1;
  keys: KeptKey[];
}

function read(path: string): KeychainFile {
  if (!existsSync(path)) return { version: 1, keys: [] };
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<KeychainFile>;
  return { version: 1, keys: Array.isArray(parsed.keys) ? parsed.keys : [] };
}

function write(path: string, content: KeychainFile): void {
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.partiel`;
  writeFileSync(partial, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  renameSync(partial, path);
}

/**
 * The keys of this computer's school files, each sealed by the system's keychain, in one file of
 * the user's profile (the app's userData). Keys are never removed: an older backup needs the key
 * its file had then. Keys are tried in turn at each opening (a raw key costs about a
 * millisecond), so a file moved, copied or restored from a backup opens without asking. Where the
 * system cannot seal (Linux without a keyring: Chromium's « basic_text »), nothing is kept and
 * new files stay plain: a key written in the clear beside the file would protect nothing.
 */
export function keychainRing(path: string, cipher: SecretCipher): SchoolKeyRing & { readonly keepsKeys: boolean } {
  let session: SchoolKey[] = [];
  return {
    get keepsKeys() {
      return cipher.available();
    },
    keys() {
      const kept: SchoolKey[] = [];
      if (cipher.available()) {
        for (const entry of read(path).keys) {
          try {
            kept.push(Buffer.from(cipher.decrypt(entry.sealed), 'hex'));
          } catch {
            // Sealed by another user or machine (a copied profile): useless here, left as is.
          }
        }
      }
      return [...session, ...kept.filter((key) => !session.some((held) => held.equals(key)))];
    },
    remember(key) {
      if (!session.some((held) => held.equals(key))) session = [key, ...session];
      if (!cipher.available()) return;
      const content = read(path);
      const fingerprint = keyFingerprint(key);
      if (content.keys.some((entry) => entry.fingerprint === fingerprint)) return;
      write(path, { version: 1, keys: [{ sealed: cipher.encrypt(key.toString('hex')), fingerprint, addedAt: new Date().toISOString() }, ...content.keys] });
    },
    keyForNewFile: () => (cipher.available() ? newSchoolKey() : null),
  };
}

import { createHash, randomBytes } from 'node:crypto';

/** The 256-bit key of one encrypted school file (SQLCipher raw key: no passphrase stretching). */
export type SchoolKey = Buffer;

export const schoolKeyBytes = 32;

/*
 * The recovery key as printed on the recovery sheet: Crockford base32 (digits and capitals
 * without I, L, O, U), so nothing on paper can be read two ways, and a reader's O, I or L are
 * taken as 0, 1, 1. The 32 key bytes are followed by 3 check bytes (SHA-256 of the key): a
 * mistyped character is caught as « mal recopiée » before the file is even tried. 35 bytes are
 * 56 characters, shown as 14 groups of 4 (groups of 4 are what people copy without losing their
 * place; hex would need 70 characters for the same key and check).
 */
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const checkBytes = 3;
const groupSize = 4;

export class InvalidRecoveryKeyError extends Error {
  constructor() {
    super('Cette clé de secours est mal recopiée : elle compte 56 caractères (14 groupes de 4), chiffres et lettres. Vérifiez chaque groupe.');
    this.name = 'InvalidRecoveryKeyError';
  }
}

export function newSchoolKey(): SchoolKey {
  return randomBytes(schoolKeyBytes);
}

function check(key: SchoolKey): Buffer {
  return createHash('sha256').update(key).digest().subarray(0, checkBytes);
}

function toBase32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let text = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      text += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) text += alphabet[(value << (5 - bits)) & 31];
  return text;
}

function fromBase32(text: string, byteCount: number): Buffer | null {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of text) {
    const digit = alphabet.indexOf(char);
    if (digit < 0) return null;
    value = (value << 5) | digit;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  return bytes.length === byteCount ? Buffer.from(bytes) : null;
}

/** The recovery key in groups: « 7KQ2-M9XD-… » (14 groups of 4). */
export function formatRecoveryKey(key: SchoolKey): string {
  const text = toBase32(Buffer.concat([key, check(key)]));
  return (text.match(new RegExp(`.{1,${groupSize}}`, 'g')) ?? []).join('-');
}

/** Reads a recovery key as typed or scanned: any case, spaces or dashes, O/I/L read as 0/1/1. */
export function parseRecoveryKey(typed: string): SchoolKey {
  const text = typed
    .toUpperCase()
    .replace(/[\s\-–—_.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  const bytes = fromBase32(text, schoolKeyBytes + checkBytes);
  if (!bytes) throw new InvalidRecoveryKeyError();
  const key = bytes.subarray(0, schoolKeyBytes);
  if (!bytes.subarray(schoolKeyBytes).equals(check(key))) throw new InvalidRecoveryKeyError();
  return Buffer.from(key);
}

/** A short, non-secret way to tell keys apart on screen and on the sheet (« empreinte »). */
export function keyFingerprint(key: SchoolKey): string {
  return createHash('sha256').update('sesame-empreinte').update(key).digest('hex').slice(0, 8).toUpperCase();
}

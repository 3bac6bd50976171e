import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { SchoolDb } from '../db/open.ts';
import { stmt } from '../db/statements.ts';
import { requireLiveAccount } from './accounts.ts';
import { generateCode } from './codes.ts';
import { writeJournal, type Author } from './journal.ts';

/** How long a password-renewal code stays valid: time to hand it over, not to forget it. */
export const renewalValidityDays = 14;

// 28^8 ≈ 4·10^11 codes: a fast hash would fall to brute force, so a slow salted one (scrypt).
const scryptCost = { N: 16_384, r: 8, p: 1 };
const keyLength = 32;

export function hashRenewalCode(code: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(code, salt, keyLength, scryptCost);
  return `scrypt$${scryptCost.N}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

function sameCode(code: string, stored: string): boolean {
  const [scheme, cost, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !cost || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(code, Buffer.from(salt, 'base64'), expected.length, { ...scryptCost, N: Number(cost) });
  return timingSafeEqual(actual, expected);
}

/**
 * A fresh password-renewal code (« Générer un code de renouvellement ») from the cryptographic
 * RNG. It replaces any previous one, is returned this once, and only its hash is kept.
 */
export function issueRenewalCode(db: SchoolDb, accountId: number, by: Author): { code: string; expiresAt: string } {
  const code = generateCode();
  const hash = hashRenewalCode(code);
  const expiresAt = new Date(by.at.getTime() + renewalValidityDays * 86_400_000).toISOString();
  db.transaction(() => {
    requireLiveAccount(db, accountId);
    const replaced = stmt(db, 'DELETE FROM renewal_code WHERE account_id = ?').run(accountId).changes > 0;
    stmt(db, 'INSERT INTO renewal_code (account_id, code_hash, issued_at, expires_at) VALUES (?, ?, ?, ?)').run(
      accountId,
      hash,
      by.at.toISOString(),
      expiresAt,
    );
    writeJournal(
      db,
      {
        action: 'account.renewalCode',
        accountId,
        summary: replaced ? 'Code de renouvellement du mot de passe généré (remplace le précédent)' : 'Code de renouvellement du mot de passe généré',
        after: { expiresAt },
      },
      by.at,
      by.actor,
    );
  })();
  return { code, expiresAt };
}

/** Whether `code` is this account's current, unexpired renewal code. */
export function checkRenewalCode(db: SchoolDb, accountId: number, code: string, now: Date): boolean {
  const row = stmt<[number], { code_hash: string; expires_at: string }>(
    db,
    'SELECT code_hash, expires_at FROM renewal_code WHERE account_id = ?',
  ).get(accountId);
  return row !== undefined && row.expires_at > now.toISOString() && sameCode(code, row.code_hash);
}

import { beforeEach, describe, expect, it } from 'vitest';
import { givenSchool, value, type TestSchool } from '../../test-support/given-school.ts';
import { codeAlphabet } from './codes.ts';
import { checkRenewalCode } from './renewal.ts';

describe('password-renewal codes', () => {
  let school: TestSchool;
  let karim: number;

  beforeEach(async () => {
    school = await givenSchool();
    karim = school.addAccount({ lastName: 'BENSAÏD', firstName: 'Karim', profile: 'teacher', activationCode: null });
  });

  it('gives a code once, keeps only its hash with an expiry, and says so on the sheet', async () => {
    const { code, expiresAt } = value(await school.api.directory.renewalCode({ id: karim }));
    expect(code).toMatch(new RegExp(`^[${codeAlphabet}]{8}$`));
    expect(expiresAt).toBe('2026-09-21T08:00:00.000Z');

    const stored = school.db.prepare('SELECT code_hash FROM renewal_code WHERE account_id = ?').pluck().get(karim) as string;
    expect(stored).not.toContain(code);
    expect(stored).toMatch(/^scrypt\$/);
    const sheet = value(await school.api.directory.get({ id: karim }));
    expect(sheet.renewal).toEqual({ issuedAt: '2026-09-07T08:00:00.000Z', expiresAt, expired: false });
    expect(JSON.stringify(sheet)).not.toContain(code);
    const journal = value(await school.api.directory.journal({ accountId: karim, offset: 0, limit: 10 }));
    expect(JSON.stringify(journal)).not.toContain(code);
    expect(checkRenewalCode(school.db, karim, code, school.clock.now)).toBe(true);
  });

  it('replaces the previous code', async () => {
    const first = value(await school.api.directory.renewalCode({ id: karim }));
    const second = value(await school.api.directory.renewalCode({ id: karim }));
    expect(checkRenewalCode(school.db, karim, first.code, school.clock.now)).toBe(false);
    expect(checkRenewalCode(school.db, karim, second.code, school.clock.now)).toBe(true);
    const [latest] = value(await school.api.directory.journal({ accountId: karim, offset: 0, limit: 1 })).items;
    expect(latest?.summary).toBe('Code de renouvellement du mot de passe généré (remplace le précédent)');
  });

  it('expires after 14 days', async () => {
    const { code } = value(await school.api.directory.renewalCode({ id: karim }));
    school.advance(14);
    expect(checkRenewalCode(school.db, karim, code, school.clock.now)).toBe(false);
    expect(value(await school.api.directory.get({ id: karim })).renewal?.expired).toBe(true);
  });
});

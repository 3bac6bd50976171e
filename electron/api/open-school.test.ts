import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSchoolFile } from '../core/db/open.ts';
import { insertAccount } from '../core/directory/accounts.ts';
import { openSchool } from './open-school.ts';

describe('opening a school file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sesame-open-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('purges the accounts pre-deleted more than 90 days ago, and journals it', async () => {
    const file = join(dir, 'ecole.db');
    const setup = await openSchoolFile(file);
    const old = new Date(Date.now() - 91 * 86_400_000).toISOString();
    const recent = new Date(Date.now() - 10 * 86_400_000).toISOString();
    const account = (login: string) =>
      insertAccount(setup, { profile: 'student', lastName: 'A', firstName: login, login, activationCode: null, source: 'ENT', createdAt: old });
    const expired = account('expire');
    const kept = account('garde');
    setup.prepare('UPDATE account SET pre_deleted_at = ? WHERE id = ?').run(old, expired);
    setup.prepare('UPDATE account SET pre_deleted_at = ? WHERE id = ?').run(recent, kept);
    setup.close();

    const context = await openSchool(file);
    expect(context.db.prepare('SELECT id FROM account').pluck().all()).toEqual([kept]);
    expect(context.db.prepare('SELECT action, account_id FROM journal').all()).toEqual([{ action: 'account.purge', account_id: expired }]);
    context.db.close();
  });
});

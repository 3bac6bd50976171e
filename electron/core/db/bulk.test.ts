import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertAccount } from '../directory/accounts.ts';
import { withCheckpointDeferred, withPlainIndexesDeferred } from './bulk.ts';
import { openSchoolFile, type SchoolDb } from './open.ts';

const account = (login: string) => ({
  profile: 'student' as const,
  lastName: 'DUPONT',
  firstName: 'Léa',
  login,
  activationCode: null,
  source: 'ENT' as const,
  createdAt: '2025-09-01T00:00:00Z',
});

const indexes = (db: SchoolDb) => db.prepare("SELECT name, tbl_name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name").all();
const plainIndexesOf = (db: SchoolDb, table: string) =>
  db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql NOT LIKE 'CREATE UNIQUE%'").pluck().all(table);

describe('withPlainIndexesDeferred', () => {
  let db: SchoolDb;
  beforeEach(async () => {
    db = await openSchoolFile(':memory:');
  });
  afterEach(() => db.close());

  it('sets the plain indexes aside during the work and builds them again, exactly as they were', () => {
    const before = indexes(db);
    let during: unknown[] = [];
    db.transaction(() =>
      withPlainIndexesDeferred(db, ['account', 'account_class'], () => {
        for (let n = 0; n < 50; n++) insertAccount(db, account(`lea.dupont${n}`));
        during = plainIndexesOf(db, 'account');
      }),
    )();
    expect(during).toEqual([]);
    expect(indexes(db)).toEqual(before);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The rebuilt index is used and complete.
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT id FROM account ORDER BY sort_name, id').all() as { detail: string }[];
    expect(plan.map((step) => step.detail).join(' ')).toContain('account_sort');
    expect(db.prepare('SELECT count(*) FROM account INDEXED BY account_sort').pluck().get()).toBe(50);
  });

  it('keeps the unique indexes in force: a duplicate login still stops the write', () => {
    db.transaction(() => insertAccount(db, account('lea.dupont')))();
    expect(() =>
      db.transaction(() => withPlainIndexesDeferred(db, ['account'], () => insertAccount(db, account('lea.dupont'))))(),
    ).toThrow(/UNIQUE/);
  });

  it('brings everything back when the work fails', () => {
    const before = indexes(db);
    expect(() =>
      db.transaction(() =>
        withPlainIndexesDeferred(db, ['account'], () => {
          insertAccount(db, account('lea.dupont'));
          throw new Error('panne');
        }),
      )(),
    ).toThrow('panne');
    expect(indexes(db)).toEqual(before);
    expect(db.prepare('SELECT count(*) FROM account').pluck().get()).toBe(0);
  });

  it('refuses to run outside a transaction', () => {
    expect(() => withPlainIndexesDeferred(db, ['account'], () => 1)).toThrow(/transaction/);
  });
});

describe('withCheckpointDeferred', () => {
  let dir: string;
  let file: SchoolDb;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sesame-checkpoint-'));
    file = await openSchoolFile(join(dir, 'ecole.db'));
  });
  afterEach(() => {
    file.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const writeManyPages = () =>
    file.transaction(() => {
      for (let n = 0; n < 3000; n++) insertAccount(file, account(`eleve${n}`));
    })();
  const schoolFileBytes = () => statSync(join(dir, 'ecole.db')).size;

  it('leaves the pages in the log at commit, and copies them into the school file just after', async () => {
    // Else a commit of this many pages would checkpoint at once.
    file.pragma('wal_autocheckpoint = 100');
    const before = schoolFileBytes();
    withCheckpointDeferred(file, writeManyPages);
    expect(schoolFileBytes()).toBe(before);
    expect(file.prepare('SELECT count(*) FROM account').pluck().get()).toBe(3000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(schoolFileBytes()).toBeGreaterThan(before + 500_000);
  });

  it('checkpoints at commit as before once done, even after a failure', () => {
    file.pragma('wal_autocheckpoint = 100');
    expect(() =>
      withCheckpointDeferred(file, () => {
        throw new Error('échec');
      }),
    ).toThrow('échec');
    expect(file.pragma('wal_autocheckpoint', { simple: true })).toBe(100);
    const before = schoolFileBytes();
    writeManyPages();
    expect(schoolFileBytes()).toBeGreaterThan(before + 500_000);
  });
});

import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { applyMigrations, migrations } from '../migrate.ts';
import { insertAccount } from '../../directory/accounts.ts';
import { quickSearch } from '../../directory/search.ts';

describe('migration 003 (directory)', () => {
  it('indexes the accounts a school file already holds', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    applyMigrations(db, migrations.filter((m) => m.version < 3));
    const id = Number(
      db
        .prepare(
          `INSERT INTO account (profile, last_name, first_name, login, activated, source, created_at, updated_at, sort_name, search_text)
           VALUES ('student', 'MARTIN', 'Héloïse', 'heloise.martin', 1, 'ENT', 'x', 'x', 'martin\u0001heloise', ' martin heloise heloise.martin ')`,
        )
        .run().lastInsertRowid,
    );
    applyMigrations(db, migrations.filter((m) => m.version === 3));

    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect(quickSearch(db, 'heloise', 5)).toEqual([id]);
    expect(db.prepare("INSERT INTO account_fts (account_fts) VALUES ('integrity-check')").run().changes).toBeGreaterThanOrEqual(0);
  });

  it('keeps the index in step with deletions', () => {
    const db = new Database(':memory:');
    applyMigrations(db, migrations);
    const id = insertAccount(db, { profile: 'student', lastName: 'MARTIN', firstName: 'Héloïse', login: 'heloise.martin', activationCode: null, source: 'ENT', createdAt: '2025-09-01T00:00:00Z' });
    db.prepare('DELETE FROM account WHERE id = ?').run(id);
    expect(quickSearch(db, 'heloise', 5)).toEqual([]);
    expect(db.prepare("SELECT count(*) FROM account_fts WHERE account_fts MATCH 'heloise'").pluck().get()).toBe(0);
  });
});

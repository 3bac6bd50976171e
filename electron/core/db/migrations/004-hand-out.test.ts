import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { applyMigrations, pendingMigrations, schemaVersion } from '../migrate.ts';
import { migration001 } from './001-initial.ts';

describe('migration 004: hand-out follow-up', () => {
  it('adds the hand_out table to a file of the first schema, and forgets the rows of deleted accounts', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    applyMigrations(db, [migration001]);
    db.prepare(
      `INSERT INTO account (id, profile, last_name, first_name, login, activation_code, source, created_at, updated_at, sort_name, search_text)
       VALUES (1, 'student', 'ALLARD', 'Emma', 'emma.allard', 'k3m7p9rt', 'ENT', '2026-09-01', '2026-09-01', 'allard emma', ' emma allard ')`,
    ).run();

    applyMigrations(db, pendingMigrations(db));

    expect(schemaVersion(db)).toBeGreaterThanOrEqual(4);
    db.prepare("INSERT INTO hand_out (account_id, handed_out_at, actor, activation_code) VALUES (1, '2026-09-02', 'directrice', 'k3m7p9rt')").run();
    db.prepare('DELETE FROM account WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) FROM hand_out').pluck().get()).toBe(0);
    db.close();
  });
});

import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { applyMigrations, migrations, schemaVersion } from '../migrate.ts';

const insertTodo = `INSERT INTO ent_todo (kind, account_id, last_name, first_name, profile, login, merged, created_at, created_by, closed_at, closed_by, closure, import_run_id)
  VALUES (@kind, 1, 'MARTIN', 'Héloïse', 'student', 'heloise.martin', @merged, '2026-09-07T08:00:00Z', 'directrice', @closedAt, @closedBy, @closure, @runId)`;
const open = { kind: 'block', merged: null, closedAt: null, closedBy: null, closure: null, runId: null };

describe('migration 009: « à faire dans l’ENT », and no renewal code kept', () => {
  it('adds the to-do list to a file of schema 8 and drops the renewal-code hashes, keeping the accounts', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    applyMigrations(db, migrations.filter((migration) => migration.version <= 8));
    db.exec(`INSERT INTO account (id, profile, last_name, first_name, login, source, created_at, updated_at, sort_name, search_text)
             VALUES (1, 'student', 'MARTIN', 'Héloïse', 'heloise.martin', 'ENT', 'x', 'x', 'martin\u0001heloise', ' martin heloise ')`);
    db.exec("INSERT INTO renewal_code (account_id, code_hash, issued_at, expires_at) VALUES (1, 'scrypt$16384$c2Fs$aGFzaA==', 'x', 'y')");

    applyMigrations(db, migrations.filter((migration) => migration.version === 9));

    expect(schemaVersion(db)).toBe(9);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 'renewal_code'").all()).toEqual([]);
    expect(db.prepare('SELECT id, login FROM account').all()).toEqual([{ id: 1, login: 'heloise.martin' }]);
    db.prepare(insertTodo).run(open);
    expect(db.prepare('SELECT kind, closure FROM ent_todo').all()).toEqual([{ kind: 'block', closure: null }]);
    db.close();
  });

  it('refuses an item half closed, a merge without its duplicate, or an export closure without its import', () => {
    const db = new Database(':memory:');
    applyMigrations(db, migrations);
    const add = db.prepare(insertTodo);
    expect(() => add.run({ ...open, closedAt: '2026-09-08T08:00:00Z' })).toThrow(/CHECK/);
    expect(() => add.run({ ...open, kind: 'merge' })).toThrow(/CHECK/);
    expect(() => add.run({ ...open, kind: 'archive' })).toThrow(/CHECK/);
    expect(() => add.run({ ...open, closedAt: 'x', closedBy: 'directrice', closure: 'seenInExport' })).toThrow(/CHECK/);
    expect(() => add.run({ ...open, runId: 3 })).toThrow(/CHECK/);
    add.run({ ...open, kind: 'createGuest', closedAt: 'x', closedBy: 'directrice', closure: 'seenInExport', runId: 3 });
    add.run({ ...open, kind: 'merge', merged: '{"id":2}', closedAt: 'x', closedBy: 'directrice', closure: 'done' });
    expect(db.prepare('SELECT count(*) FROM ent_todo').pluck().get()).toBe(2);
    db.close();
  });

  it('finds an account’s open items through its partial index', () => {
    const db = new Database(':memory:');
    applyMigrations(db, migrations);
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT id FROM ent_todo WHERE account_id = 1 AND kind = 'block' AND closed_at IS NULL").all() as { detail: string }[];
    expect(plan.map((step) => step.detail).join(' ')).toContain('USING INDEX ent_todo_open');
    db.close();
  });
});

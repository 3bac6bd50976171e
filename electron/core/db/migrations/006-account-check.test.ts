import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { applyMigrations, migrations, schemaVersion } from '../migrate.ts';

const opcodes = (db: Database.Database, sql: string, parameters: number) =>
  (db.prepare(`EXPLAIN ${sql}`).all(...Array<null>(parameters).fill(null)) as { opcode: string }[]).map((step) => step.opcode);
const insertAccount = `INSERT INTO account (profile, last_name, first_name, login, activation_code, source, created_at, updated_at, sort_name, search_text)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

describe('migration 006: the account table rebuilt with a cheaper profile check', () => {
  it('keeps every account, link, search entry, index and trigger, and no longer builds a lookup table per insert', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    applyMigrations(db, migrations.filter((migration) => migration.version <= 5));
    const add = db.prepare(insertAccount);
    add.run('student', 'ALLARD', 'Emma', 'emma.allard', 'k3m7p9rt', 'ENT', '2026-09-01', '2026-09-01', 'allard\u0001emma', ' allard emma emma.allard ');
    add.run('relative', 'ALLARD', 'Paul', 'paul.allard', null, 'ENT', '2026-09-01', '2026-09-01', 'allard\u0001paul', ' allard paul paul.allard ');
    db.exec("INSERT INTO class (id, name, sort_name) VALUES (1, 'CM1', 'cm0001')");
    db.exec('INSERT INTO account_class (account_id, class_id) VALUES (1, 1)');
    db.exec('INSERT INTO guardian_link (guardian_id, child_id) VALUES (2, 1)');
    const dump = (sql: string) => db.prepare(sql).all();
    const before = {
      accounts: dump('SELECT * FROM account ORDER BY id'),
      links: dump('SELECT * FROM account_class'),
      guardians: dump('SELECT * FROM guardian_link'),
      schema: dump("SELECT type, name, tbl_name FROM sqlite_schema WHERE tbl_name = 'account' AND type <> 'table' ORDER BY name"),
    };
    expect(opcodes(db, insertAccount, 10)).toContain('OpenEphemeral');

    applyMigrations(db, migrations.filter((migration) => migration.version === 6));

    expect(schemaVersion(db)).toBe(6);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(dump('SELECT * FROM account ORDER BY id')).toEqual(before.accounts);
    expect(dump('SELECT * FROM account_class')).toEqual(before.links);
    expect(dump('SELECT * FROM guardian_link')).toEqual(before.guardians);
    expect(dump("SELECT type, name, tbl_name FROM sqlite_schema WHERE tbl_name = 'account' AND type <> 'table' ORDER BY name")).toEqual(before.schema);
    expect(db.prepare("SELECT rowid FROM account_fts WHERE account_fts MATCH 'emm*'").pluck().all()).toEqual([1]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(opcodes(db, insertAccount, 10)).not.toContain('OpenEphemeral');

    // The rule itself is unchanged, and the search index still follows every write.
    expect(() => add.run('parent', 'X', 'Y', 'x.y', null, 'ENT', 'a', 'a', 'x', ' x ')).toThrow(/CHECK constraint failed/);
    add.run('teacher', 'ROUX', 'Léo', 'leo.roux', null, 'ENT', 'a', 'a', 'roux\u0001leo', ' roux leo leo.roux ');
    expect(db.prepare("SELECT rowid FROM account_fts WHERE account_fts MATCH 'rou*'").pluck().all()).toEqual([3]);
    // References still hold: deleting a pupil deletes their links.
    db.exec('DELETE FROM account WHERE id = 1');
    expect(db.prepare('SELECT count(*) FROM guardian_link').pluck().get()).toBe(0);
    db.close();
  });
});

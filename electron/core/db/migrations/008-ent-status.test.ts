import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { applyMigrations, migrations, schemaVersion } from '../migrate.ts';

const insert = `INSERT INTO account (id, profile, last_name, first_name, login, activation_code, activated, source, ent_id, created_at, updated_at, sort_name, search_text)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'x', 'x', ?, ?)`;

describe('migration 008: where each account’s credentials come from', () => {
  it('keeps the codes an ENT export brought, drops those Sésame made up, and refuses a code on a pending account from then on', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    applyMigrations(db, migrations.filter((migration) => migration.version <= 7));
    const add = db.prepare(insert);
    const row = (id: number, login: string, code: string | null, activated: 0 | 1, source: string, entId: string | null = null) =>
      add.run(id, 'student', login.toUpperCase(), login, login, code, activated, source, entId, `${login}\u0001`, ` ${login} `);
    row(1, 'ent.export', 'k3m7p9rt', 0, 'ENT', 'E1');
    row(2, 'onde.generated', 'jp8nehcz', 0, 'ONDE');
    row(3, 'siecle.activated', null, 1, 'SIECLE');
    row(4, 'siecle.matched', 'hw45fh3d', 0, 'SIECLE', 'E4');
    row(5, 'sts.updated', 'g9dg5zhb', 0, 'STS');
    row(6, 'demo.pupil', 'efn3989b', 0, 'DEMO');
    row(7, 'manual.guest', 'epp9zbdy', 0, 'MANUEL');
    // An ENT class export (no Id) once brought account 5 its code: the journal says so.
    db.prepare("INSERT INTO journal (at, actor, action, account_id, summary, after) VALUES ('x', 'd', 'import.update', 5, 'Import', ?)").run(JSON.stringify({ activation: 'g9dg5zhb' }));
    db.exec("INSERT INTO class (id, name, sort_name) VALUES (1, '6A', '6a')");
    db.exec('INSERT INTO account_class (account_id, class_id) VALUES (2, 1)');

    applyMigrations(db, migrations.filter((migration) => migration.version === 8));

    expect(schemaVersion(db)).toBe(8);
    expect(db.prepare('SELECT login, activation_code AS code, activated, ent_status AS status FROM account ORDER BY id').all()).toEqual([
      { login: 'ent.export', code: 'k3m7p9rt', activated: 0, status: 'known' },
      { login: 'onde.generated', code: null, activated: 0, status: 'pending' },
      { login: 'siecle.activated', code: null, activated: 1, status: 'known' },
      { login: 'siecle.matched', code: 'hw45fh3d', activated: 0, status: 'known' },
      { login: 'sts.updated', code: 'g9dg5zhb', activated: 0, status: 'known' },
      { login: 'demo.pupil', code: 'efn3989b', activated: 0, status: 'known' },
      { login: 'manual.guest', code: null, activated: 0, status: 'pending' },
    ]);
    expect(db.prepare('SELECT account_id FROM account_class').pluck().all()).toEqual([2]);
    expect(db.prepare("SELECT rowid FROM account_fts WHERE account_fts MATCH 'onde*'").pluck().all()).toEqual([2]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);

    expect(() => db.prepare("UPDATE account SET activation_code = 'k3m7p9rt' WHERE id = 2").run()).toThrow(/CHECK constraint failed/);
    expect(() => db.prepare('UPDATE account SET activated = 1 WHERE id = 7').run()).toThrow(/CHECK constraint failed/);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 'ent_known'").all()).toEqual([]);
    db.close();
  });
});

import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { applyMigrations, migrations, schemaVersion } from '../migrate.ts';

describe('migration 002: imports', () => {
  it('adds the import history to a version-1 school file, keeping its accounts', () => {
    const db = new Database(':memory:');
    applyMigrations(db, migrations.filter((migration) => migration.version === 1));
    db.prepare(
      `INSERT INTO account (profile, last_name, first_name, login, activation_code, activated, source, created_at, updated_at, sort_name, search_text)
       VALUES ('student', 'MARTIN', 'Zoé', 'zoe.martin', NULL, 1, 'DEMO', 'x', 'x', 'x', 'x')`,
    ).run();
    applyMigrations(db, migrations.filter((migration) => migration.version === 2));
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare('SELECT count(*) FROM account').pluck().get()).toBe(1);
    expect(db.prepare("SELECT name FROM pragma_table_info('import_run')").pluck().all()).toEqual(['id', 'at', 'actor', 'files', 'counts', 'backup_path', 'undo', 'undone_at']);
    db.close();
  });
});

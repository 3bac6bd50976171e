import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { applyMigrations, migrations, schemaVersion } from '../migrate.ts';

describe('migration 007: activation follow-up', () => {
  it('keeps the import history of a file of schema 6, with no activation record for its past imports', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    applyMigrations(db, migrations.filter((migration) => migration.version <= 6));
    db.prepare("INSERT INTO import_run (at, actor, files, counts, undo) VALUES ('2026-09-01T08:00:00Z', 'directrice', '[]', '{}', '{}')").run();

    applyMigrations(db, migrations.filter((migration) => migration.version === 7));

    expect(schemaVersion(db)).toBe(7);
    expect(db.prepare('SELECT actor, activation FROM import_run').all()).toEqual([{ actor: 'directrice', activation: null }]);
    db.close();
  });
});

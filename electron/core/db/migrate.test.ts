import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupDirFor } from './backup.ts';
import { latestVersion, migrations, NewerSchoolFileError, schemaVersion, type Migration } from './migrate.ts';
import { openSchoolFile } from './open.ts';

describe('the school file and its migrations', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sesame-migrate-'));
    file = join(dir, 'ecole.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a new file at the latest schema, with foreign keys and WAL', async () => {
    const db = await openSchoolFile(file);
    expect(schemaVersion(db)).toBe(latestVersion);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('declares every table STRICT', async () => {
    const db = await openSchoolFile(file);
    const tables = db
      .prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'")
      .all() as { name: string; strict: number }[];
    expect(tables.length).toBeGreaterThan(5);
    for (const table of tables) expect({ table: table.name, strict: table.strict }).toEqual({ table: table.name, strict: 1 });
    db.close();
  });

  it('numbers migrations 1, 2, 3… without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, index) => index + 1));
  });

  it('refuses a file written by a newer Sésame and leaves it untouched', async () => {
    const db = new Database(file);
    db.pragma(`user_version = ${latestVersion + 5}`);
    db.close();
    const before = readFileSync(file);
    await expect(openSchoolFile(file)).rejects.toThrow(NewerSchoolFileError);
    await expect(openSchoolFile(file)).rejects.toThrow(/version plus récente de Sésame/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('backs an existing file up before migrating it, and migrates it', async () => {
    const first = migrations.slice(0, 1);
    const db = await openSchoolFile(file, { migrations: first });
    db.prepare("INSERT INTO setting (key, value) VALUES ('schoolName', '\"École A\"')").run();
    db.close();
    const next: Migration = { version: first.length + 1, name: 'test', sql: 'CREATE TABLE extra (id INTEGER PRIMARY KEY) STRICT;' };
    const migrated = await openSchoolFile(file, { migrations: [...first, next] });
    expect(schemaVersion(migrated)).toBe(next.version);
    migrated.close();
    const backups = readdirSync(backupDirFor(file));
    expect(backups).toHaveLength(1);
    const copy = new Database(join(backupDirFor(file), backups[0] as string), { readonly: true });
    expect(schemaVersion(copy)).toBe(1);
    expect(copy.prepare('SELECT value FROM setting').pluck().get()).toBe('"École A"');
    copy.close();
  });

  it('rolls a failing migration back whole', async () => {
    const first = migrations.slice(0, 1);
    (await openSchoolFile(file, { migrations: first })).close();
    const broken: Migration = { version: 2, name: 'broken', sql: 'CREATE TABLE half (id INTEGER) STRICT; SELECT * FROM missing_table;' };
    await expect(openSchoolFile(file, { migrations: [...first, broken] })).rejects.toThrow();
    const db = new Database(file);
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(0);
    db.close();
  });
});

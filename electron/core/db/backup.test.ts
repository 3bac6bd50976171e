import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupDirFor, backupSchoolFile, backupsToDelete, dailyBackupIfDue, listBackups, parseBackupName } from './backup.ts';
import { openSchoolFile, type SchoolDb } from './open.ts';

let dir: string;
let schoolFile: string;
let db: SchoolDb;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sesame-backup-'));
  schoolFile = join(dir, 'ecole.db');
  db = await openSchoolFile(schoolFile);
  db.prepare("INSERT INTO setting (key, value) VALUES ('schoolName', '\"École Jules-Ferry\"')").run();
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const at = (iso: string) => new Date(iso);
const named = (iso: string) => ({ name: iso, createdAt: at(iso) });

describe('backup rotation', () => {
  it('keeps everything while there are ten backups or fewer', () => {
    const backups = Array.from({ length: 10 }, (_, day) => named(`2025-09-${String(day + 1).padStart(2, '0')}T08:00:00Z`));
    expect(backupsToDelete(backups)).toEqual([]);
  });

  it('drops the eleventh newest when it shares its month with a newer backup', () => {
    const backups = Array.from({ length: 11 }, (_, day) => named(`2025-09-${String(day + 1).padStart(2, '0')}T08:00:00Z`));
    expect(backupsToDelete(backups).map((b) => b.name)).toEqual(['2025-09-01T08:00:00Z']);
  });

  it('keeps the newest backup of every older month, for good', () => {
    const backups = [
      ...Array.from({ length: 12 }, (_, day) => named(`2025-09-${String(day + 1).padStart(2, '0')}T08:00:00Z`)),
      named('2025-06-30T18:00:00Z'),
      named('2025-06-02T18:00:00Z'),
      named('2024-12-20T10:00:00Z'),
      named('2024-12-01T10:00:00Z'),
    ];
    expect(backupsToDelete(backups).map((b) => b.name)).toEqual([
      '2025-09-02T08:00:00Z',
      '2025-09-01T08:00:00Z',
      '2025-06-02T18:00:00Z',
      '2024-12-01T10:00:00Z',
    ]);
  });

  it('applies the rotation to the folder after each backup', async () => {
    for (let day = 1; day <= 12; day++) await backupSchoolFile(db, schoolFile, 'daily', at(`2025-09-${String(day).padStart(2, '0')}T07:00:00Z`));
    await backupSchoolFile(db, schoolFile, 'import', at('2025-10-01T07:00:00Z'));
    const kept = listBackups(schoolFile).map((b) => b.createdAt.toISOString().slice(0, 10));
    expect(kept).toEqual(['2025-10-01', '2025-09-12', '2025-09-11', '2025-09-10', '2025-09-09', '2025-09-08', '2025-09-07', '2025-09-06', '2025-09-05', '2025-09-04']);
  });
});

describe('backup files', () => {
  it('names each backup with its UTC time and reason, and reads them back newest first', async () => {
    await backupSchoolFile(db, schoolFile, 'migration', at('2025-09-01T08:30:00Z'));
    await backupSchoolFile(db, schoolFile, 'import', at('2025-09-02T14:05:09Z'));
    const backups = listBackups(schoolFile);
    expect(backups.map((b) => [b.name, b.reason, b.createdAt.toISOString()])).toEqual([
      ['ecole-2025-09-02T14-05-09-import.db', 'import', '2025-09-02T14:05:09.000Z'],
      ['ecole-2025-09-01T08-30-00-migration.db', 'migration', '2025-09-01T08:30:00.000Z'],
    ]);
    expect(backups[0]?.sizeBytes).toBeGreaterThan(0);
  });

  it('never overwrites a backup made in the same second', async () => {
    await backupSchoolFile(db, schoolFile, 'bulk', at('2025-09-01T08:30:00Z'));
    await backupSchoolFile(db, schoolFile, 'bulk', at('2025-09-01T08:30:00Z'));
    expect(listBackups(schoolFile).map((b) => b.name).sort()).toEqual(['ecole-2025-09-01T08-30-00-bulk-2.db', 'ecole-2025-09-01T08-30-00-bulk.db']);
  });

  it('makes a single self-contained file holding the data (no -wal beside it)', async () => {
    const path = await backupSchoolFile(db, schoolFile, 'manual', at('2025-09-01T08:30:00Z'));
    expect(readdirSync(backupDirFor(schoolFile))).toEqual(['ecole-2025-09-01T08-30-00-manual.db']);
    const copy = new Database(path, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.prepare("SELECT value FROM setting WHERE key = 'schoolName'").pluck().get()).toBe('"École Jules-Ferry"');
    copy.close();
  });

  it('ignores, and never deletes, files it did not name', async () => {
    mkdirSync(backupDirFor(schoolFile), { recursive: true });
    writeFileSync(join(backupDirFor(schoolFile), 'notes du directeur.txt'), 'à garder');
    for (let day = 1; day <= 12; day++) await backupSchoolFile(db, schoolFile, 'daily', at(`2025-09-${String(day).padStart(2, '0')}T07:00:00Z`));
    expect(existsSync(join(backupDirFor(schoolFile), 'notes du directeur.txt'))).toBe(true);
    expect(parseBackupName('notes du directeur.txt')).toBeNull();
  });
});

describe('daily backup', () => {
  it('is made on the first start of the day only', async () => {
    // Around noon UTC, so the local day is the same in any time zone the tests run in.
    expect(await dailyBackupIfDue(db, schoolFile, at('2025-09-01T10:00:00Z'))).not.toBeNull();
    expect(await dailyBackupIfDue(db, schoolFile, at('2025-09-01T13:00:00Z'))).toBeNull();
    expect(await dailyBackupIfDue(db, schoolFile, at('2025-09-02T10:00:00Z'))).not.toBeNull();
    expect(listBackups(schoolFile).map((b) => b.reason)).toEqual(['daily', 'daily']);
  });

  it('counts any backup of the day, e.g. the one made before an import', async () => {
    await backupSchoolFile(db, schoolFile, 'import', at('2025-09-01T10:00:00Z'));
    expect(await dailyBackupIfDue(db, schoolFile, at('2025-09-01T13:00:00Z'))).toBeNull();
  });
});

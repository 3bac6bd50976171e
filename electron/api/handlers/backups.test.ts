import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type ApiClient } from '../../../shared/api/contract.ts';
import type { Result } from '../../../shared/api/result.ts';
import type { CoreContext } from '../context.ts';
import { inProcessTransport } from '../in-process.ts';
import { openSchool } from '../open-school.ts';

let dir: string;
let schoolFile: string;
let context: CoreContext;
let api: ApiClient;
let clock: Date;

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function start(options: { demoWhenEmpty?: boolean } = {}): Promise<void> {
  context = await openSchool(schoolFile, { ...options, recoverable: true, dailyBackup: true, now: () => clock });
  api = createClient(inProcessTransport(context));
}

function stop(): void {
  if (context.db.open) context.db.close();
}

/** Scribbles over three b-tree pages in the middle of the file, as a failing disk would. */
function corruptPages(path: string): void {
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(4096 * 3, 0x5a), 0, 4096 * 3, 4096 * 4);
  closeSync(fd);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sesame-restore-'));
  schoolFile = join(dir, 'ecole.db');
  clock = new Date('2025-09-01T10:00:00Z');
});

afterEach(() => {
  stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('restoring a backup', () => {
  it('shows what a backup holds before restoring it', async () => {
    await start({ demoWhenEmpty: true });
    const backup = value(await api.backups.create({}));
    const preview = value(await api.backups.preview({ name: backup.name }));
    expect(preview.problem).toBeNull();
    expect(preview.reason).toBe('manual');
    expect(preview.contents).toMatchObject({ schoolName: 'École de démonstration', schemaVersion: expect.any(Number) });
    const info = value(await api.school.info({}));
    expect(preview.contents?.accounts).toBe(info.accounts);
    expect(preview.contents?.classes).toBe(info.classes);
    expect(preview.contents?.byProfile.student).toBeGreaterThan(100);
  });

  it('brings the school back as it was, and keeps the replaced state as a backup', async () => {
    await start({ demoWhenEmpty: true });
    const before = value(await api.school.info({}));
    const backup = value(await api.backups.create({}));

    clock = new Date('2025-09-02T10:00:00Z');
    value(await api.school.eraseAll({ confirmation: 'TOUT EFFACER', deleteBackups: false }));
    expect(value(await api.school.info({})).accounts).toBe(0);

    const events: string[] = [];
    context.events.subscribe((event) => events.push(event.type === 'data-changed' ? event.area : event.type));
    const outcome = value(await api.backups.restore({ name: backup.name }));

    expect(value(await api.school.info({})).accounts).toBe(before.accounts);
    expect(events).toContain('school');
    expect(outcome.previousFile).toMatch(/-2025-09-02T10-00-00-restore\.db$/);
    const previous = value(await api.backups.list({})).backups.find((b) => b.reason === 'restore');
    expect(value(await api.backups.preview({ name: previous?.name ?? '' })).contents?.accounts).toBe(0);
  });

  it('refuses a name that is not one of the listed backups', async () => {
    await start();
    const outside = await api.backups.restore({ name: 'ailleurs.db' });
    expect(outside).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const traversal = await api.backups.preview({ name: '../ecole.db' });
    expect(traversal).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });

  it('refuses a damaged backup, saying why, and leaves the school file alone', async () => {
    await start({ demoWhenEmpty: true });
    const backup = value(await api.backups.create({}));
    corruptPages(join(value(await api.backups.list({})).folder, backup.name));
    expect(value(await api.backups.preview({ name: backup.name })).problem).toMatch(/endommagée/);
    const refused = await api.backups.restore({ name: backup.name });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-file' } });
    expect(value(await api.school.info({})).accounts).toBeGreaterThan(300);
  });
});

describe('a damaged school file at start-up', () => {
  async function schoolWithDailyBackupThenCorrupted(): Promise<{ accounts: number; corrupted: Buffer }> {
    await start({ demoWhenEmpty: true });
    const { accounts } = value(await api.school.info({}));
    stop();
    clock = new Date('2025-09-02T10:00:00Z');
    await start(); // the first start of the day leaves a backup
    stop();
    corruptPages(schoolFile);
    return { accounts, corrupted: readFileSync(schoolFile) };
  }

  it('opens in recovery mode instead of crashing, and says so', async () => {
    await schoolWithDailyBackupThenCorrupted();
    await start();
    const status = value(await api.system.status({}));
    expect(status.file).toMatchObject({ status: 'damaged', message: expect.stringMatching(/^Le fichier d’école est endommagé/) });
    expect(status.filePath).toBe(schoolFile);
    expect(await api.directory.classes({})).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/restaurez/) } });
    expect(await api.backups.create({})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('restores the last good backup and loses nothing: the damaged file is set aside untouched', async () => {
    const { accounts, corrupted } = await schoolWithDailyBackupThenCorrupted();
    await start();
    const [latest] = value(await api.backups.list({})).backups;
    expect(latest?.reason).toBe('daily');
    expect(value(await api.backups.preview({ name: latest?.name ?? '' })).contents?.accounts).toBe(accounts);

    const outcome = value(await api.backups.restore({ name: latest?.name ?? '' }));

    expect(value(await api.system.status({})).file).toEqual({ status: 'ok' });
    expect(value(await api.school.info({})).accounts).toBe(accounts);
    expect(outcome.previousFile).toMatch(/ecole\.db\.endommage-/);
    expect(readFileSync(outcome.previousFile ?? '').equals(corrupted)).toBe(true);
  });

  it('can start afresh when there is no backup, still keeping the damaged file', async () => {
    await start({ demoWhenEmpty: true });
    stop();
    rmSync(`${schoolFile}.sauvegardes`, { recursive: true, force: true });
    corruptPages(schoolFile);
    await start();
    expect(value(await api.backups.list({})).backups).toEqual([]);
    const { previousFile } = value(await api.backups.startAfresh({}));
    expect(existsSync(previousFile)).toBe(true);
    expect(value(await api.school.info({})).accounts).toBe(0);
    expect(await api.backups.startAfresh({})).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('recognises a file that is not a database at all', async () => {
    await start({ demoWhenEmpty: true });
    stop();
    const fd = openSync(schoolFile, 'r+');
    writeSync(fd, Buffer.from('ceci n’est pas une base SQLite'), 0, 20, 0);
    closeSync(fd);
    await start();
    expect(value(await api.system.status({})).file.status).toBe('damaged');
  });
});

describe('« Tout effacer »', () => {
  it('leaves the school empty at the next start: the demo school only fills a brand-new file', async () => {
    await start({ demoWhenEmpty: true });
    value(await api.school.eraseAll({ confirmation: 'TOUT EFFACER', deleteBackups: false }));
    stop();
    await start({ demoWhenEmpty: true });
    expect(value(await api.school.info({})).accounts).toBe(0);
  });

  it('asks for the typed confirmation', async () => {
    await start({ demoWhenEmpty: true });
    const refused = await api.school.eraseAll({ confirmation: 'oui' as 'TOUT EFFACER', deleteBackups: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: expect.stringMatching(/TOUT EFFACER/) } });
    expect(value(await api.school.info({})).accounts).toBeGreaterThan(300);
  });

  it('erases every account and the journal for good, keeps the school settings, and deletes the backups', async () => {
    await start({ demoWhenEmpty: true });
    value(await api.backups.create({}));
    const login = context.db.prepare("SELECT login FROM account WHERE profile = 'student' LIMIT 1").pluck().get() as string;
    const { accounts, backupsDeleted } = value(await api.school.eraseAll({ confirmation: 'TOUT EFFACER', deleteBackups: true }));
    expect(accounts).toBeGreaterThan(300);
    expect(backupsDeleted).toBe(1);
    const info = value(await api.school.info({}));
    expect(info).toMatchObject({ accounts: 0, classes: 0, settings: { schoolName: 'École de démonstration' } });
    expect(value(await api.backups.list({})).backups).toEqual([]);
    const journal = context.db.prepare('SELECT action FROM journal').pluck().all();
    expect(journal).toEqual(['school.eraseAll']);
    // Full-text indexes keep deleted words in their segments unless rebuilt.
    const fullText = context.db.prepare("SELECT name FROM sqlite_schema WHERE sql LIKE '%USING fts5%'").pluck().all() as string[];
    for (const index of fullText) {
      expect(context.db.prepare(`SELECT sum(length(block)) FROM "${index}_data"`).pluck().get(), index).toBeLessThan(100);
    }
    // Rebuilt file, truncated WAL: no erased login lingers in a free page.
    for (const name of readdirSync(dir).filter((file) => file.startsWith('ecole.db'))) {
      if (name.endsWith('.sauvegardes')) continue;
      expect(readFileSync(join(dir, name)).includes(Buffer.from(login)), name).toBe(false);
    }
  });
});

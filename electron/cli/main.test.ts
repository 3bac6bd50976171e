import Database from 'better-sqlite3-multiple-ciphers';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountListItem } from '../../shared/domain/account.ts';
import { markStartUpDone } from '../core/directory/maintenance.ts';
import { listBackups } from '../core/db/backup.ts';
import { runCli } from './main.ts';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    args,
    (text) => {
      out.push(text);
    },
    (text) => {
      err.push(text);
    },
  );
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('the sesame command', () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sesame-cli-'));
    db = join(dir, 's.db');
    const demo = await run(['--db', db, 'demo']);
    expect(demo.code).toBe(0);
    expect(demo.stdout).toMatch(/École de démonstration chargée : \d+ comptes, 8 classes\./);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists not-activated guardians with their children as JSON', async () => {
    const { code, stdout } = await run(['--db', db, 'list', '--json', '--profile', 'relative', '--activated', 'no']);
    expect(code).toBe(0);
    const accounts = JSON.parse(stdout) as AccountListItem[];
    expect(accounts.length).toBeGreaterThan(50);
    for (const account of accounts) {
      expect(account.profile).toBe('relative');
      expect(account.activated).toBe(false);
      // The ENT's code, or none at all for the demo's newest families, not in its ENT yet.
      if (account.entStatus === 'known') expect(account.activationCode).toMatch(/^[a-z3-9]{8}$/);
      else expect(account).toMatchObject({ entStatus: 'pending', activationCode: null });
      expect(account.children.length).toBeGreaterThan(0);
      expect(account.children[0]).toEqual({ id: expect.any(Number), firstName: expect.any(String), lastName: expect.any(String), classes: [expect.any(String)] });
    }
    const keys = Object.keys(accounts[0] ?? {});
    expect(accounts.filter((account) => account.entStatus === 'pending')).toHaveLength(3);
    for (const key of ['id', 'profile', 'lastName', 'firstName', 'login', 'alias', 'activationCode', 'activated', 'entStatus', 'email', 'phone', 'classes', 'children', 'guardians', 'localAdmin', 'blocked', 'preDeleted', 'source', 'externalId', 'createdAt']) {
      expect(keys).toContain(key);
    }
  });

  it('sorts by class then profile on request', async () => {
    const { stdout } = await run(['--db', db, 'list', '--json', '--class', 'CM2,CE1', '--sort', 'class,profile']);
    const accounts = JSON.parse(stdout) as AccountListItem[];
    const firstCm2 = accounts.findIndex((a) => (a.classes[0] ?? a.children[0]?.classes[0]) === 'CM2');
    expect(firstCm2).toBeGreaterThan(0);
    expect(accounts.slice(0, firstCm2).every((a) => a.classes.includes('CE1') || a.children.some((c) => c.classes.includes('CE1')))).toBe(true);
  });

  it('prints a table with the counts line', async () => {
    const { stdout } = await run(['--db', db, 'list', '--search', 'héloïse']);
    expect(stdout).toContain('LEFÈBVRE');
    expect(stdout).toContain('1 compte sélectionné au total, 1 compte sans adresse courriel.');
  });

  it('exits 2 with the usage on a malformed command', async () => {
    expect((await run(['--db', db, 'list', '--activated', 'peut-etre'])).code).toBe(2);
    expect((await run(['--db', db, 'list', '--sort', 'age'])).stderr).toContain('Clé de tri inconnue : age');
    expect((await run(['--db', db, 'frobnicate'])).code).toBe(2);
    expect((await run([])).code).toBe(2);
  });

  it('filters by source, in any case, and refuses an unknown one with exit code 2', async () => {
    const demo = await run(['--db', db, 'list', '--source', 'demo', '--search', 'héloïse']);
    expect(demo.stdout).toContain('1 compte sélectionné au total');
    expect((await run(['--db', db, 'list', '--source', 'ONDE,sts'])).stdout).toContain('0 compte sélectionné au total');
    const unknown = await run(['--db', db, 'list', '--source', 'onde,aaf']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Source inconnue : aaf (attendu : ENT, SIECLE, ONDE, STS, MANUEL, DEMO, CSV).');
  });

  it('exits 1 with a French message when the school says no', async () => {
    const { code, stderr } = await run(['--db', db, 'demo']);
    expect(code).toBe(1);
    expect(stderr).toContain('contient déjà des comptes');
  });

  it('calls any API method with sesame api', async () => {
    const { code, stdout } = await run(['--db', db, 'api', 'directory.classes']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).map((c: { name: string }) => c.name)).toContain('CE2-CM1');
    expect((await run(['--db', db, 'api', 'directory.nope'])).code).toBe(2);
  });

  it('does the start-up work (check, daily backup, purge) once a day, and says so only with --verbose', async () => {
    const connection = new Database(db);
    markStartUpDone(connection, new Date(Date.now() - 86_400_000));
    connection.close();
    const backups = listBackups(db).length;
    const first = await run(['--db', db, '--verbose', 'list', '--profile', 'guest']);
    expect(first.stderr).toMatch(/^Contrôle quotidien du fichier d’école fait : fichier vérifié ; sauvegarde du jour : /);
    expect(listBackups(db)).toHaveLength(backups + 1);
    const later = await run(['--db', db, '--verbose', 'list', '--profile', 'guest']);
    expect(later).toMatchObject({ code: 0, stderr: '' });
    expect(listBackups(db)).toHaveLength(backups + 1);
  });

  it('works as an installed command (bin/sesame.js)', () => {
    const bin = resolve(import.meta.dirname, '../../bin/sesame.js');
    const result = spawnSync(process.execPath, [bin, 'list', '--profile', 'guest'], { env: { ...process.env, SESAME_DB: db }, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('STAGIAIRE');
  });
});

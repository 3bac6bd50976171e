import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectSchoolFile } from '../core/db/open.ts';
import { fileEncryption, sessionRing } from '../core/db/cipher.ts';
import { formatRecoveryKey, newSchoolKey } from '../core/db/school-key.ts';
import { runCli } from './main.ts';

const dir = mkdtempSync(join(tmpdir(), 'sesame-cli-encryption-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(dir, `ecole-${++n}.db`);
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function keyFile(key: Buffer): string {
  const path = join(dir, `cle-${++n}.txt`);
  writeFileSync(path, `${formatRecoveryKey(key)}\n`);
  return path;
}

async function cli(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const saved = process.env['SESAME_KEY'];
  if (env['SESAME_KEY'] !== undefined) process.env['SESAME_KEY'] = env['SESAME_KEY'];
  else delete process.env['SESAME_KEY'];
  try {
    const code = await runCli(args, (text) => out.push(text), (text) => err.push(text));
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    if (saved === undefined) delete process.env['SESAME_KEY'];
    else process.env['SESAME_KEY'] = saved;
  }
}

/** Every file the school leaves on disk: the file, its WAL, its backups. */
function filesOf(schoolFile: string): string[] {
  const backups = `${schoolFile}.sauvegardes`;
  return [schoolFile, `${schoolFile}-wal`, ...(existsSync(backups) ? readdirSync(backups).map((name) => join(backups, name)) : [])].filter((path) => existsSync(path));
}

describe('sesame with a key', () => {
  it('creates the demo school encrypted: no pupil’s name, login or code in the file, its WAL or its backups', async () => {
    const school = fresh();
    const key = newSchoolKey();
    const env = { SESAME_KEY: formatRecoveryKey(key) };
    expect((await cli(['--db', school, 'demo'], env)).code).toBe(0);
    expect((await cli(['--db', school, 'api', 'backups.create', '{}'], env)).code).toBe(0);

    const db = connectSchoolFile(school, sessionRing(key), { readonly: true });
    const pupils = db.prepare("SELECT last_name, first_name, login, activation_code FROM account WHERE profile = 'student'").raw().all() as (string | null)[][];
    db.close();
    expect(pupils.length).toBeGreaterThan(50);
    const secrets = [...new Set(pupils.flat().filter((value): value is string => typeof value === 'string' && value.length >= 5))];

    const files = filesOf(school);
    expect(files.some((path) => path.includes('.sauvegardes'))).toBe(true);
    for (const path of files) {
      const bytes = readFileSync(path);
      expect(fileEncryption(path), path).not.toBe('plain');
      const found = secrets.filter((secret) => bytes.includes(secret));
      expect(found, path).toEqual([]);
    }
  });

  it('refuses the file without its key and with another key, exit 1 with a French message, the file unchanged', async () => {
    const school = fresh();
    const key = newSchoolKey();
    expect((await cli(['--db', school, '--key-file', keyFile(key), 'demo'])).code).toBe(0);
    const before = sha(school);

    const missing = await cli(['--db', school, 'list']);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^Clé manquante : ce fichier d’école est chiffré/);
    expect(missing.err).not.toMatch(/endommagé/);

    const wrong = await cli(['--db', school, 'list'], { SESAME_KEY: formatRecoveryKey(newSchoolKey()) });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/^Clé incorrecte : cette clé n’ouvre pas ce fichier d’école/);

    const typo = await cli(['--db', school, '--key-file', keyFile(Buffer.alloc(32, 7)), 'list']);
    expect(typo.code).toBe(1);
    expect(typo.err).toMatch(/^Clé incorrecte/);

    expect(sha(school)).toBe(before);
    expect(existsSync(`${school}-wal`)).toBe(false);
    expect((await cli(['--db', school, '--key-file', keyFile(key), 'list'])).code).toBe(0);
  });
});

describe('sesame without a key', () => {
  it('creates a plain file and says so; encrypt then decrypt convert it, journaled', async () => {
    const school = fresh();
    const created = await cli(['--db', school, 'demo']);
    expect(created.code).toBe(0);
    expect(created.err).toMatch(/créé sans chiffrement/);
    expect(fileEncryption(school)).toBe('plain');

    const key = newSchoolKey();
    const env = { SESAME_KEY: formatRecoveryKey(key) };
    const encrypted = await cli(['--db', school, 'encrypt'], env);
    expect(encrypted.code).toBe(0);
    expect(fileEncryption(school)).toBe('encrypted');
    expect(encrypted.out).not.toContain(formatRecoveryKey(key));
    expect((await cli(['--db', school, 'list'])).code).toBe(1);

    expect((await cli(['--db', school, 'decrypt'], env)).code).toBe(0);
    expect(fileEncryption(school)).toBe('plain');
    const db = connectSchoolFile(school, sessionRing(null), { readonly: true });
    const journal = db.prepare("SELECT summary FROM journal WHERE action LIKE 'encryption.%' ORDER BY id").pluck().all();
    db.close();
    expect(journal).toEqual(['Fichier d’école chiffré', 'Fichier d’école déchiffré']);
  });

  it('encrypts with a new key only when its recovery sheet has somewhere to go', async () => {
    const school = fresh();
    await cli(['--db', school, 'demo']);
    expect((await cli(['--db', school, 'encrypt'])).code).toBe(1);
    const sheet = join(dir, 'fiche.pdf');
    const done = await cli(['--db', school, 'encrypt', '--sheet', sheet]);
    expect(done.code).toBe(0);
    expect(readFileSync(sheet).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(fileEncryption(school)).toBe('encrypted');
  });
});

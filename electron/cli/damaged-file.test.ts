import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, describe, expect, it } from 'vitest';
import { markStartUpDone } from '../core/directory/maintenance.ts';
import { runCli } from './main.ts';

const dir = mkdtempSync(join(tmpdir(), 'sesame-cli-damaged-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the sesame command on a damaged school file', () => {
  it('stops the first call of the day with exit code 1 and a French message, and leaves the file untouched', async () => {
    const db = join(dir, 'ecole.db');
    expect(await runCli(['--db', db, 'demo'], () => {}, () => {})).toBe(0);
    // Checked yesterday: today's first call checks it again (later calls that day do not).
    const connection = new Database(db);
    markStartUpDone(connection, new Date(Date.now() - 86_400_000));
    connection.close();
    const fd = openSync(db, 'r+');
    writeSync(fd, Buffer.alloc(3 * 4096, 0x5a), 0, 3 * 4096, 4 * 4096);
    closeSync(fd);
    const before = readFileSync(db);
    const errors: string[] = [];
    const code = await runCli(['--db', db, 'list'], () => {}, (text) => errors.push(text));
    expect(code).toBe(1);
    expect(errors.join('\n')).toMatch(/^Le fichier d’école est endommagé.*\nOuvrez-le dans l’application Sésame/s);
    expect(readFileSync(db).equals(before)).toBe(true);
  });
});

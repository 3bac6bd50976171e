import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSchoolFile } from '../../core/db/open.ts';
import { loadDemoSchool } from '../../core/directory/demo-school.ts';
import { PopplerFile } from '../../test-support/poppler.ts';
import { runCli } from '../main.ts';

let dir: string;
let dbFile: string;

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(
    ['--db', dbFile, ...args],
    (text) => {
      out += `${text}\n`;
      return true;
    },
    (text) => {
      err += `${text}\n`;
      return true;
    },
  );
  return { code, out, err };
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sesame-cli-pdf-'));
  dbFile = join(dir, 'ecole.db');
  const db = await openSchoolFile(dbFile);
  loadDemoSchool(db, new Date('2026-09-01T08:00:00Z'));
  db.close();
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('sesame pdf', () => {
  it('writes the cards of the selected parents, with a cover page and a hand-out list per class', async () => {
    const out = join(dir, 'parents.pdf');
    const result = await run('pdf', '--layout', '8', '--out', out, '--profile', 'relative', '--class', 'CP A,CP B', '--activated', 'no', '--sort', 'class,profile', '--cover-pages', '--hand-out-list');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^PDF enregistré : .*parents\.pdf — \d+ fiches, \d+ pages, \d+ Ko, en \d+,\d s\.\n$/);
    const file = new PopplerFile(readFileSync(out));
    expect(file.text()).toMatch(/CP A[\s\S]*Liste d’émargement · CP A[\s\S]*CP B/);
    file.dispose();
  });

  it('files the demo’s teacher of CP A, CP B and CE1 in the CP A and CP B stacks only, when those are printed', async () => {
    const out = join(dir, 'cp.pdf');
    expect((await run('pdf', '--layout', '8', '--out', out, '--class', 'CP A,CP B', '--cover-pages', '--hand-out-list')).code).toBe(0);
    const file = new PopplerFile(readFileSync(out));
    const pages = file.text('-layout').split('\f');
    file.dispose();
    // Each class's list, on as many pages as its rows take (a parent's row names the children).
    const listed = pages.flatMap((page) => /Liste d’émargement · (.+)/.exec(page)?.[1]?.trim() ?? []);
    expect(listed.filter((label, index) => label !== listed[index - 1])).toEqual(['CP A', 'CP B']);
    expect(pages.join('\f')).not.toContain('CE1 ·');
    const lists = pages.filter((page) => page.includes('Liste d’émargement')).join('\n');
    expect(lists.match(/FERRAND\s+Bruno/g)).toHaveLength(2);
  });

  it('refuses a layout other than 1, 2 or 8 (exit 2) and an unwritable place (exit 1), writing nothing', async () => {
    const wrong = await run('pdf', '--layout', '4', '--out', join(dir, 'x.pdf'));
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/^--layout attend 1, 2 ou 8/);
    const nowhere = await run('pdf', '--out', join(dir, 'absent', 'x.pdf'));
    expect(nowhere.code).toBe(1);
    expect(nowhere.err).toMatch(/^Impossible d’enregistrer le PDF/);
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false);
  });
});

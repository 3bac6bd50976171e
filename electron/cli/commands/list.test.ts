import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sesameOn } from '../../test-support/cli.ts';

describe('sesame list --search', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sesame-cli-'));
  const db = join(dir, 'ecole.db');
  const run = (...argv: string[]) => sesameOn(db, ...argv);

  beforeAll(async () => {
    expect((await run('demo')).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds Hélène GARNIER when « HELENE garn » is typed, through the search index', async () => {
    const { code, out } = await run('list', '--search', 'HELENE garn', '--json');
    expect(code).toBe(0);
    expect((JSON.parse(out) as { firstName: string; lastName: string }[]).map((a) => `${a.firstName} ${a.lastName}`)).toEqual(['Hélène GARNIER']);
  });

  it('combines the search with the other filters', async () => {
    const { out } = await run('list', '--search', 'jean-marc', '--profile', 'student');
    expect(out).toMatch(/comptes sélectionnés au total/);
    expect(out.split('\n').slice(1, -1).every((line) => line.includes('Jean-Marc') && line.includes('Élève'))).toBe(true);
  });

  it('filters on --in-ent and never shows a code or a credential for an account not in the ENT', async () => {
    const { code, out } = await run('list', '--in-ent', 'no');
    expect(code).toBe(0);
    const rows = out.split('\n').slice(1, -1);
    expect(rows.length).toBe(6);
    expect(rows.every((line) => /\(prévu\)\s+pas encore dans l’ENT/.test(line))).toBe(true);
    expect(out).toMatch(/6 comptes sélectionnés au total, .*, 6 comptes pas encore dans l’ENT\.$/);
    expect((await run('list', '--in-ent', 'peut-être')).code).toBe(2);
  });

  it('answers the directory methods through « sesame api »', async () => {
    const { code, out } = await run('api', 'directory.search', '{"text":"garnier h","limit":3}');
    expect(code).toBe(0);
    expect((JSON.parse(out) as { login: string }[]).map((a) => a.login)).toEqual(['helene.garnier']);
  });
});

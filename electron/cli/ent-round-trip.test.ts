import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountListItem } from '../../shared/domain/account.ts';
import { samplesDir } from '../test-support/import-files.ts';
import { sesameOn } from '../test-support/cli.ts';

let dir: string;
let db: string;

const sesame = (...args: string[]) => sesameOn(db, ...args);

const sample = (path: string) => resolve(samplesDir, path);

describe('on the command line, the ENT issues every credential', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sesame-cli-ent-'));
    db = join(dir, 'ecole.db');
    const imported = await sesame('import', sample('onde/CSVExtraction-eleves.csv'), sample('onde/CSVExtraction-responsables.csv'));
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/\d+ comptes ne sont pas encore dans l’ENT : créez-les dans l’ENT avec les fichiers d’import/);
    expect((await sesame('api', 'school.updateSettings', JSON.stringify({ schoolName: 'École Jules Ferry', entName: 'ONE', entUrl: 'https://ent.example' }))).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('after an ONDE import, lists every account as pending, with no code', async () => {
    const run = await sesame('list', '--json');
    const accounts = JSON.parse(run.out) as AccountListItem[];
    expect(accounts.length).toBeGreaterThan(200);
    expect(accounts.every((account) => account.entStatus === 'pending' && account.activationCode === null)).toBe(true);
  });

  it('refuses the PDF with exit 1 and the French reason, and writes no file', async () => {
    const out = join(dir, 'fiches.pdf');
    const run = await sesame('pdf', '--out', out, '--layout', '8');
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/Rien n’a été produit .*\d+ comptes ne sont pas encore dans l’ENT : importez le prochain export des comptes de l’ENT\./);
    expect(existsSync(out)).toBe(false);
  });

  it('simulates a mailing with no recipient and says why', async () => {
    const run = await sesame('mail', '--dry-run', '--json');
    expect(run.code).toBe(0);
    const plan = JSON.parse(run.out) as { withAddress: number; recipients: { to: string | null; skipReason: string | null }[]; leftOut: { notInEnt: number } };
    expect(plan.withAddress).toBe(0);
    expect(plan.recipients.every((recipient) => recipient.to === null && /^Pas encore dans l’ENT/.test(recipient.skipReason ?? ''))).toBe(true);
    expect(plan.leftOut.notInEnt).toBe(plan.recipients.length);
  });

  it('writes the ENT import files for them, one per profile', async () => {
    const run = await sesame('export', '--out', join(dir, 'ent.csv'), '--kind', 'ent-import');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/ent-eleves\.csv/);
    expect(run.out).toMatch(/ent-responsables\.csv/);
  });
});

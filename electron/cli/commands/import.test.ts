import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csv, samplesDir, truth, utf8 } from '../../test-support/import-files.ts';
import { runCli } from '../main.ts';

let dir: string;
let db: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sesame-cli-import-'));
  db = join(dir, 'ecole.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function sesame(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const collect = (lines: string[]) => (text: string) => lines.push(text) > 0;
  const code = await runCli(['--db', db, ...args], collect(out), collect(err));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const accounts = () => {
  const connection = new Database(db, { readonly: true });
  try {
    return connection.prepare('SELECT count(*) FROM account').pluck().get() as number;
  } finally {
    connection.close();
  }
};
const onde = [join(samplesDir, 'onde/CSVExtraction-eleves.csv'), join(samplesDir, 'onde/CSVExtraction-responsables.csv')];

describe('sesame import', () => {
  it('--dry-run --json prints the plan and writes nothing', async () => {
    const { code, out } = await sesame('import', ...onde, '--dry-run', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ created: 246, updated: 0, unchanged: 0, ignored: 0, errors: [], ambiguities: [], applied: false });
    expect(accounts()).toBe(0);
  });

  it('imports, then says there is nothing left to change', async () => {
    const first = await sesame('import', ...onde);
    expect(first.code).toBe(0);
    expect(first.out).toContain('Import enregistré : 246 compte(s) créé(s), 0 modifié(s).');
    expect(first.out).toMatch(/Sauvegarde faite avant l’import : .*ecole\.db\.sauvegardes/);
    const second = await sesame('import', ...onde);
    expect(second.out).toContain('Rien à changer : le fichier d’école est déjà à jour.');
    expect(accounts()).toBe(246);
  });

  it('says, for a first ENT export, how many accounts it found activated already', async () => {
    const { code, out } = await sesame('import', join(samplesDir, 'ent/export.csv'));
    expect(code).toBe(0);
    const activated = truth.ent.accounts - truth.ent.not_activated;
    expect(out).toContain(`Activation des comptes : ${activated} comptes déjà activés (${activated} sur ${truth.ent.accounts}, `);
    const json = JSON.parse((await sesame('import', join(samplesDir, 'ent/export.csv'), '--json')).out);
    expect(json).toMatchObject({ applied: false, activation: null });
  });

  it('skips and lists ambiguous children', async () => {
    const pupils = join(dir, 'eleves.csv');
    const guardians = join(dir, 'responsables.csv');
    writeFileSync(pupils, utf8(csv([['Nom élève', 'Prénom élève', 'Libellé classe'], ['MARTIN', 'Emma', 'CP'], ['MARTIN', 'Emma', 'CP']])));
    writeFileSync(guardians, utf8(csv([['Nom responsable', 'Prénom responsable', 'Nom de famille enfant', 'Prénom enfant', 'Classes enfants'], ['MARTIN', 'Claire', 'MARTIN', 'Emma', 'CP']])));
    const { code, out } = await sesame('import', pupils, guardians, '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json).toMatchObject({ created: 3, applied: true });
    expect(json.ambiguities).toEqual([expect.objectContaining({ file: 'responsables.csv', line: 2, kind: 'ambiguous', child: { label: 'MARTIN Emma', className: 'CP' } })]);
    expect(json.ambiguities[0].candidates).toHaveLength(2);
  });

  it('exits 1 and writes nothing when a file is refused', async () => {
    const empty = join(dir, 'vide.csv');
    writeFileSync(empty, '');
    const { code, out, err } = await sesame('import', ...onde, empty);
    expect(code).toBe(1);
    expect(out).toContain('REFUSÉ vide.csv : Le fichier est vide : il n’y a rien à importer.');
    // A brand-new file is said to be plain first (no key given): the refusal is the last line.
    expect(err.split('\n').at(-1)).toBe('Import refusé, rien n’a été enregistré : vide.csv (Le fichier est vide : il n’y a rien à importer.)');
    expect(accounts()).toBe(0);
    const json = await sesame('import', ...onde, empty, '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({
      applied: false,
      errors: [{ file: 'vide.csv', line: null, message: 'Le fichier est vide : il n’y a rien à importer.' }],
      refused: [{ file: 'vide.csv', message: 'Le fichier est vide : il n’y a rien à importer.' }],
    });
  });

  it('refuses a 200 MB file without reading it', async () => {
    const huge = join(dir, 'export.csv');
    writeFileSync(huge, '');
    truncateSync(huge, 200 * 1024 * 1024);
    const { code, err } = await sesame('import', huge, '--json');
    expect(code).toBe(1);
    expect(err.split('\n').at(-1)).toBe(
      'Import refusé, rien n’a été enregistré : export.csv (« export.csv » pèse 200 Mo : c’est plus que les 50 Mo qu’accepte Sésame. ' +
        'Aucun export d’école n’est aussi gros : vérifiez qu’il s’agit du bon fichier.)',
    );
    expect(accounts()).toBe(0);
  });

  it('asks for at least one file', async () => {
    expect((await sesame('import')).code).toBe(2);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../shared/api/client.ts';
import { fixtureSchool, markRegistryAccountsPending, parseCsv, type FixtureSchool } from '../../test-support/export-school.ts';

let school: FixtureSchool;
let api: ApiClient;

beforeEach(async () => {
  school = await fixtureSchool();
  // The registry's and the hand-made accounts are not in the ENT yet: these files are how they get there.
  markRegistryAccountsPending(school.db);
  api = school.api;
});
afterEach(() => school.db.close());

async function entImportFiles() {
  const result = await api.exports.create({ kind: 'ent-import', format: 'csv', selection: { filter: {}, sort: ['none', 'none'] }, destination: { to: 'download' } });
  if (!result.ok) throw new Error(result.error.message);
  const files = new Map(
    result.value.files.map((file) => {
      const bytes = Buffer.from(file.base64 as string, 'base64');
      return [file.name, { bytes, rows: parseCsv(bytes.subarray(3).toString('utf8')) }];
    }),
  );
  return { outcome: result.value, files };
}

const childBlock = ["Nom de l'élève", "Prénom de l'élève", "Classes de l'élève"];

describe('ENT import files (ENT Core CSV templates)', () => {
  it('writes one file per profile, for the accounts not in the ENT yet (no guests: the ENT console creates them)', async () => {
    const { outcome, files } = await entImportFiles();
    expect([...files.keys()]).toEqual([
      'Import ENT élèves - École Jules-Ferry - 2026-09-01.csv',
      'Import ENT responsables - École Jules-Ferry - 2026-09-01.csv',
      'Import ENT enseignants - École Jules-Ferry - 2026-09-01.csv',
      'Import ENT personnels - École Jules-Ferry - 2026-09-01.csv',
    ]);
    expect(outcome.selected).toBe(9);
    // Ophélie came from the ENT; Paul is a guest.
    expect(outcome.skipped).toBe(2);
    for (const { bytes } of files.values()) expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('pupils: Prénom; Nom; Date de naissance (JJ/MM/AAAA); Classes', async () => {
    const { files } = await entImportFiles();
    const rows = files.get('Import ENT élèves - École Jules-Ferry - 2026-09-01.csv')?.rows ?? [];
    expect(rows).toEqual([
      ['Prénom', 'Nom', 'Date de naissance', 'Classes'],
      ['Léo', 'DUPONT', '30/06/2014', 'CM2'],
      ['Zoé', `'=HYPERLINK("x")`, '04/03/2015', 'CM1'],
      ['Jean-Marc', "N'DIAYE", '01/12/2014', 'CM2'],
    ]);
  });

  it('guardians: the template’s columns, then one block per child (at least three) with the child’s class', async () => {
    const { files } = await entImportFiles();
    const rows = files.get('Import ENT responsables - École Jules-Ferry - 2026-09-01.csv')?.rows ?? [];
    expect(rows[0]).toEqual(['Nom', 'Prénom', 'Adresse', 'Code postal', 'Ville', 'Pays', 'Courriel', 'Téléphone', ...childBlock, ...childBlock, ...childBlock]);
    expect(rows[1]).toEqual(['DUPONT', 'Amélie', '', '', '', '', 'amelie.dupont@exemple.fr', '0612345678', 'DUPONT', 'Léo', 'CM2', 'DUPONT', 'Ophélie', 'CP', '', '', '']);
    // A bare phone number reaches the ENT without the apostrophe the formula guard would add.
    expect(rows[2]?.slice(0, 8)).toEqual(["N'DIAYE", 'Karim', '', '', '', '', '', '+33 6 12 34 56 78']);
  });

  it('teachers and staff: one « Classes » column per class, and anything formula-like still guarded', async () => {
    const { files } = await entImportFiles();
    expect(files.get('Import ENT enseignants - École Jules-Ferry - 2026-09-01.csv')?.rows).toEqual([
      ['Nom', 'Prénom', 'Date de naissance', 'Courriel', 'Téléphone', 'Classes', 'Classes'],
      ['MARTIN', 'Claire', '', 'claire.martin@ac-rouen.fr', '', 'CM1', 'CM2'],
    ]);
    expect(files.get('Import ENT personnels - École Jules-Ferry - 2026-09-01.csv')?.rows).toEqual([
      ['Nom', 'Prénom', 'Date de naissance', 'Courriel', 'Téléphone', 'Classes'],
      ['BENSAÏD', 'Nadia', '', '', "'@SUM(A1)", ''],
    ]);
  });

  it('refuses, with a French message, a selection the ENT already has entirely', async () => {
    const result = await api.exports.create({ kind: 'ent-import', format: 'csv', selection: { filter: { sources: ['ENT'] }, sort: ['none', 'none'] }, destination: { to: 'download' } });
    expect(result).toEqual({ ok: false, error: { code: 'not-found', message: expect.stringContaining('ils y sont tous déjà') } });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../shared/api/client.ts';
import { profileLabels, profiles, type Profile } from '../../../shared/domain/profile.ts';
import { selectAccountIds } from '../directory/list.ts';
import { unguardFormula } from './csv.ts';
import { loadExportAccounts } from './export-accounts.ts';
import { fixtureSchool, parseCsv, type FixtureSchool } from '../../test-support/export-school.ts';

/** FORMATS.md §ENT account exports, written out here on purpose rather than imported. */
const entCoreColumns = [
  'Id', 'Identifiant SIECLE', 'Type', 'Nom', 'Prénom', 'Identifiant', 'Login personnalisé (Alias)', "Code d'activation",
  'Fonctions', 'Établissements', 'Classes', 'Enfants', 'Parents', 'Dernière connexion', 'Courriel', 'Téléphone',
];

let school: FixtureSchool;
let api: ApiClient;

beforeEach(async () => {
  school = await fixtureSchool();
  api = school.api;
});
afterEach(() => school.db.close());

async function directoryCsv(filter = {}) {
  const result = await api.exports.create({ kind: 'directory', format: 'csv', selection: { filter, sort: ['class', 'profile'] }, destination: { to: 'download' } });
  if (!result.ok) throw new Error(result.error.message);
  const file = result.value.files[0];
  return { file, bytes: Buffer.from(file?.base64 as string, 'base64') };
}

describe('directory export (ENT Core « Exporter des comptes » layout)', () => {
  it('has exactly the 16 ENT Core columns, UTF-8 with BOM, `;`, every field quoted, CRLF', async () => {
    const { bytes, file } = await directoryCsv();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.slice(0, -2).split('\r\n');
    expect(lines).toHaveLength(1 + 9);
    for (const line of lines) expect(line).toMatch(/^"(?:[^"]|"")*"(?:;"(?:[^"]|"")*"){15}$/);
    expect(parseCsv(text)[0]).toEqual(entCoreColumns);
    expect(file?.name).toBe('Annuaire ENT - École Jules-Ferry - 2026-09-01.csv');
  });

  it('round-trips at the column level: reading the file back gives the same accounts', async () => {
    const { bytes } = await directoryCsv();
    const [header, ...rows] = parseCsv(bytes.subarray(3).toString('utf8'));
    const column = (name: string) => (header as string[]).indexOf(name);
    const typeToProfile = new Map(profiles.map((profile) => [profileLabels[profile], profile] as [string, Profile]));
    const list = (cell: string) => (cell ? cell.split(', ') : []);
    const readBack = rows.map((raw) => {
      const row = raw.map(unguardFormula);
      const at = (name: string) => row[column(name)] as string;
      return {
        entId: at('Id') || null,
        profile: typeToProfile.get(at('Type')),
        lastName: at('Nom'),
        firstName: at('Prénom'),
        login: at('Identifiant'),
        alias: at('Login personnalisé (Alias)') || null,
        activationCode: at("Code d'activation") || null,
        activated: at("Code d'activation") === '',
        localAdmin: at('Fonctions').split(',').includes('ADMIN_LOCAL'),
        classes: list(at('Classes')),
        children: list(at('Enfants')),
        guardians: list(at('Parents')),
        email: at('Courriel') || null,
        phone: at('Téléphone') || null,
      };
    });

    const source = loadExportAccounts(school.db, selectAccountIds(school.db, {}, ['class', 'profile'])).map((account) => ({
      entId: account.entId,
      profile: account.profile,
      lastName: account.lastName,
      firstName: account.firstName,
      login: account.login,
      alias: account.alias,
      activationCode: account.activationCode,
      activated: account.activated,
      localAdmin: account.localAdmin,
      classes: account.classes,
      children: account.children.map((child) => `${child.firstName} ${child.lastName}`),
      guardians: account.guardians.map((guardian) => `${guardian.firstName} ${guardian.lastName}`),
      email: account.email,
      phone: account.phone,
    }));
    expect(readBack).toEqual(source);
  });

  it('says « activé » the ENT way (empty code), flags local admins and keeps the SIECLE id', async () => {
    const { bytes } = await directoryCsv();
    const rows = parseCsv(bytes.subarray(3).toString('utf8'));
    const byLogin = new Map(rows.map((row) => [row[5], row]));
    expect(byLogin.get('ophelie.dupont')?.slice(0, 8)).toEqual(['E1001', '', 'Élève', 'DUPONT', 'Ophélie', 'ophelie.dupont', '', '']);
    expect(byLogin.get('jeanmarc.ndiaye')?.[1]).toBe('4100240');
    expect(byLogin.get('claire.martin')?.slice(6, 11)).toEqual(['cmartin', 'v6r7sxx4', 'ADMIN_LOCAL', 'École Jules-Ferry', 'CM1, CM2']);
    expect(byLogin.get('amelie.dupont')?.[11]).toBe('Léo DUPONT, Ophélie DUPONT');
    expect(byLogin.get('leo.dupont')?.[12]).toBe('Amélie DUPONT');
  });

  it('exports only the selection', async () => {
    const { file } = await directoryCsv({ profiles: ['teacher', 'personnel'] });
    expect(file?.rows).toBe(2);
  });
});

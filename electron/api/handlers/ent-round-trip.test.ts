import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csv, entExport, sample, siecleStudents, truth, withBom } from '../../test-support/import-files.ts';
import { count, importFiles, testSchool, value, type TestSchool } from '../../test-support/import-school.ts';

const siecleSet = () => ({
  'ElevesSansAdresses.xml': sample('siecle/ElevesSansAdresses.xml'),
  'ResponsablesAvecAdresses.xml': sample('siecle/ResponsablesAvecAdresses.xml'),
  'Nomenclature.xml': sample('siecle/Nomenclature.xml'),
  'sts_emp_0610999X_2025.xml': sample('siecle/sts_emp_0610999X_2025.xml'),
});

/** The sample ENT export without the accounts of the given logins: the ENT has not created them yet. */
function entExportWithout(logins: readonly string[]): Uint8Array {
  const lines = new TextDecoder().decode(sample('ent/export.csv')).split('\r\n');
  return new TextEncoder().encode(lines.filter((line) => !logins.includes(line.split('";"')[5] ?? '')).join('\r\n'));
}

const everyone = { filter: {}, sort: ['none', 'none'] as ['none', 'none'] };
const entUrl = 'https://ent.college-tilleuls.example';

let school: TestSchool;
beforeEach(async () => {
  school = await testSchool();
  value(await school.api.school.updateSettings({ schoolName: 'Collège Les Tilleuls', entName: 'ONE', entUrl }));
});
afterEach(() => school.close());

const accounts = async () => value(await school.api.directory.list({ ...everyone, offset: 0, limit: 5000 })).items;

describe('given only the registry files (SIECLE, STS-Web), no ENT export yet', () => {
  beforeEach(async () => {
    const result = await importFiles(school, siecleSet());
    expect(result.counts).toMatchObject({ joinedEnt: 0, notInEnt: result.counts.created });
  });

  it('every account is « pas encore dans l’ENT »: no activation code, not activated', async () => {
    const items = await accounts();
    expect(items.length).toBeGreaterThan(800);
    for (const account of items) expect(account).toMatchObject({ entStatus: 'pending', activationCode: null, activated: false });
    expect(count(school.db, 'SELECT count(*) FROM account WHERE activation_code IS NOT NULL')).toBe(0);
  });

  it('refuses the PDF with the reason and the remedy, and writes nothing', async () => {
    const result = await school.api.publipostage.generate({ jobId: 'pdf', target: { kind: 'selection', selection: everyone }, options: { layout: 8, coverPages: false, handOutList: false }, outPath: null, keep: true });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toMatch(/^Rien n’a été produit .* \d+ comptes ne sont pas encore dans l’ENT : importez le prochain export des comptes de l’ENT\.$/);
    expect(count(school.db, "SELECT count(*) FROM journal WHERE action = 'publipostage.pdf'")).toBe(0);
  });

  it('plans no mail, refuses a campaign, and refuses the Word workbook', async () => {
    const plan = value(await school.api.mail.plan(everyone));
    expect(plan).toMatchObject({ withAddress: 0, withoutAddress: 0, withoutAddressIds: [] });
    expect(plan.leftOut.notInEnt).toBe(plan.total);
    const campaign = await school.api.mail.createCampaign(everyone);
    expect(campaign.ok).toBe(false);
    const word = await school.api.exports.create({ kind: 'word', format: 'xlsx', selection: everyone, destination: { to: 'download' } });
    expect(word.ok ? null : word.error.message).toMatch(/pas encore dans l’ENT/);
  });

  it('offers them to the ENT through its import files, one per profile', async () => {
    const preview = value(await school.api.exports.preview({ kind: 'ent-import', format: 'csv', selection: everyone }));
    const rows = preview.files.reduce((sum, file) => sum + file.rows, 0);
    expect(rows).toBe(truth.siecle.students_active + truth.siecle.legal_relatives_of_active + truth.siecle.teachers + truth.siecle.staff);
    expect(preview.skipped).toBe(0);
  });

  describe('when the school’s ENT export is then imported', () => {
    // Two pupils the ENT has not created yet.
    const missing = ['maelle.delafontaine', 'alice.bonnet'];

    beforeEach(async () => {
      const pendingBefore = count(school.db, "SELECT count(*) FROM account WHERE ent_status = 'pending'");
      const classesBefore = count(school.db, 'SELECT count(*) FROM account_class');
      const linksBefore = count(school.db, 'SELECT count(*) FROM guardian_link');
      const result = await importFiles(school, { 'export.csv': entExportWithout(missing) });
      // Every registry account but the two missing joined; the ENT's two guests are new.
      expect(result.counts).toMatchObject({ created: truth.ent.by_type['Invité'], joinedEnt: pendingBefore - missing.length, notInEnt: missing.length, errors: 0 });
      expect(count(school.db, 'SELECT count(*) FROM account_class')).toBeGreaterThanOrEqual(classesBefore);
      expect(count(school.db, 'SELECT count(*) FROM guardian_link')).toBe(linksBefore);
    });

    it('gives each account the export’s login and code, duplicates no one, and leaves the missing ones pending', async () => {
      const items = await accounts();
      expect(items).toHaveLength(truth.ent.accounts);
      for (const expected of truth.ent.sample.filter((entry) => !missing.includes(entry.login))) {
        const account = items.find((candidate) => candidate.login === expected.login);
        expect(account, expected.login).toMatchObject({ entStatus: 'known', lastName: expected.last, firstName: expected.first, activationCode: expected.code || null, activated: expected.code === '' });
      }
      const pending = items.filter((account) => account.entStatus === 'pending');
      expect(pending.map((account) => account.login).sort()).toEqual([...missing].sort());
      expect(pending.every((account) => account.activationCode === null && account.classes.length === 1)).toBe(true);
      const filtered = value(await school.api.directory.list({ filter: { entStatus: 'pending' }, sort: ['none', 'none'], offset: 0, limit: 10 }));
      expect(filtered.total).toBe(2);
    });

    it('prints the accounts in the ENT and says how many were left out and why', async () => {
      const result = value(
        await school.api.publipostage.generate({ jobId: 'pdf', target: { kind: 'selection', selection: { filter: { profiles: ['student'] }, sort: ['none', 'none'] } }, options: { layout: 8, coverPages: false, handOutList: false }, outPath: null, keep: true }),
      );
      expect(result.sheets).toBe(truth.siecle.students_active - missing.length);
      expect(result.leftOut).toEqual({ notInEnt: 2, blocked: 0, preDeleted: 0 });
    });
  });
});

describe('the ENT’s login wins over a provisional one', () => {
  it('a pending pupil whose provisional login the ENT gave to someone else gets another one', async () => {
    await importFiles(school, { 'eleves.xml': siecleStudents([{ id: '1', last: 'MARTIN', first: 'Emma', division: '6A', birth: '01/01/2014' }]) });
    expect(school.db.prepare("SELECT login FROM account WHERE profile = 'student'").pluck().get()).toBe('emma.martin');

    // The ENT already had a teacher Emma Martin, who holds « emma.martin » across the whole ENT.
    const result = await importFiles(school, { 'export.csv': entExport([{ id: 'T1', type: 'Enseignant', last: 'MARTIN', first: 'Emma', login: 'emma.martin', code: 'k3m7p9rt' }]) });
    expect(result.counts).toMatchObject({ created: 1, errors: 0, joinedEnt: 0, notInEnt: 1 });
    expect(school.db.prepare('SELECT profile, login, ent_status, activation_code FROM account ORDER BY id').all()).toEqual([
      { profile: 'student', login: 'emma.martin2', ent_status: 'pending', activation_code: null },
      { profile: 'teacher', login: 'emma.martin', ent_status: 'known', activation_code: 'k3m7p9rt' },
    ]);
  });

  it('a provisional login never identifies an account: the ENT’s namesake in another class is someone else', async () => {
    await importFiles(school, { 'eleves.xml': siecleStudents([{ id: '1', last: 'MARTIN', first: 'Emma', division: '6A', birth: '01/01/2014' }]) });
    const result = await importFiles(school, { 'export.csv': entExport([{ id: 'E9', type: 'Élève', last: 'MARTIN', first: 'Emma', login: 'emma.martin', code: 'k3m7p9rt', classes: '3C' }]) });
    expect(result.counts).toMatchObject({ created: 1, joinedEnt: 0 });
  });
});

describe('a table mapped by hand', () => {
  it('with an activation-code column carries the ENT’s credentials; without one, the accounts are not in the ENT yet', async () => {
    const withCodes = withBom(csv([['Nom', 'Prénom', 'Profil', 'Login', 'Mot de passe'], ['ROUX', 'Léo', 'Élève', 'leo.roux', 'k3m7p9rt']]));
    const withoutCodes = withBom(csv([['Nom', 'Prénom', 'Profil', 'Classe'], ['PETIT', 'Zoé', 'Élève', 'CM1']]));
    const analysed = value(await school.api.imports.analyse({ files: [{ name: 'codes.csv', base64: Buffer.from(withCodes).toString('base64') }, { name: 'liste.csv', base64: Buffer.from(withoutCodes).toString('base64') }] }));
    const resolved = value(
      await school.api.imports.resolve({
        analysisId: analysed.analysisId,
        mappings: [
          { file: 0, mapping: { profile: 'student', columns: { lastName: 0, firstName: 1, login: 3, activationCode: 4 } } },
          { file: 1, mapping: { profile: 'student', columns: { lastName: 0, firstName: 1, classes: 3 } } },
        ],
      }),
    );
    expect(resolved.blockers).toEqual([]);
    value(await school.api.imports.apply({ analysisId: resolved.analysisId, acceptOtherSchool: false }));
    expect(school.db.prepare('SELECT last_name, login, activation_code, ent_status FROM account ORDER BY last_name').all()).toEqual([
      { last_name: 'PETIT', login: 'zoe.petit', activation_code: null, ent_status: 'pending' },
      { last_name: 'ROUX', login: 'leo.roux', activation_code: 'k3m7p9rt', ent_status: 'known' },
    ]);
  });
});

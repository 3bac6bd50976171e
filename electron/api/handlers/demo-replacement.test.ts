import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDemoSchool } from '../../core/directory/demo-school.ts';
import { entExport, sample, truth } from '../../test-support/import-files.ts';
import { analyse, count, snapshot, testSchool, value, type TestSchool } from '../../test-support/import-school.ts';

const everyone = { filter: {}, sort: ['none', 'none'] as ['none', 'none'] };

let school: TestSchool;
beforeEach(async () => {
  school = await testSchool();
  loadDemoSchool(school.db, new Date('2025-09-01T08:00:00Z'));
});
afterEach(() => school.close());

describe('a school file holding the demo, when the director imports the school’s real files', () => {
  it('asks to replace the demo first, and writes nothing before', async () => {
    const before = snapshot(school.db);
    const analysis = await analyse(school, { 'export.csv': sample('ent/export.csv') });
    expect(analysis.demo).toBe('ask');
    expect(analysis.blockers[0]).toMatch(/contient l’École de démonstration/);
    // The preview is that of the real school alone: no demo account is ever matched.
    expect(analysis.counts).toMatchObject({ created: truth.ent.accounts, updated: 0 });
    const applied = await school.api.imports.apply({ analysisId: analysis.analysisId, acceptOtherSchool: false });
    expect(applied.ok).toBe(false);
    expect(snapshot(school.db)).toEqual(before);
  });

  it('replaces it whole in the import’s transaction: only the export’s accounts, no demo identity; undo brings the demo back', async () => {
    const before = snapshot(school.db);
    const demoSettings = school.db.prepare('SELECT key, value FROM setting ORDER BY key').all();
    const analysis = await analyse(school, { 'export.csv': sample('ent/export.csv') });
    const resolved = value(await school.api.imports.resolve({ analysisId: analysis.analysisId, replaceDemo: true }));
    expect(resolved).toMatchObject({ demo: 'replace', blockers: [] });
    const result = value(await school.api.imports.apply({ analysisId: resolved.analysisId, acceptOtherSchool: false }));
    expect(result.counts.created).toBe(truth.ent.accounts);
    expect(result.activation).toMatchObject({ first: true, activated: truth.ent.activated });

    expect(count(school.db, 'SELECT count(*) FROM account')).toBe(truth.ent.accounts);
    expect(count(school.db, "SELECT count(*) FROM account WHERE source = 'DEMO'")).toBe(0);
    expect(count(school.db, "SELECT count(*) FROM journal WHERE action NOT LIKE 'import%' AND action <> 'school.replaceDemo'")).toBe(0);
    const info = value(await school.api.school.info({}));
    expect(info).toMatchObject({ demo: false, identityMissing: ['le nom de l’école', 'l’adresse de connexion de l’ENT'] });
    expect(info.settings).toMatchObject({ schoolName: '', entUrl: '', city: '', signature: 'La direction' });

    value(await school.api.imports.undoLast({}));
    expect(snapshot(school.db)).toEqual(before);
    expect(school.db.prepare('SELECT key, value FROM setting ORDER BY key').all()).toEqual(demoSettings);
    expect(value(await school.api.school.info({})).demo).toBe(true);
  });
});

describe('no sheet with someone else’s identity', () => {
  async function replaceDemoWith(files: Record<string, Uint8Array>) {
    const analysis = await analyse(school, files);
    const resolved = value(await school.api.imports.resolve({ analysisId: analysis.analysisId, replaceDemo: true }));
    value(await school.api.imports.apply({ analysisId: resolved.analysisId, acceptOtherSchool: false }));
  }

  it('the demo itself still prints', async () => {
    const pdf = await school.api.publipostage.generate({ jobId: 'p', target: { kind: 'selection', selection: everyone }, options: { layout: 8, coverPages: false, handOutList: false }, outPath: null, keep: false });
    expect(pdf.ok).toBe(true);
  });

  it('refuses PDF, mail, Word workbook and letters of a real school until its name and ENT address are set, then makes them', async () => {
    await replaceDemoWith({ 'export.csv': entExport([{ id: 'E1', type: 'Élève', last: 'ROUX', first: 'Léo', login: 'leo.roux', code: 'k3m7p9rt', classes: '6A', email: '' }]) });
    const pdf = () => school.api.publipostage.generate({ jobId: 'p', target: { kind: 'selection', selection: everyone }, options: { layout: 8, coverPages: false, handOutList: false }, outPath: null, keep: false });
    const refusals = [
      await pdf(),
      await school.api.mail.createCampaign(everyone),
      await school.api.exports.create({ kind: 'word', format: 'xlsx', selection: everyone, destination: { to: 'download' } }),
      await school.api.exports.wordTemplates({ destination: { to: 'download' } }),
    ];
    for (const refusal of refusals) {
      expect(refusal).toEqual({ ok: false, error: { code: 'invalid-argument', message: expect.stringMatching(/^Rien n’a été produit : indiquez d’abord dans Paramètres › École le nom de l’école et l’adresse de connexion de l’ENT/) } });
    }
    // The demo's own ENT address is no better than none.
    value(await school.api.school.updateSettings({ schoolName: 'Collège Les Tilleuls', entUrl: 'https://ent.demonstration.example' }));
    const demoAddress = await pdf();
    expect(demoAddress.ok ? null : demoAddress.error.message).toMatch(/l’adresse de connexion de l’ENT de votre école/);
    value(await school.api.school.updateSettings({ entUrl: 'https://ent.tilleuls.example' }));
    expect(value(await pdf()).sheets).toBe(1);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { profileLabels, type Profile } from '../../../shared/domain/profile.ts';
import { sample, truth } from '../../test-support/import-files.ts';
import { analyse, count, importFiles, snapshot, testSchool, value, type TestSchool } from '../../test-support/import-school.ts';

const ondeSet = () => ({
  'CSVExtraction-eleves.csv': sample('onde/CSVExtraction-eleves.csv'),
  'CSVExtraction-responsables.csv': sample('onde/CSVExtraction-responsables.csv'),
});
const siecleSet = () => ({
  'ElevesSansAdresses.xml': sample('siecle/ElevesSansAdresses.xml'),
  'ResponsablesAvecAdresses.xml': sample('siecle/ResponsablesAvecAdresses.xml'),
  'Nomenclature.xml': sample('siecle/Nomenclature.xml'),
  'sts_emp_0610999X_2025.xml': sample('siecle/sts_emp_0610999X_2025.xml'),
});
const entSet = () => ({ 'export.csv': sample('ent/export.csv') });

/** The sample ENT export with the activation code of the given logins emptied: they activated. */
function newerEntExport(activatedLogins: string[]): Uint8Array {
  const text = new TextDecoder().decode(sample('ent/export.csv'));
  const lines = text.split('\r\n').map((line) => {
    const cells = line.split('";"');
    if (!activatedLogins.includes(cells[5] ?? '')) return line;
    cells[7] = '';
    cells[13] = '15-09-2025 19:02';
    return cells.join('";"');
  });
  return new TextEncoder().encode(lines.join('\r\n'));
}

let school: TestSchool;
beforeEach(async () => {
  school = await testSchool();
});
afterEach(() => school.close());

const byProfile = (profile: Profile) => count(school.db, 'SELECT count(*) FROM account WHERE profile = ?', profile);
const classNames = () => school.db.prepare('SELECT name FROM class').pluck().all() as string[];

describe('importing each sample set reproduces truth.json', () => {
  it('ONDE: pupils, guardians linked by name and class, one multi-level class', async () => {
    const result = await importFiles(school, ondeSet());
    expect(result.counts).toMatchObject({ created: truth.onde.students + truth.onde.relatives, errors: 0, ambiguities: 0 });
    expect(byProfile('student')).toBe(truth.onde.students);
    expect(byProfile('relative')).toBe(truth.onde.relatives);
    expect(classNames().sort()).toEqual([...truth.onde.classes].sort());
    expect(count(school.db, 'SELECT count(*) FROM guardian_link')).toBe(truth.onde.links);
    expect(count(school.db, 'SELECT max(n) FROM (SELECT count(*) AS n FROM guardian_link GROUP BY guardian_id)')).toBe(truth.onde.max_children);
    expect(count(school.db, "SELECT count(*) FROM account WHERE profile = 'relative' AND email IS NOT NULL")).toBe(truth.onde.relatives_with_email);
    expect(school.db.prepare("SELECT level, external_code FROM class WHERE name = 'CE2-CM1'").get()).toEqual({ level: 'CE2,CM1', external_code: '100206' });
  });

  it('SIECLE + STS-Web: active pupils in their divisions, legal guardians, teachers and staff', async () => {
    const analysis = await analyse(school, siecleSet());
    const pupilsIgnored = analysis.ignored.filter((row) => row.file === 'ElevesSansAdresses.xml');
    expect(analysis.files.find((file) => file.name === 'ElevesSansAdresses.xml')?.rows).toBe(truth.siecle.students_in_file);
    expect(pupilsIgnored.filter((row) => /quitté/.test(row.reason))).toHaveLength(truth.siecle.students_left);
    expect(pupilsIgnored.filter((row) => /sans classe/.test(row.reason))).toHaveLength(truth.siecle.students_without_class);
    value(await school.api.imports.apply({ analysisId: analysis.analysisId, acceptOtherSchool: false }));

    expect(byProfile('student')).toBe(truth.siecle.students_active);
    expect(byProfile('relative')).toBe(truth.siecle.legal_relatives_of_active);
    expect(count(school.db, 'SELECT count(*) FROM guardian_link')).toBe(truth.siecle.legal_links_of_active);
    expect(classNames().sort()).toEqual([...truth.siecle.divisions].sort());
    expect(byProfile('teacher')).toBe(truth.siecle.teachers);
    expect(byProfile('personnel')).toBe(truth.siecle.staff);
    expect(school.db.prepare("SELECT DISTINCT level FROM class WHERE name LIKE '6%'").pluck().all()).toEqual(['6EME']);
    // Every pupil sits in exactly one division; every teacher has classes, one as head teacher at most.
    expect(count(school.db, "SELECT count(*) FROM account a WHERE profile = 'student' AND (SELECT count(*) FROM account_class WHERE account_id = a.id) <> 1")).toBe(0);
    expect(count(school.db, 'SELECT count(*) FROM account_class WHERE head_teacher = 1')).toBe(16);
  });

  it('ENT export: accounts by type, activation, e-mail, logins, codes and classes as exported', async () => {
    await importFiles(school, entSet());
    expect(count(school.db, 'SELECT count(*) FROM account')).toBe(truth.ent.accounts);
    for (const [label, expected] of Object.entries(truth.ent.by_type)) {
      const profile = (Object.keys(profileLabels) as Profile[]).find((key) => profileLabels[key] === label) as Profile;
      expect(byProfile(profile), label).toBe(expected);
    }
    expect(count(school.db, 'SELECT count(*) FROM account WHERE activated = 0')).toBe(truth.ent.not_activated);
    expect(count(school.db, 'SELECT count(*) FROM account WHERE activated = 1 AND activation_code IS NULL')).toBe(truth.ent.activated);
    expect(count(school.db, 'SELECT count(*) FROM account WHERE email IS NOT NULL')).toBe(truth.ent.with_email);
    for (const expected of truth.ent.sample) {
      const row = school.db
        .prepare(
          `SELECT a.last_name, a.first_name, a.activation_code AS code, a.email,
             (SELECT group_concat(c.name, ', ') FROM account_class ac JOIN class c ON c.id = ac.class_id WHERE ac.account_id = a.id) AS classes
           FROM account a WHERE login = ?`,
        )
        .get(expected.login) as { last_name: string; first_name: string; code: string | null; email: string | null; classes: string | null };
      expect(row, expected.login).toEqual({
        last_name: expected.last,
        first_name: expected.first,
        code: expected.code || null,
        email: expected.email || null,
        classes: expected.classes || null,
      });
    }
  });
});

describe('re-importing and newer exports', () => {
  it('re-importing the same files changes nothing', async () => {
    await importFiles(school, { ...ondeSet(), ...siecleSet(), ...entSet() });
    const before = snapshot(school.db);
    const again = await analyse(school, { ...ondeSet(), ...siecleSet(), ...entSet() });
    expect(again.counts).toMatchObject({ created: 0, updated: 0, classesCreated: 0, conflicts: 0 });
    const result = value(await school.api.imports.apply({ analysisId: again.analysisId, acceptOtherSchool: false }));
    expect(result.runId).toBeNull();
    expect(snapshot(school.db)).toEqual(before);
  });

  it('a newer ENT export with some accounts activated updates exactly those', async () => {
    await importFiles(school, entSet());
    const before = snapshot(school.db);
    const activated = ['maelle.delafontaine', 'alice.bonnet', 'nadia.fournier2', 'cedric.laurent', 'eleve.test'];
    const analysis = await analyse(school, { 'export.csv': newerEntExport(activated) });
    expect(analysis.counts).toMatchObject({ created: 0, updated: activated.length, unchanged: truth.ent.accounts - activated.length });
    const updates = value(await school.api.imports.changes({ analysisId: analysis.analysisId, kind: 'update', offset: 0, limit: 50 }));
    expect(updates.items.map((change) => change.login).sort()).toEqual([...activated].sort());
    for (const change of updates.items) expect(change.changes).toEqual([{ field: 'activation', label: 'Code d’activation', before: expect.stringMatching(/^[a-z0-9]{8}$/), after: 'activé' }]);

    value(await school.api.imports.apply({ analysisId: analysis.analysisId, acceptOtherSchool: false }));
    const after = snapshot(school.db);
    const changed = (after.account as { login: string }[]).filter((row, index) => JSON.stringify(row) !== JSON.stringify(before['account']?.[index]));
    expect(changed.map((row) => row.login).sort()).toEqual([...activated].sort());
    for (const row of changed) expect(row).toMatchObject({ activated: 1, activation_code: null });
    expect({ ...after, account: [] }).toEqual({ ...before, account: [] });
  });

  it('the ENT export after SIECLE and STS-Web merges into the same people', async () => {
    await importFiles(school, siecleSet());
    const analysis = await analyse(school, entSet());
    expect(analysis.counts).toMatchObject({ created: 2, updated: truth.ent.accounts - 2, errors: 0, ambiguities: 0 });
    value(await school.api.imports.apply({ analysisId: analysis.analysisId, acceptOtherSchool: false }));
    expect(count(school.db, 'SELECT count(*) FROM account')).toBe(truth.ent.accounts);
    expect(count(school.db, 'SELECT count(*) FROM account WHERE ent_id IS NULL')).toBe(0);
    expect(count(school.db, 'SELECT count(*) FROM guardian_link')).toBe(truth.siecle.legal_links_of_active);
    const logins = school.db.prepare('SELECT login FROM account').pluck().all() as string[];
    for (const expected of truth.ent.sample) expect(logins).toContain(expected.login);
  });
});

describe('undo', () => {
  it('restores exactly the previous accounts, classes and links, one import after the other', async () => {
    const empty = snapshot(school.db);
    await importFiles(school, siecleSet());
    const afterSiecle = snapshot(school.db);
    await importFiles(school, entSet());
    expect(snapshot(school.db)).not.toEqual(afterSiecle);

    expect(value(await school.api.imports.undoLast({}))).toMatchObject({ removed: 2, restored: truth.ent.accounts - 2 });
    expect(snapshot(school.db)).toEqual(afterSiecle);
    value(await school.api.imports.undoLast({}));
    expect(snapshot(school.db)).toEqual(empty);

    const history = value(await school.api.imports.history({}));
    expect(history.map((run) => [run.files.length, run.undoneAt !== null, run.canUndo])).toEqual([
      [1, true, false],
      [4, true, false],
    ]);
    expect(await school.api.imports.undoLast({})).toEqual({ ok: false, error: { code: 'not-found', message: 'Aucun import à annuler.' } });
  });

  it('keeps the search index exact: imported people are found by the search, and no longer once undone', async () => {
    const search = async (text: string) => value(await school.api.directory.search({ text, limit: 10 })).map((found) => `${found.firstName} ${found.lastName}`);
    // FTS5's own check that the index holds exactly the words of the account table.
    const indexIsExact = () => school.db.prepare("INSERT INTO account_fts (account_fts, rank) VALUES ('integrity-check', 1)").run() !== undefined;

    await importFiles(school, siecleSet());
    expect(await search('fontaine maëlle')).toEqual(['Maëlle DE LA FONTAINE']);
    expect(await search('boucher claire')).toEqual([]);
    await importFiles(school, entSet());
    expect(await search('claire.boucher')).toEqual(['Claire BOUCHER']);
    expect(indexIsExact()).toBe(true);

    value(await school.api.imports.undoLast({}));
    expect(await search('boucher claire')).toEqual([]);
    expect(await search('fontaine maëlle')).toEqual(['Maëlle DE LA FONTAINE']);
    expect(indexIsExact()).toBe(true);
    value(await school.api.imports.undoLast({}));
    expect(await search('fontaine')).toEqual([]);
    expect(indexIsExact()).toBe(true);
  });

  it('refuses to undo over accounts the director changed since, and says how to get back', async () => {
    const result = await importFiles(school, ondeSet());
    school.db.prepare("UPDATE account SET email = 'nouvelle@exemple.fr', updated_at = '2025-09-02T10:00:00.000Z' WHERE id = 1").run();
    const before = snapshot(school.db);
    const undo = await school.api.imports.undoLast({});
    expect(undo).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message:
          '1 compte importé a été modifié depuis cet import : l’annuler effacerait ces modifications, il n’a donc pas été annulé. ' +
          `Pour revenir malgré tout à l’état d’avant l’import, restaurez la sauvegarde « ${result.backupPath} ».`,
      },
    });
    expect(snapshot(school.db)).toEqual(before);
  });
});

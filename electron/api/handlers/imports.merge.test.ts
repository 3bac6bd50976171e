import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csv, siecleGuardians, siecleStudents, stsEmp, utf8, type SieclePupil } from '../../test-support/import-files.ts';
import { analyse, count, importFiles, snapshot, testSchool, value, type TestSchool } from '../../test-support/import-school.ts';

let school: TestSchool;
beforeEach(async () => {
  school = await testSchool();
});
afterEach(() => school.close());

const account = (login: string) => school.db.prepare('SELECT * FROM account WHERE login = ?').get(login) as Record<string, unknown>;
const classesOf = (login: string) =>
  school.db
    .prepare('SELECT c.name, ac.head_teacher FROM account_class ac JOIN class c ON c.id = ac.class_id JOIN account a ON a.id = ac.account_id WHERE a.login = ? ORDER BY c.name')
    .all(login);

describe('a newer SIECLE export', () => {
  const rentree: SieclePupil[] = [
    { id: '1', last: 'MARTIN', first: 'Zoé', division: '6A', birth: '02/03/2014' },
    { id: '2', last: 'DURAND', first: 'Léo', division: '6A' },
    { id: '3', last: 'DURAND', first: 'Léa', division: '6B' },
  ];
  const guardians = siecleGuardians([
    { id: 'P1', last: 'MARTIN', first: 'Anne', email: 'anne@exemple.fr', children: { '1': '1' } },
    { id: 'P2', last: 'DURAND', first: 'Marc', children: { '2': '1', '3': '1' } },
  ]);
  const teachers = (head: string) => stsEmp([{ id: 'T1', last: 'ROUX', first: 'Julien', fonction: 'ENS', teaches: ['6A', '6B'], headOf: [head] }]);

  it('moves pupils, blocks leavers, adds newcomers, keeps hand-typed fields as conflicts, and undoes exactly', async () => {
    await importFiles(school, { 'eleves.xml': siecleStudents(rentree), 'resp.xml': guardians, 'sts.xml': teachers('6A') });
    expect(classesOf('julien.roux')).toEqual([{ name: '6A', head_teacher: 1 }, { name: '6B', head_teacher: 0 }]);
    // The director corrected Anne MARTIN's e-mail by hand in her sheet.
    const anne = account('anne.martin');
    school.db.prepare("UPDATE account SET email = 'anne.martin@perso.fr' WHERE id = ?").run(anne['id']);
    school.db.prepare("INSERT INTO manual_edit (account_id, field, edited_at) VALUES (?, 'email', '2025-09-05T10:00:00.000Z')").run(anne['id']);
    const before = snapshot(school.db);

    const november = siecleStudents([
      { id: '1', last: 'MARTIN', first: 'Zoé', division: '6B', birth: '02/03/2014' },
      { id: '2', last: 'DURAND', first: 'Léo', division: '6A', left: '10/11/2025' },
      { id: '3', last: 'DURAND', first: 'Léa', division: '6B' },
      { id: '4', last: 'NOUVEAU', first: 'Noé', division: '6C' },
    ]);
    const newerGuardians = siecleGuardians([
      { id: 'P1', last: 'MARTIN', first: 'Anne', email: 'a.martin@exemple.fr', children: { '1': '1' } },
      { id: 'P2', last: 'DURAND', first: 'Marc', children: { '2': '1', '3': '1' } },
    ]);
    const entries = { 'eleves.xml': november, 'resp.xml': newerGuardians, 'sts.xml': teachers('6B') };
    const analysis = await analyse(school, entries);
    expect(analysis.counts).toMatchObject({ created: 1, updated: 3, conflicts: 1, classesCreated: 1, errors: 0 });
    expect(analysis.conflicts).toEqual([
      expect.objectContaining({ lastName: 'MARTIN', firstName: 'Anne', field: 'email', label: 'Courriel', current: 'anne.martin@perso.fr', incoming: 'a.martin@exemple.fr', keep: 'current' }),
    ]);
    const updates = value(await school.api.imports.changes({ analysisId: analysis.analysisId, kind: 'update', offset: 0, limit: 10 }));
    expect(updates.items.map((change) => [change.login, change.changes.map((field) => `${field.label}: ${field.before} → ${field.after}`)])).toEqual([
      ['zoe.martin', ['Classes: 6A → 6B']],
      ['leo.durand', ['Bloqué: non → oui']],
      ['julien.roux', ['Classes: 6A (professeur principal), 6B → 6A, 6B (professeur principal)']],
    ]);

    const decided = value(await school.api.imports.resolve({ analysisId: analysis.analysisId, decisions: [{ conflict: analysis.conflicts[0]?.id ?? '', keep: 'incoming' }] }));
    expect(decided.counts.updated).toBe(4);
    value(await school.api.imports.apply({ analysisId: analysis.analysisId, acceptOtherSchool: false }));
    expect(account('anne.martin')['email']).toBe('a.martin@exemple.fr');
    expect(count(school.db, 'SELECT count(*) FROM manual_edit')).toBe(0);
    expect(account('leo.durand')['blocked']).toBe(1);
    expect(classesOf('zoe.martin')).toEqual([{ name: '6B', head_teacher: 0 }]);
    expect(classesOf('noe.nouveau')).toEqual([{ name: '6C', head_teacher: 0 }]);
    expect(count(school.db, "SELECT count(*) FROM journal WHERE action = 'import.update'")).toBe(4);

    value(await school.api.imports.undoLast({}));
    expect(snapshot(school.db)).toEqual(before);
  });

  it('does not create the guardians of pupils who all left, nor accounts for leavers', async () => {
    const analysis = await analyse(school, {
      'eleves.xml': siecleStudents([{ id: '9', last: 'PARTI', first: 'Paul', division: '6A', left: '01/09/2025' }]),
      'resp.xml': siecleGuardians([{ id: 'P9', last: 'PARTI', first: 'Mère', children: { '9': '1' } }]),
    });
    expect(analysis.counts).toMatchObject({ created: 0, ignored: 2 });
    expect(analysis.ignored.map((row) => row.reason)).toEqual([
      'A quitté l’établissement (sortie le 01/09/2025) : pas de compte créé.',
      'Aucun de ses enfants n’est élève de l’établissement : pas de compte ENT.',
    ]);
  });
});

describe('guardian ↔ child matches Sésame will not guess', () => {
  const pupils = utf8(
    csv([
      ['Nom élève', "Nom d'usage élève", 'Prénom élève', 'Date naissance', 'Niveau', 'Libellé classe', 'Identifiant classe'],
      ['MARTIN', '', 'Emma', '01/02/2019', 'CP', 'CP', '1'],
      ['MARTIN', '', 'Emma', '03/04/2019', 'CP', 'CP', '1'],
      ['ROUX', '', 'Jade', '05/06/2018', 'CE1', 'CE1', '2'],
    ]),
  );
  const guardians = utf8(
    csv([
      ['Civilité Responsable', 'Nom usage responsable', 'Nom responsable', 'Prénom responsable', 'Adresse responsable', 'Nom de famille enfant', 'Prénom enfant', 'Classes enfants', 'Nom de famille enfant', 'Prénom enfant', 'Classes enfants'],
      ['Mme', '', 'MARTIN', 'Claire', '1 rue A', 'MARTIN', 'Emma', 'CP', 'MARTIN', 'Hugo', 'CM2'],
      ['M.', '', 'ROUX', 'Paul', '2 rue B', 'ROUX', 'Jade', 'CE1', '', '', ''],
      ['M.', '', 'ROUX', 'Paul', '2 rue B', 'ROUX', 'Jade', 'CE1', '', '', ''],
    ]),
  );

  it('lists ambiguous and missing children; the chosen child is linked, the rest skipped', async () => {
    const analysis = await analyse(school, { 'eleves.csv': pupils, 'responsables.csv': guardians });
    // Two rows with the same name, children and address are one person.
    expect(analysis.counts).toMatchObject({ created: 5, ambiguities: 2 });
    const [emma, hugo] = analysis.ambiguities;
    expect(emma).toMatchObject({ line: 2, guardian: { lastName: 'MARTIN', firstName: 'Claire' }, child: { label: 'MARTIN Emma', className: 'CP' }, kind: 'ambiguous', choice: null });
    expect(emma?.candidates.map((candidate) => candidate.birthDate)).toEqual(['2019-02-01', '2019-04-03']);
    expect(hugo).toMatchObject({ child: { label: 'MARTIN Hugo', className: 'CM2' }, kind: 'not-found' });

    const second = emma?.candidates[1]?.ref ?? '';
    const resolved = value(await school.api.imports.resolve({ analysisId: analysis.analysisId, choices: [{ ambiguity: emma?.id ?? '', child: second }, { ambiguity: hugo?.id ?? '', child: null }] }));
    expect(resolved.ambiguities.map((ambiguity) => ambiguity.choice)).toEqual([second, null]);
    const result = value(await school.api.imports.apply({ analysisId: analysis.analysisId, acceptOtherSchool: false }));
    expect(result.skippedAmbiguities).toBe(1);
    expect(
      school.db
        .prepare("SELECT c.birth_date FROM guardian_link l JOIN account g ON g.id = l.guardian_id JOIN account c ON c.id = l.child_id WHERE g.first_name = 'Claire'")
        .pluck()
        .all(),
    ).toEqual(['2019-04-03']);

    // Re-importing: the link made stands, nothing is asked again about Emma.
    const again = await analyse(school, { 'eleves.csv': pupils, 'responsables.csv': guardians });
    expect(again.counts).toMatchObject({ created: 0, updated: 0, ambiguities: 1 });
  });

  it('links only a pupil offered for that child: any other choice links no one', async () => {
    const analysis = await analyse(school, { 'eleves.csv': pupils, 'responsables.csv': guardians });
    const [emma, hugo] = analysis.ambiguities;
    // Emma's first candidate offered for Hugo, whom no pupil matches.
    const resolved = value(await school.api.imports.resolve({ analysisId: analysis.analysisId, choices: [{ ambiguity: hugo?.id ?? '', child: emma?.candidates[0]?.ref ?? '' }] }));
    expect(resolved.ambiguities.find((ambiguity) => ambiguity.id === hugo?.id)?.choice).toBeNull();
    value(await school.api.imports.apply({ analysisId: analysis.analysisId, acceptOtherSchool: false }));
    expect(count(school.db, "SELECT count(*) FROM guardian_link l JOIN account c ON c.id = l.child_id WHERE c.first_name = 'Emma'")).toBe(0);
  });
});

describe('accounts Sésame creates', () => {
  it('are not in the ENT yet: a provisional `prenom.nom` login unique against logins and aliases, and no activation code', async () => {
    school.db
      .prepare(
        `INSERT INTO account (profile, last_name, first_name, login, alias, activation_code, activated, source, created_at, updated_at, sort_name, search_text, ent_status)
         VALUES ('teacher', 'AUTRE', 'Compte', 'compte.autre', 'jeanmarc.ndiaye', NULL, 1, 'ENT', 'x', 'x', 'x', 'x', 'known')`,
      )
      .run();
    await importFiles(school, {
      'eleves.xml': siecleStudents([
        { id: '1', last: "N'DIAYE", first: 'Jean-Marc', division: '6A', birth: '01/01/2014' },
        { id: '2', last: "N'DIAYE", first: 'Jean-Marc', division: '6B', birth: '02/02/2014' },
        { id: '3', last: 'WÓJCIK', first: 'Łukasz', division: '6B' },
      ]),
    });
    const rows = school.db.prepare("SELECT login, activation_code, activated, ent_status FROM account WHERE source = 'SIECLE' ORDER BY id").all();
    expect(rows).toEqual([
      { login: 'jeanmarc.ndiaye2', activation_code: null, activated: 0, ent_status: 'pending' },
      { login: 'jeanmarc.ndiaye3', activation_code: null, activated: 0, ent_status: 'pending' },
      { login: 'lukasz.wojcik', activation_code: null, activated: 0, ent_status: 'pending' },
    ]);
  });
});

describe('a first import of a whole school', () => {
  it('builds the indexes afresh after the bulk write, finds every account by them, and undoes exactly', async () => {
    // 1,200 pupils and their guardians: past the threshold where indexes are built after the rows.
    const pupils: SieclePupil[] = Array.from({ length: 1200 }, (_, n) => ({ id: String(n + 1), last: `NOM${n % 97}`, first: `Prénom${n}`, division: `6${'ABCD'[n % 4]}` }));
    const guardians = pupils.map((pupil) => ({ id: `P${pupil.id}`, last: pupil.last, first: 'Parent', children: { [pupil.id]: '1' } }));
    const indexes = () => school.db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name").all();
    const before = { schema: indexes(), rows: snapshot(school.db) };

    const result = await importFiles(school, { 'eleves.xml': siecleStudents(pupils), 'resp.xml': siecleGuardians(guardians) });
    expect(result.counts.created).toBe(2400);
    expect(indexes()).toEqual(before.schema);
    expect(school.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(count(school.db, 'SELECT count(*) FROM account INDEXED BY account_sort')).toBe(2400);
    expect(count(school.db, 'SELECT count(*) FROM account_class INDEXED BY account_class_by_class')).toBe(1200);
    expect(count(school.db, 'SELECT count(*) FROM guardian_link INDEXED BY guardian_link_by_child')).toBe(1200);
    expect(classesOf('prenom1199.nom35')).toEqual([{ name: '6D', head_teacher: 0 }]);

    value(await school.api.imports.undoLast({}));
    expect(snapshot(school.db)).toEqual(before.rows);
    expect(indexes()).toEqual(before.schema);
  });
});

describe('any CSV or spreadsheet, through the column mapping', () => {
  const skolengo = utf8(csv([['Login', 'Mot de passe', 'Nom', 'Prénom', 'Classe'], ['zoe.martin', 'x7k2m9pa', 'MARTIN', 'Zoé', 'CM1'], ['leo.roux', '', 'ROUX', 'Léo', 'CM1']], { separator: ',' }));

  it('asks for what the headers do not say, then remembers the mapping for that header set', async () => {
    const analysis = await analyse(school, { 'comptes.csv': skolengo });
    const step = analysis.files[0]?.mapping;
    expect(step).toMatchObject({ headers: ['Login', 'Mot de passe', 'Nom', 'Prénom', 'Classe'], remembered: false, missing: ['profile'] });
    expect(step?.mapping.columns).toEqual({ login: 0, activationCode: 1, lastName: 2, firstName: 3, classes: 4 });
    expect(analysis.blockers).toEqual(['« comptes.csv » : indiquez la colonne « Profil ».']);
    expect(await school.api.imports.apply({ analysisId: analysis.analysisId, acceptOtherSchool: false })).toMatchObject({ ok: false, error: { code: 'invalid-file' } });

    const mapped = value(await school.api.imports.resolve({ analysisId: analysis.analysisId, mappings: [{ file: 0, mapping: { ...(step?.mapping ?? { columns: {} }), profile: 'student' } }] }));
    expect(mapped).toMatchObject({ blockers: [], counts: { created: 2 } });
    value(await school.api.imports.apply({ analysisId: analysis.analysisId, acceptOtherSchool: false }));
    expect(account('zoe.martin')).toMatchObject({ profile: 'student', activation_code: 'x7k2m9pa', activated: 0, source: 'CSV' });
    expect(account('leo.roux')).toMatchObject({ activation_code: null, activated: 1 });

    const next = await analyse(school, { 'comptes-bis.csv': skolengo });
    expect(next.files[0]?.mapping).toMatchObject({ remembered: true, missing: [] });
    expect(next.counts).toMatchObject({ created: 0, unchanged: 2 });
  });
});

describe('a file from another school', () => {
  it('is shown as a warning and applied only once the director confirms', async () => {
    value(await school.api.school.updateSettings({ uai: '0610001A' }));
    const analysis = await analyse(school, { 'eleves.xml': siecleStudents([{ id: '1', last: 'MARTIN', first: 'Zoé', division: '6A' }], '0619999Z') });
    expect(analysis.warnings).toEqual([
      {
        code: 'other-school',
        file: 'eleves.xml',
        message: '« eleves.xml » vient d’un autre établissement (UAI 0619999Z) que celui de ce fichier d’école (UAI 0610001A). Vérifiez qu’il s’agit bien de votre école avant de confirmer.',
      },
    ]);
    const refused = await school.api.imports.apply({ analysisId: analysis.analysisId, acceptOtherSchool: false });
    expect(refused).toEqual({ ok: false, error: { code: 'conflict', message: `Rien n’a été importé. ${analysis.warnings[0]?.message}` } });
    expect(count(school.db, 'SELECT count(*) FROM account')).toBe(0);
    value(await school.api.imports.apply({ analysisId: analysis.analysisId, acceptOtherSchool: true }));
    expect(count(school.db, 'SELECT count(*) FROM account')).toBe(1);
  });

  it('is recognised even when the school file had no UAI yet: the first registry files give theirs, and undo takes it back', async () => {
    const pupils = (uaj: string) => siecleStudents([{ id: '1', last: 'MARTIN', first: 'Zoé', division: '6A' }], uaj);
    const first = await analyse(school, { 'eleves.xml': pupils('0610001A') });
    expect(first).toMatchObject({ warnings: [], adoptedUai: '0610001A' });
    value(await school.api.imports.apply({ analysisId: first.analysisId, acceptOtherSchool: false }));
    expect(value(await school.api.school.info({})).settings.uai).toBe('0610001A');

    const other = await analyse(school, { 'eleves.xml': pupils('0619999Z') });
    expect(other).toMatchObject({ adoptedUai: null, warnings: [{ code: 'other-school', file: 'eleves.xml' }] });
    value(await school.api.imports.discard({ analysisId: other.analysisId }));

    value(await school.api.imports.undoLast({}));
    expect(value(await school.api.school.info({})).settings.uai).toBe('');
  });

  it('leaves on undo a UAI the director has typed since the import', async () => {
    await importFiles(school, { 'eleves.xml': siecleStudents([{ id: '1', last: 'MARTIN', first: 'Zoé', division: '6A' }], '0610001A') });
    value(await school.api.school.updateSettings({ uai: '0610002B' }));
    value(await school.api.imports.undoLast({}));
    expect(value(await school.api.school.info({})).settings.uai).toBe('0610002B');
  });

  it('does not guess the UAI from files that disagree', async () => {
    const analysis = await analyse(school, {
      'eleves.xml': siecleStudents([{ id: '1', last: 'MARTIN', first: 'Zoé', division: '6A' }], '0610001A'),
      'sts.xml': stsEmp([{ id: 'T1', last: 'ROUX', first: 'Julien', fonction: 'ENS', teaches: ['6A'], headOf: [] }], '0619999Z'),
    });
    expect(analysis.adoptedUai).toBeNull();
    expect(analysis.warnings).toHaveLength(1);
  });
});

import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { damagedArchiveMessage } from '../../core/imports/zip.ts';
import { csv, entExport, sample, siecleStudents, singleByte, utf8, xlsx, zip } from '../../test-support/import-files.ts';
import { analyse, count, importFiles, snapshot, testSchool, value, type TestSchool } from '../../test-support/import-school.ts';

let school: TestSchool;
beforeEach(async () => {
  school = await testSchool();
});
afterEach(() => school.close());

const account = (login: string) => school.db.prepare('SELECT * FROM account WHERE login = ?').get(login) as Record<string, unknown> | undefined;
const classesOf = (login: string) =>
  school.db
    .prepare('SELECT c.name FROM account_class ac JOIN class c ON c.id = ac.class_id JOIN account a ON a.id = ac.account_id WHERE a.login = ? ORDER BY c.name')
    .pluck()
    .all(login);
const apply = async (analysisId: string) => value(await school.api.imports.apply({ analysisId, acceptOtherSchool: false }));

describe('a generic XLSX workbook, through the column mapping', () => {
  const workbook = () =>
    xlsx([
      ['Nom', 'Prénom', 'Classe', 'Courriel'],
      ['LEROY', 'Inès', '6A, 6B', 'ines.leroy@exemple.fr'],
      ['GARNIER', 'Tom', '5C', ''],
    ]);

  it('given a school, when a spreadsheet no reader knows is analysed, then it asks for the profile and imports once mapped', async () => {
    const analysis = await analyse(school, { 'professeurs.xlsx': workbook() });
    expect(analysis.files).toEqual([
      {
        index: 0,
        name: 'professeurs.xlsx',
        size: expect.any(Number),
        format: 'table',
        formatLabel: 'Tableau CSV ou Excel (colonnes à associer)',
        encoding: null,
        rows: 2,
        refused: null,
        uai: null,
        mapping: {
          headers: ['Nom', 'Prénom', 'Classe', 'Courriel'],
          sample: [
            ['LEROY', 'Inès', '6A, 6B', 'ines.leroy@exemple.fr'],
            ['GARNIER', 'Tom', '5C', ''],
          ],
          mapping: { columns: { lastName: 0, firstName: 1, email: 3, classes: 2 }, profile: null },
          remembered: false,
          missing: ['profile'],
        },
      },
    ]);
    expect(analysis.blockers).toEqual(['« professeurs.xlsx » : indiquez la colonne « Profil ».']);
    expect(await school.api.imports.apply({ analysisId: analysis.analysisId, acceptOtherSchool: false })).toEqual({
      ok: false,
      error: { code: 'invalid-file', message: 'Rien n’a été importé. « professeurs.xlsx » : indiquez la colonne « Profil ».' },
    });
    expect(count(school.db, 'SELECT count(*) FROM account')).toBe(0);

    const step = analysis.files[0]?.mapping;
    const mapped = value(
      await school.api.imports.resolve({ analysisId: analysis.analysisId, mappings: [{ file: 0, mapping: { columns: step?.mapping.columns ?? {}, profile: 'teacher' } }] }),
    );
    expect(mapped.blockers).toEqual([]);
    expect(mapped.files[0]?.mapping).toMatchObject({ remembered: false, missing: [] });
    expect(mapped.counts).toMatchObject({ created: 2, updated: 0, errors: 0, classesCreated: 3 });
    expect([...mapped.classesCreated].sort()).toEqual(['5C', '6A', '6B']);

    const result = await apply(analysis.analysisId);
    expect(result.counts).toMatchObject({ created: 2, errors: 0 });
    expect(account('ines.leroy')).toMatchObject({ profile: 'teacher', last_name: 'LEROY', first_name: 'Inès', email: 'ines.leroy@exemple.fr', source: 'CSV' });
    expect(account('tom.garnier')).toMatchObject({ profile: 'teacher', last_name: 'GARNIER', first_name: 'Tom', email: null });
    expect(classesOf('ines.leroy')).toEqual(['6A', '6B']);
    expect(classesOf('tom.garnier')).toEqual(['5C']);
  });
});

describe('remembered column mappings', () => {
  const teachers = (headers: string[], rows: string[][]) => xlsx([headers, ...rows]);
  const headers = ['Nom', 'Prénom', 'Classe'];
  const mapping = { columns: { lastName: 0, firstName: 1, classes: 2 }, profile: 'teacher' as const };

  async function importMapped(name: string, bytes: Uint8Array) {
    const analysis = await analyse(school, { [name]: bytes });
    value(await school.api.imports.resolve({ analysisId: analysis.analysisId, mappings: [{ file: 0, mapping }] }));
    return apply(analysis.analysisId);
  }

  it('given a mapping only resolved, not applied, when the same headers come again, then nothing is remembered', async () => {
    const first = await analyse(school, { 'a.xlsx': teachers(headers, [['ROUX', 'Julien', '6A']]) });
    value(await school.api.imports.resolve({ analysisId: first.analysisId, mappings: [{ file: 0, mapping }] }));
    const again = await analyse(school, { 'a.xlsx': teachers(headers, [['ROUX', 'Julien', '6A']]) });
    expect(again.files[0]?.mapping).toMatchObject({ remembered: false, missing: ['profile'], mapping: { profile: null } });
  });

  it('given an applied mapping, when a file with the same header set comes (XLSX or CSV, any case or accents), then it is reused as is', async () => {
    await importMapped('profs-septembre.xlsx', teachers(headers, [['ROUX', 'Julien', '6A']]));

    const sameSheet = await analyse(school, { 'profs-octobre.xlsx': teachers(headers, [['ROUX', 'Julien', '6A'], ['BLANC', 'Sarah', '4B']]) });
    expect(sameSheet.files[0]?.mapping).toMatchObject({ remembered: true, missing: [], mapping });
    expect(sameSheet.blockers).toEqual([]);
    expect(sameSheet.counts).toMatchObject({ created: 1, unchanged: 1 });

    const sameHeadersAsCsv = await analyse(school, { 'profs.csv': utf8(csv([['NOM', 'PRENOM', 'classe'], ['BLANC', 'Sarah', '4B']])) });
    expect(sameHeadersAsCsv.files[0]?.mapping).toMatchObject({ headers: ['NOM', 'PRENOM', 'classe'], remembered: true, missing: [], mapping });
    expect(sameHeadersAsCsv.blockers).toEqual([]);

    value(await school.api.imports.apply({ analysisId: sameSheet.analysisId, acceptOtherSchool: false }));
    expect(account('sarah.blanc')).toMatchObject({ profile: 'teacher' });
    expect(classesOf('sarah.blanc')).toEqual(['4B']);
  });

  it('given an applied mapping, when the header set differs (a column more, or the same columns reordered), then it is not reused', async () => {
    await importMapped('profs-septembre.xlsx', teachers(headers, [['ROUX', 'Julien', '6A']]));

    const oneMore = await analyse(school, { 'profs.xlsx': teachers([...headers, 'Courriel'], [['BLANC', 'Sarah', '4B', 'sarah@exemple.fr']]) });
    expect(oneMore.files[0]?.mapping).toMatchObject({
      remembered: false,
      missing: ['profile'],
      mapping: { columns: { lastName: 0, firstName: 1, email: 3, classes: 2 }, profile: null },
    });
    expect(oneMore.blockers).toEqual(['« profs.xlsx » : indiquez la colonne « Profil ».']);

    // Reordered: the remembered column numbers would put first names in the name column.
    const reordered = await analyse(school, { 'profs.xlsx': teachers(['Prénom', 'Nom', 'Classe'], [['Sarah', 'BLANC', '4B']]) });
    expect(reordered.files[0]?.mapping).toMatchObject({
      remembered: false,
      missing: ['profile'],
      mapping: { columns: { lastName: 1, firstName: 0, classes: 2 }, profile: null },
    });
  });
});

describe('a truncated ZIP archive', () => {
  const truncatedZip = () => {
    const bytes = zip({ 'ElevesSansAdresses.xml': sample('siecle/ElevesSansAdresses.xml') });
    return bytes.subarray(0, Math.floor(bytes.length / 2));
  };

  it('given a school, when a zipped SIECLE export cut in half is analysed, then it is refused in French and nothing is written', async () => {
    await importFiles(school, { 'export.csv': entExport([{ id: 'E1', type: 'Élève', last: 'DÉJÀ', first: 'Là', login: 'la.deja', classes: '6A' }]) });
    const before = snapshot(school.db);
    const journal = count(school.db, 'SELECT count(*) FROM journal');

    const analysis = await analyse(school, { 'ElevesSansAdresses.zip': truncatedZip(), 'Nomenclature.xml': sample('siecle/Nomenclature.xml') });
    expect(analysis.files[0]).toMatchObject({ name: 'ElevesSansAdresses.zip', format: null, rows: 0, refused: damagedArchiveMessage });
    expect(damagedArchiveMessage).toBe(
      'Ce fichier compressé (classeur Excel ou archive ZIP) est incomplet ou abîmé : Sésame ne peut pas le lire. Téléchargez-le ou enregistrez-le de nouveau.',
    );
    expect(analysis.blockers).toEqual([`« ElevesSansAdresses.zip » est refusé : ${damagedArchiveMessage}`]);

    const applied = await school.api.imports.apply({ analysisId: analysis.analysisId, acceptOtherSchool: true });
    expect(applied).toEqual({ ok: false, error: { code: 'invalid-file', message: `Rien n’a été importé. « ElevesSansAdresses.zip » est refusé : ${damagedArchiveMessage}` } });
    expect(snapshot(school.db)).toEqual(before);
    expect(count(school.db, 'SELECT count(*) FROM import_run')).toBe(1);
    expect(count(school.db, 'SELECT count(*) FROM journal')).toBe(journal);
  });
});

describe('SIECLE files from before 2016', () => {
  /** ResponsablesAvecAdresses.xml as SIECLE wrote it before 2016: NOM, not NOM_DE_FAMILLE; RESP_LEGAL, not NIVEAU_RESPONSABILITE. */
  const legacyGuardians = () =>
    singleByte(
      [
        '<?xml version="1.0" encoding="ISO-8859-15"?>',
        '<BEE_RESPONSABLES VERSION="1.6">',
        '<PARAMETRES><UAJ>0610999X</UAJ></PARAMETRES>',
        '<DONNEES>',
        '<PERSONNES>',
        '<PERSONNE PERSONNE_ID="P1"><LC_CIVILITE>MME</LC_CIVILITE><NOM>LEFÈVRE</NOM><PRENOM>Hélène</PRENOM><MEL>helene.lefevre@exemple.fr</MEL><ADRESSE_ID>1</ADRESSE_ID></PERSONNE>',
        '<PERSONNE PERSONNE_ID="P2"><LC_CIVILITE>M.</LC_CIVILITE><NOM>DUVAL</NOM><PRENOM>Marc</PRENOM><TEL_PORTABLE>0612345678</TEL_PORTABLE><ADRESSE_ID>1</ADRESSE_ID></PERSONNE>',
        '<PERSONNE PERSONNE_ID="P3"><LC_CIVILITE>MME</LC_CIVILITE><NOM>VOISINE</NOM><PRENOM>Rose</PRENOM><ADRESSE_ID>1</ADRESSE_ID></PERSONNE>',
        '</PERSONNES>',
        '<RESPONSABLES>',
        '<RESPONSABLE_ELEVE><ELEVE_ID>1</ELEVE_ID><PERSONNE_ID>P1</PERSONNE_ID><RESP_LEGAL>1</RESP_LEGAL><CODE_PARENTE>20</CODE_PARENTE></RESPONSABLE_ELEVE>',
        '<RESPONSABLE_ELEVE><ELEVE_ID>1</ELEVE_ID><PERSONNE_ID>P2</PERSONNE_ID><RESP_LEGAL>2</RESP_LEGAL><CODE_PARENTE>10</CODE_PARENTE></RESPONSABLE_ELEVE>',
        '<RESPONSABLE_ELEVE><ELEVE_ID>1</ELEVE_ID><PERSONNE_ID>P3</PERSONNE_ID><RESP_LEGAL>0</RESP_LEGAL><CODE_PARENTE>90</CODE_PARENTE></RESPONSABLE_ELEVE>',
        '</RESPONSABLES>',
        '<ADRESSES><ADRESSE ADRESSE_ID="1"><LIGNE1_ADRESSE>1 RUE DU COLLÈGE</LIGNE1_ADRESSE></ADRESSE></ADRESSES>',
        '</DONNEES>',
        '</BEE_RESPONSABLES>',
        '',
      ].join('\n'),
      'iso-8859-15',
    );

  it('given a school, when pupils and guardians files use NOM, then the guardians are imported with their surnames and linked', async () => {
    const analysis = await analyse(school, {
      'ElevesSansAdresses.xml': siecleStudents([{ id: '1', last: 'DUVAL-LEFÈVRE', first: 'Chloé', division: '5B', legacy: true }]),
      'ResponsablesAvecAdresses.xml': legacyGuardians(),
    });
    expect(analysis.files.map((file) => [file.format, file.refused])).toEqual([
      ['siecle-students', null],
      ['siecle-guardians', null],
    ]);
    expect(analysis.errors).toEqual([]);
    expect(analysis.ignored).toEqual([{ file: 'ResponsablesAvecAdresses.xml', line: 8, name: 'VOISINE Rose', reason: 'Contact seulement, pas représentant légal : pas de compte ENT.' }]);
    expect(analysis.counts).toMatchObject({ created: 3, errors: 0, ignored: 1 });
    await apply(analysis.analysisId);

    const relatives = school.db
      .prepare("SELECT last_name, first_name, email, phone, external_id FROM account WHERE profile = 'relative' ORDER BY external_id")
      .all();
    expect(relatives).toEqual([
      { last_name: 'LEFÈVRE', first_name: 'Hélène', email: 'helene.lefevre@exemple.fr', phone: null, external_id: 'P1' },
      { last_name: 'DUVAL', first_name: 'Marc', email: null, phone: '0612345678', external_id: 'P2' },
    ]);
    expect(account('chloe.duvallefevre')).toMatchObject({ profile: 'student', last_name: 'DUVAL-LEFÈVRE', first_name: 'Chloé' });
    expect(
      school.db
        .prepare('SELECT g.last_name, c.first_name FROM guardian_link l JOIN account g ON g.id = l.guardian_id JOIN account c ON c.id = l.child_id ORDER BY g.last_name')
        .all(),
    ).toEqual([
      { last_name: 'DUVAL', first_name: 'Chloé' },
      { last_name: 'LEFÈVRE', first_name: 'Chloé' },
    ]);
  });
});

describe('after an import', () => {
  it('given a school with one account, when an import is applied, then the journal holds import.apply with its counts and the backup holds the state before', async () => {
    await importFiles(school, { 'export.csv': entExport([{ id: 'E1', type: 'Élève', last: 'DÉJÀ', first: 'Là', login: 'la.deja', classes: '6A' }]) });
    expect(count(school.db, 'SELECT count(*) FROM account')).toBe(1);
    const journalBefore = count(school.db, 'SELECT max(id) FROM journal');

    const result = await importFiles(school, {
      'eleves.xml': siecleStudents([
        { id: '1', last: 'MARTIN', first: 'Zoé', division: '6A' },
        { id: '2', last: 'ROUX', first: 'Léo', division: '6B' },
      ]),
    });
    const counts = { created: 2, updated: 0, unchanged: 0, ignored: 0, errors: 0, conflicts: 0, ambiguities: 0, classesCreated: 1, joinedEnt: 0, notInEnt: 2 };
    expect(result.counts).toEqual(counts);
    expect(count(school.db, 'SELECT count(*) FROM account')).toBe(3);

    const entries = school.db.prepare('SELECT at, actor, action, account_id, summary, before, after FROM journal WHERE id > ? ORDER BY id').all(journalBefore) as Record<string, unknown>[];
    const run = school.db.prepare('SELECT id, at FROM import_run ORDER BY id DESC LIMIT 1').get() as { id: number; at: string };
    expect(run.id).toBe(result.runId);
    expect(entries).toEqual([
      {
        at: run.at,
        actor: 'directrice',
        action: 'import.apply',
        account_id: null,
        summary: 'Import de 1 fichier : 2 comptes créés, 0 modifié, 0 inchangé',
        before: null,
        after: JSON.stringify({ runId: result.runId, files: [{ name: 'eleves.xml', format: 'siecle-students' }], counts }),
      },
    ]);

    const backupPath = result.backupPath ?? '';
    expect(backupPath.startsWith(`${school.path}.sauvegardes/ecole-2025-09-01T08-00-`)).toBe(true);
    expect(backupPath.endsWith('-import.db')).toBe(true);
    expect(existsSync(backupPath)).toBe(true);
    const backup = new Database(backupPath, { readonly: true, fileMustExist: true });
    try {
      expect(backup.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(backup.prepare('SELECT count(*) FROM account').pluck().get()).toBe(1);
      expect(backup.prepare('SELECT login FROM account').pluck().all()).toEqual(['la.deja']);
      expect(backup.prepare('SELECT name FROM class ORDER BY name').pluck().all()).toEqual(['6A']);
      expect(backup.prepare('SELECT count(*) FROM import_run').pluck().get()).toBe(1);
      expect(backup.prepare("SELECT count(*) FROM journal WHERE action = 'import.apply'").pluck().get()).toBe(1);
    } finally {
      backup.close();
    }
    expect(school.db.prepare('SELECT backup_path FROM import_run WHERE id = ?').pluck().get(result.runId)).toBe(backupPath);
  });
});

describe('rows with errors', () => {
  it('given a school, when a file has bad rows, then the analysis lists each with its file, line and a French message, and the good rows import', async () => {
    const analysis = await analyse(school, {
      'export.csv': entExport([
        { id: 'E1', type: 'Élève', last: 'MARTIN', first: 'Zoé', login: 'zoe.martin', classes: '6A' },
        { id: 'X1', type: 'Martien', last: 'X', first: 'Y', login: 'x.y' },
        { id: 'E2', type: 'Élève', last: '', first: 'Sans-Nom', login: 'sans.nom' },
      ]),
      'profs.xlsx': xlsx([
        ['Nom', 'Prénom', 'Profil', 'Date de naissance'],
        ['ROUX', 'Julien', 'Enseignant', ''],
        ['BLANC', 'Sarah', 'Enseignant', '31/02/1980'],
      ]),
    });
    expect(analysis.blockers).toEqual([]);
    expect(analysis.errors).toEqual([
      { file: 'export.csv', line: 3, message: 'Profil inconnu « Martien » (attendu : Élève, Parent, Enseignant, Personnel ou Invité) : ligne ignorée.' },
      { file: 'export.csv', line: 4, message: 'Nom ou prénom absent : ligne ignorée.' },
      { file: 'profs.xlsx', line: 3, message: 'Date de naissance illisible « 31/02/1980 » : elle n’est pas importée (le reste de la ligne l’est).' },
    ]);
    expect(analysis.counts).toMatchObject({ created: 3, errors: 3 });

    const result = await apply(analysis.analysisId);
    expect(result.counts).toMatchObject({ created: 3, errors: 3 });
    expect(school.db.prepare('SELECT login FROM account ORDER BY login').pluck().all()).toEqual(['julien.roux', 'sarah.blanc', 'zoe.martin']);
    expect(account('sarah.blanc')).toMatchObject({ profile: 'teacher', birth_date: null });
  });
});

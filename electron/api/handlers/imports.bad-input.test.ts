import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryGarbage, csv, entExport, entHeaders, entityBomb, sample, siecleStudents, utf8, withBom, xlsx, zip } from '../../test-support/import-files.ts';
import { doctypeMessage } from '../../core/imports/xml.ts';
import { analyse, count, snapshot, testSchool, value, type TestSchool } from '../../test-support/import-school.ts';

const truncatedXlsx = () => {
  const bytes = xlsx([['Nom', 'Prénom'], ['MARTIN', 'Zoé']]);
  return bytes.subarray(0, bytes.length - 40);
};

const badInputs: [label: string, name: string, bytes: () => Uint8Array, message: string | RegExp][] = [
  ['an empty file', 'vide.csv', () => new Uint8Array(), 'Le fichier est vide : il n’y a rien à importer.'],
  ['binary garbage', 'export.csv', () => binaryGarbage(), /^Ce fichier n’est ni un tableau \(CSV\), ni un fichier XML, ni un classeur Excel/],
  ['the wrong format', 'sts_emp.xml', () => utf8('<?xml version="1.0"?><EDT_STS/>'), /^Ce fichier est l’export d’un logiciel d’emploi du temps/],
  ['a truncated XLSX', 'liste.xlsx', truncatedXlsx, /^Ce fichier compressé \(classeur Excel ou archive ZIP\) est incomplet ou abîmé/],
  ['a zip bomb', 'liste.xlsx', () => zip({ '[Content_Types].xml': utf8('<Types/>'), 'xl/workbook.xml': new Uint8Array(20 * 1024 * 1024) }), /bombe de décompression/],
  ['an XML entity bomb', 'ElevesSansAdresses.xml', entityBomb, doctypeMessage],
  ['an XML external DTD', 'ElevesSansAdresses.xml', () => utf8('<?xml version="1.0"?><!DOCTYPE BEE_ELEVES SYSTEM "http://exemple.invalid/bee.dtd"><BEE_ELEVES/>'), doctypeMessage],
  ['a CSV with inconsistent columns', 'export.csv', () => utf8('Nom;Prénom\nMARTIN;Zoé;;x;y\n'), /^Le fichier est incohérent : la ligne 2 compte 5 colonnes/],
  ['unknown encoding bytes', 'eleves.csv', () => new Uint8Array([...utf8('Nom;Prenom\nMARTIN;Zo'), 0x81, 0x0a]), /^Le fichier contient des caractères illisibles \(octet 0x81, ligne 2\)/],
  [
    'duplicate ids in one file',
    'ElevesSansAdresses.xml',
    () => siecleStudents([{ id: '7', last: 'MARTIN', first: 'Zoé', division: '6A' }, { id: '7', last: 'ROUX', first: 'Léo', division: '6B' }]),
    /^Identifiant en double dans le fichier : identifiant « 7 » aux lignes \d+ et \d+/,
  ],
  ['missing required columns', 'export.csv', () => withBom(csv([entHeaders.filter((header) => header !== 'Identifiant'), entHeaders.slice(1).map(() => 'x')])), 'Il manque la colonne obligatoire « Identifiant » : le fichier ne peut pas être importé.'],
];

let school: TestSchool;
let before: Record<string, unknown[]>;
let journal: number;
beforeAll(async () => {
  school = await testSchool();
  const seed = await analyse(school, { 'export.csv': entExport([{ id: 'E1', type: 'Élève', last: 'DÉJÀ', first: 'Là', login: 'la.deja', classes: '6A' }]) });
  value(await school.api.imports.apply({ analysisId: seed.analysisId, acceptOtherSchool: false }));
  before = snapshot(school.db);
  journal = count(school.db, 'SELECT count(*) FROM journal');
});
afterAll(() => school.close());

describe('bad input: refused with a French message, nothing written', () => {
  it.each(badInputs)('%s', async (_label, name, bytes, message) => {
    // With a good file beside it: the whole import is refused, not half of it.
    const analysis = await analyse(school, { [name]: bytes(), 'Nomenclature.xml': sample('siecle/Nomenclature.xml') });
    const file = analysis.files[0];
    expect(file?.refused).toMatch(message);
    expect(analysis.blockers).toEqual([`« ${name} » est refusé : ${file?.refused}`]);

    const applied = await school.api.imports.apply({ analysisId: analysis.analysisId, acceptOtherSchool: true });
    expect(applied).toEqual({ ok: false, error: { code: 'invalid-file', message: `Rien n’a été importé. « ${name} » est refusé : ${file?.refused}` } });
    expect(snapshot(school.db)).toEqual(before);
    expect(count(school.db, 'SELECT count(*) FROM import_run')).toBe(1);
    expect(count(school.db, 'SELECT count(*) FROM journal')).toBe(journal);
  });

  it('a SIECLE file from another school: warned, and nothing written unless confirmed', async () => {
    value(await school.api.school.updateSettings({ uai: '0610999X' }));
    journal = count(school.db, 'SELECT count(*) FROM journal');
    const analysis = await analyse(school, { 'ElevesSansAdresses.xml': siecleStudents([{ id: '1', last: 'AILLEURS', first: 'Zoé', division: '6A' }], '0750001A') });
    expect(analysis.warnings[0]?.message).toMatch(/vient d’un autre établissement \(UAI 0750001A\)/);
    expect(await school.api.imports.apply({ analysisId: analysis.analysisId, acceptOtherSchool: false })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(snapshot(school.db)).toEqual(before);
    expect(count(school.db, 'SELECT count(*) FROM journal')).toBe(journal);
  });

  it('files too heavy together', async () => {
    const result = await school.api.imports.analyse({ files: [{ name: 'a.csv', base64: 'A'.repeat(60 * 1024 * 1024) }, { name: 'b.csv', base64: 'A'.repeat(60 * 1024 * 1024) }] });
    expect(result).toEqual({ ok: false, error: { code: 'invalid-argument', message: 'Ces fichiers pèsent ensemble 90 Mo : importez-les en plusieurs fois (au plus 80 Mo à la fois).' } });
  });
});

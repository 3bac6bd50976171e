import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParsedPeopleFile } from './records.ts';
import { readImportFile } from './read-file.ts';
import { siecleStudents, utf8 } from '../../test-support/import-files.ts';
import { analyse, importFiles, testSchool, type TestSchool } from '../../test-support/import-school.ts';

/**
 * What SIECLE exports really say, beyond FORMATS.md's outline, each in a small file written
 * for the test: leavers in the division « Inactifs », pupils with groups only, the name a pupil
 * goes by, a file without its school, and where a record is in a file written on one line.
 */
interface Pupil {
  id: string;
  names: string;
  structures?: [code: string, type: 'D' | 'G'][];
  left?: string;
}

function elevesFile(pupils: Pupil[], { parametres = true, newline = '\n' } = {}): Uint8Array {
  const eleves = pupils.map((pupil) => `<ELEVE ELEVE_ID="${pupil.id}">${pupil.names}<DATE_NAISS>01/01/2012</DATE_NAISS>${pupil.left ? `<DATE_SORTIE>${pupil.left}</DATE_SORTIE>` : ''}</ELEVE>`);
  const structures = pupils
    .filter((pupil) => pupil.structures)
    .map((pupil) => `<STRUCTURES_ELEVE ELEVE_ID="${pupil.id}">${(pupil.structures ?? []).map(([code, type]) => `<STRUCTURE><CODE_STRUCTURE>${code}</CODE_STRUCTURE><TYPE_STRUCTURE>${type}</TYPE_STRUCTURE></STRUCTURE>`).join('')}</STRUCTURES_ELEVE>`);
  return utf8(
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<BEE_ELEVES VERSION="2.1">',
      parametres ? '<PARAMETRES><UAJ>0610999X</UAJ></PARAMETRES>' : '',
      '<DONNEES>',
      '<ELEVES>',
      ...eleves,
      '</ELEVES>',
      '<STRUCTURES>',
      ...structures,
      '</STRUCTURES>',
      '</DONNEES>',
      '</BEE_ELEVES>',
    ].join(newline),
  );
}

const named = (last: string, first: string) => `<NOM_DE_FAMILLE>${last}</NOM_DE_FAMILLE><PRENOM>${first}</PRENOM>`;

async function read(bytes: Uint8Array): Promise<ParsedPeopleFile> {
  const file = await readImportFile('ElevesSansAdresses.xml', bytes);
  if (file.kind !== 'people') throw new Error(file.kind === 'refused' ? file.message : 'not people');
  return file;
}

let school: TestSchool;
beforeEach(async () => {
  school = await testSchool();
});
afterEach(() => school.close());

const classes = () => school.db.prepare('SELECT name FROM class ORDER BY name').pluck().all();
const pupil = (externalId: string) => school.db.prepare("SELECT blocked FROM account WHERE profile = 'student' AND external_id = ?").get(externalId) as { blocked: number } | undefined;
const classesOf = (externalId: string) =>
  school.db
    .prepare('SELECT c.name FROM account_class ac JOIN class c ON c.id = ac.class_id JOIN account a ON a.id = ac.account_id WHERE a.external_id = ? ORDER BY c.name')
    .pluck()
    .all(externalId);

describe('SIECLE leavers in the division « Inactifs »', () => {
  it('given a pupil in « Inactifs », with or without DATE_SORTIE, then no account is created and no class « Inactifs » either', async () => {
    const analysis = await analyse(school, {
      'ElevesSansAdresses.xml': elevesFile([
        { id: '1', names: named('MARTIN', 'Zoé'), structures: [['4A', 'D']] },
        { id: '2', names: named('PARTI', 'Paul'), structures: [['Inactifs', 'D']] },
        { id: '3', names: named('PARTIE', 'Lou'), structures: [['INACTIFS', 'D'], ['4LATIN', 'G']], left: '15/10/2025' },
      ]),
    });
    expect(analysis.counts).toMatchObject({ created: 1, ignored: 2, classesCreated: 1 });
    expect(analysis.ignored.map((row) => [row.name, row.reason])).toEqual([
      ['PARTI Paul', 'A quitté l’établissement (division « Inactifs ») : pas de compte créé.'],
      ['PARTIE Lou', 'A quitté l’établissement (sortie le 15/10/2025) : pas de compte créé.'],
    ]);
  });

  it('given a known pupil who moved into « Inactifs », then the account is handled as a leaver (blocked), never put in a class « Inactifs »', async () => {
    await importFiles(school, { 'ElevesSansAdresses.xml': elevesFile([{ id: '2', names: named('PARTI', 'Paul'), structures: [['4A', 'D']] }]) });
    expect(classesOf('2')).toEqual(['4A']);
    await importFiles(school, { 'ElevesSansAdresses.xml': elevesFile([{ id: '2', names: named('PARTI', 'Paul'), structures: [['Inactifs', 'D']] }]) });
    expect(pupil('2')?.blocked).toBe(1);
    expect(classes()).not.toContain('Inactifs');
  });
});

describe('other SIECLE conventions', () => {
  it('given a pupil with group structures only (type G), then they are listed as ignored, not imported', async () => {
    const file = await read(elevesFile([{ id: '1', names: named('MARTIN', 'Zoé'), structures: [['4LATIN', 'G'], ['4LV2ESP', 'G']] }]));
    expect(file.records).toEqual([]);
    expect(file.ignored).toEqual([{ line: 6, name: 'MARTIN Zoé', reason: 'Élève sans classe (division) dans l’export : non importé.' }]);
  });

  it.each([
    ['NOM_USAGE when present', '<NOM_DE_FAMILLE>DUPONT</NOM_DE_FAMILLE><NOM_USAGE>DURAND</NOM_USAGE><PRENOM>Léa</PRENOM>', 'DURAND'],
    ['NOM_DE_FAMILLE when NOM_USAGE is blank', '<NOM_DE_FAMILLE>DUPONT</NOM_DE_FAMILLE><NOM_USAGE>\n</NOM_USAGE><PRENOM>Léa</PRENOM>', 'DUPONT'],
    ['NOM_DE_FAMILLE when NOM_USAGE is empty and self-closing', '<NOM_DE_FAMILLE>DUPONT</NOM_DE_FAMILLE><NOM_USAGE/><PRENOM>Léa</PRENOM>', 'DUPONT'],
    ['NOM in files before 2016', '<NOM>DUPONT</NOM><PRENOM>Léa</PRENOM>', 'DUPONT'],
  ])('names a pupil by %s', async (_case, names, lastName) => {
    const file = await read(elevesFile([{ id: '1', names, structures: [['4A', 'D']] }]));
    expect(file.records.map((record) => record.lastName)).toEqual([lastName]);
  });

  it('given a file without PARAMETRES/UAJ, then it is read and imported, its school unknown', async () => {
    const bytes = elevesFile([{ id: '1', names: named('MARTIN', 'Zoé'), structures: [['4A', 'D']] }], { parametres: false });
    expect((await read(bytes)).uai).toBeUndefined();
    const analysis = await analyse(school, { 'ElevesSansAdresses.xml': bytes });
    expect(analysis.files[0]?.uai).toBeNull();
    expect(analysis.warnings).toEqual([]);
    expect(analysis.counts.created).toBe(1);
  });
});

describe('where a record is, in a file written on one line', () => {
  const pupils: Pupil[] = [
    { id: '1', names: named('MARTIN', 'Zoé'), structures: [['6A', 'D']] },
    { id: '2', names: named('DURAND', 'Léo'), structures: [['4A', 'D']] },
    { id: '3', names: named('DURAND', 'Léa'), structures: [['4A', 'D']] },
    { id: '4', names: '<PRENOM>Sans</PRENOM>', structures: [['5B', 'D']] },
    { id: '5', names: named('PARTI', 'Paul'), structures: [['Inactifs', 'D']] },
  ];

  it('given every element on line 1, then messages give the element’s number (« Élève n° 4 »)', async () => {
    const file = await read(elevesFile(pupils, { newline: '' }));
    expect(file.errors).toEqual([{ line: 4, message: 'Élève n° 4 : Nom ou prénom absent : ligne ignorée.' }]);
    expect(file.records.map((record) => record.line)).toEqual([1, 2, 3, 5]);
  });

  it('given the same file with line breaks, then messages give the line', async () => {
    const file = await read(elevesFile(pupils));
    expect(file.errors).toEqual([{ line: 9, message: 'Nom ou prénom absent : ligne ignorée.' }]);
  });

  it('given the issue’s five pupils on one line, then each is in their own class, as with line breaks', async () => {
    await importFiles(school, { 'ElevesSansAdresses.xml': elevesFile(pupils, { newline: '' }) });
    expect(['1', '2', '3', '5'].map(classesOf)).toEqual([['6A'], ['4A'], ['4A'], []]);
    expect(classes()).toEqual(['4A', '6A']);
  });

  it('given the bench’s builder on one line, then its pupils keep their classes', async () => {
    const bytes = siecleStudents([
      { id: '1', last: 'A', first: 'a', division: '6A' },
      { id: '2', last: 'B', first: 'b', division: '4A' },
    ]);
    await importFiles(school, { 'ElevesSansAdresses.xml': new Uint8Array(Buffer.from(Buffer.from(bytes).toString('latin1').replace(/>\s+</g, '><'), 'latin1')) });
    expect(['1', '2'].map(classesOf)).toEqual([['6A'], ['4A']]);
  });
});

import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { defaultReadLimits, readImportFile } from './read-file.ts';
import type { ParsedFile, ParsedPeopleFile } from './records.ts';
import {
  binaryGarbage,
  csv,
  entExport,
  entHeaders,
  entityBomb,
  nomenclature,
  sample,
  siecleGuardians,
  siecleStudents,
  singleByte,
  stsEmp,
  utf8,
  withBom,
  xlsx,
  zip,
} from '../../test-support/import-files.ts';
import { workbookDoctypeMessage } from './read-archive.ts';
import { doctypeMessage } from './xml.ts';

async function people(name: string, bytes: Uint8Array): Promise<ParsedPeopleFile> {
  const file = await readImportFile(name, bytes);
  if (file.kind !== 'people') throw new Error(`expected people, got ${file.kind}: ${'message' in file ? file.message : ''}`);
  return file;
}

async function refused(name: string, bytes: Uint8Array, limits = defaultReadLimits): Promise<string> {
  const file: ParsedFile = await readImportFile(name, bytes, limits);
  if (file.kind !== 'refused') throw new Error(`expected a refusal, got ${file.kind}`);
  return file.message;
}

describe('format detection from content', () => {
  it.each([
    ['ent/export.csv', 'ent-export', 845],
    ['onde/CSVExtraction-eleves.csv', 'onde-students', 115],
    ['onde/CSVExtraction-responsables.csv', 'onde-guardians', 131],
    ['siecle/ElevesSansAdresses.xml', 'siecle-students', 384],
    ['siecle/ResponsablesAvecAdresses.xml', 'siecle-guardians', 439],
    ['siecle/sts_emp_0610999X_2025.xml', 'sts', 20],
    ['siecle/Nomenclature.xml', 'siecle-nomenclature', 0],
  ])('recognises %s whatever its name', async (path, format, records) => {
    const file = await people('fichier.dat', sample(path));
    expect(file.format).toBe(format);
    expect(file.records).toHaveLength(records);
  });

  it('reads an export saved as XLSX like its CSV', async () => {
    const rows = [entHeaders, ['E1', '', 'Élève', 'MARTIN', 'Zoé', 'zoe.martin', '', 'abcd2345', '', 'X', 'CM1', '', '', '', '', '']];
    const file = await people('export.xlsx', xlsx(rows));
    expect(file.format).toBe('ent-export');
    expect(file.records[0]).toMatchObject({ line: 2, lastName: 'MARTIN', login: 'zoe.martin', activationCode: 'abcd2345', classes: [{ name: 'CM1' }] });
  });

  it('reads SIECLE exports downloaded zipped', async () => {
    const file = await people('ElevesSansAdresses.zip', zip({ 'ElevesSansAdresses.xml': sample('siecle/ElevesSansAdresses.xml') }));
    expect(file.format).toBe('siecle-students');
    expect(file.uai).toBe('0610999X');
  });

  it('leaves any other table to the column mapping', async () => {
    const file = await readImportFile('liste.csv', utf8('Login,Mot de passe,Nom,Prénom\nzoe.m,x1,MARTIN,Zoé\n'));
    expect(file).toMatchObject({ kind: 'table', format: 'table', headers: ['Login', 'Mot de passe', 'Nom', 'Prénom'] });
  });
});

describe('ENT Core export', () => {
  it('reads login, alias, code (empty = activated), functions, classes and children', async () => {
    const file = await people('export.csv', entExport([
      { id: 'R1', type: 'Parent', last: 'CŒUR', first: 'Anne', login: 'anne.coeur', alias: 'maman.coeur', children: 'Jean-Baptiste CŒUR, Zoé CŒUR', email: 'a@b.fr' },
      { id: 'T1', type: 'Personnel', last: 'PRINCIPAL', first: 'Hélène', login: 'helene.principal', code: '', functions: 'ADMIN_LOCAL' },
      { id: 'X1', type: 'Martien', last: 'X', first: 'Y', login: 'x.y' },
    ]));
    expect(file.records).toEqual([
      expect.objectContaining({ line: 2, profile: 'relative', entId: 'R1', alias: 'maman.coeur', activationCode: null, email: 'a@b.fr', children: [{ by: 'full-name', fullName: 'Jean-Baptiste CŒUR' }, { by: 'full-name', fullName: 'Zoé CŒUR' }] }),
      expect.objectContaining({ line: 3, profile: 'personnel', localAdmin: true, activationCode: null }),
    ]);
    expect(file.errors).toEqual([{ line: 4, message: 'Profil inconnu « Martien » (attendu : Élève, Parent, Enseignant, Personnel ou Invité) : ligne ignorée.' }]);
  });

  it('reads the class-level publipostage CSV', async () => {
    const file = await people('classe.csv', utf8(csv([['Type', 'Nom', 'Prénom', 'Login', 'Alias de login', "Code d'activation"], ['Élève', 'MARTIN', 'Zoé', 'zoe.martin', '', 'abcd2345']])));
    expect(file.format).toBe('ent-class-export');
    expect(file.records[0]).toMatchObject({ profile: 'student', login: 'zoe.martin', activationCode: 'abcd2345' });
  });
});

describe('ONDE', () => {
  it('reads the older BE1D pupils file (Nom Elève, Classe, ISO dates, all quoted)', async () => {
    const rows = [['Nom Elève', 'Prénom Elève', 'Date naissance', 'Sexe', 'Classe'], ['LØKKEN', 'Maël', '2016-05-04', 'H', 'CE2-CM1'], ['VIDE', 'Sans', '2016-01-01', 'F', '']];
    const file = await people('CSVExtraction.csv', singleByte(csv(rows), 'windows-1252'));
    expect(file.format).toBe('onde-students');
    expect(file.records).toEqual([expect.objectContaining({ lastName: 'LØKKEN', firstName: 'Maël', birthDate: '2016-05-04', classes: [{ name: 'CE2-CM1', levels: [] }] })]);
    expect(file.ignored).toEqual([{ line: 3, name: 'VIDE Sans', reason: 'Élève sans classe dans l’export : non importé.' }]);
  });

  it('reads numbered child blocks and stops at the organisations table', async () => {
    const header = ['Civilité Responsable', 'Nom responsable', 'Prénom responsable', 'Courriel', 'Nom de famille élève 1', 'Prénom élève 1', 'Classes élève 1', 'Nom de famille élève 2', 'Prénom élève 2', 'Classes élève 2'];
    const text = csv([header, ['Mme', 'ROUX', 'Léa', 'lea@x.fr', 'ROUX', 'Jade', 'CP', 'ROUX', 'Noé', 'CM1']], { quoted: false }) +
      'Intitulé;Adresse Organisme;CP;Commune\r\nMairie;1 place;61000;Alençon\r\n';
    const file = await people('CSVExtraction.csv', utf8(text));
    expect(file.format).toBe('onde-guardians');
    expect(file.records).toHaveLength(1);
    expect(file.records[0]?.children).toEqual([
      { by: 'name', lastNames: ['ROUX'], firstName: 'Jade', className: 'CP' },
      { by: 'name', lastNames: ['ROUX'], firstName: 'Noé', className: 'CM1' },
    ]);
  });

  it('reads the « Nom de famille élève; Prénom élève; Classes élèves » spelling', async () => {
    const header = ['Nom responsable', 'Prénom responsable', 'Nom de famille élève', 'Prénom élève', 'Classes élèves'];
    const file = await people('r.csv', utf8(csv([header, ['ROUX', 'Léa', 'ROUX', 'Jade', 'CP']])));
    expect(file.records[0]?.children).toEqual([{ by: 'name', lastNames: ['ROUX'], firstName: 'Jade', className: 'CP' }]);
  });
});

describe('SIECLE and STS-Web', () => {
  it('reads pre-2016 NOM, flags leavers, and leaves out pupils without a division', async () => {
    const file = await people('ElevesSansAdresses.xml', siecleStudents([
      { id: '1', last: 'ANCIEN', first: 'Format', legacy: true, division: '6A' },
      { id: '2', last: 'PARTI', first: 'Élève', division: '6A', left: '15/10/2025' },
      { id: '3', last: 'SANS', first: 'Classe' },
    ]));
    expect(file.records.map((record) => [record.lastName, record.leftOn, record.classes])).toEqual([
      ['ANCIEN', undefined, [{ name: '6A' }]],
      ['PARTI', '15/10/2025', undefined],
    ]);
    expect(file.ignored).toEqual([{ line: expect.any(Number), name: 'SANS Classe', reason: 'Élève sans classe (division) dans l’export : non importé.' }]);
  });

  it('keeps legal representatives only, with the pre-2018 RESP_LEGAL too', async () => {
    const file = await people('ResponsablesAvecAdresses.xml', siecleGuardians([
      { id: 'P1', last: 'LÉGAL', first: 'Un', children: { '1': '1' } },
      { id: 'P2', last: 'CONTACT', first: 'Seul', children: { '1': '3' } },
      { id: 'P3', last: 'ANCIEN', first: 'Deux', children: { '1': '2', '2': '0' }, legacy: true },
    ]));
    expect(file.records.map((record) => [record.externalId, record.children])).toEqual([
      ['P1', [{ by: 'external-id', externalId: '1' }]],
      ['P3', [{ by: 'external-id', externalId: '1' }]],
    ]);
    expect(file.ignored.map((ignored) => ignored.name)).toEqual(['CONTACT Seul']);
  });

  it('reads teachers with their divisions and head-teacher role, and staff', async () => {
    const file = await people('sts_emp_0610999X_2025.xml', stsEmp([
      { id: '1', last: "N'DIAYE", first: 'Aurélie', fonction: 'ENS', teaches: ['6A', '5B'], headOf: ['6A'] },
      { id: '2', last: 'CPE', first: 'Marc', fonction: 'EDU' },
    ]));
    expect(file.uai).toBe('0610999X');
    expect(file.records).toEqual([
      expect.objectContaining({ profile: 'teacher', externalId: '1', classes: [{ name: '6A', headTeacher: true }, { name: '5B', headTeacher: false }] }),
      expect.objectContaining({ profile: 'personnel', externalId: '2' }),
    ]);
  });

  it('reads MEF levels from the nomenclature', async () => {
    expect((await people('Nomenclature.xml', nomenclature({ '10010012110': '6EME' }))).mefLevels).toEqual({ '10010012110': '6EME' });
  });
});

describe('bad input: refused with a French message', () => {
  it('an empty file', async () => {
    expect(await refused('vide.csv', new Uint8Array())).toBe('Le fichier est vide : il n’y a rien à importer.');
  });

  it('binary garbage', async () => {
    expect(await refused('photo.jpg', binaryGarbage())).toMatch(/^Ce fichier n’est ni un tableau/);
  });

  it('a file in no known format', async () => {
    expect(await refused('notes.txt', utf8('Bonjour\nvoici la liste.\n'))).toMatch(/^Format non reconnu/);
    expect(await refused('edt.xml', stsEmp([], '0610999X', 'EDT_STS'))).toMatch(/logiciel d’emploi du temps vers STS-Web \(EDT_STS\)/);
    expect(await refused('autre.xml', utf8('<?xml version="1.0"?><FACTURE/>'))).toMatch(/élément principal <FACTURE>/);
  });

  it('a truncated XLSX', async () => {
    const bytes = xlsx([['Nom', 'Prénom'], ['MARTIN', 'Zoé']]);
    expect(await refused('liste.xlsx', bytes.subarray(0, Math.floor(bytes.length / 2)))).toMatch(/incomplet ou abîmé/);
  });

  it('a workbook whose XML parts declare entities', async () => {
    const parts = unzipSync(xlsx([['Nom', 'Prénom'], ['MARTIN', 'Zoé']]));
    const sheet = new TextDecoder().decode(parts['xl/worksheets/sheet1.xml']);
    parts['xl/worksheets/sheet1.xml'] = utf8(sheet.replace('?>', '?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'));
    expect(await refused('liste.xlsx', zipSync(parts))).toBe(workbookDoctypeMessage);
  });

  it('a zip bomb', async () => {
    const bomb = zip({ '[Content_Types].xml': utf8('<Types/>'), 'xl/workbook.xml': new Uint8Array(20 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(100_000);
    expect(await refused('liste.xlsx', bomb)).toMatch(/bombe de décompression/);
  });

  it('XML with an entity bomb or an external DTD', async () => {
    expect(await refused('ElevesSansAdresses.xml', entityBomb())).toBe(doctypeMessage);
    expect(await refused('x.xml', utf8('<?xml version="1.0"?>\n<!DOCTYPE BEE_ELEVES SYSTEM "file:///etc/passwd">\n<BEE_ELEVES/>'))).toBe(doctypeMessage);
  });

  it('a CSV with inconsistent columns', async () => {
    expect(await refused('export.csv', utf8('Nom;Prénom\nMARTIN;Zoé\nDURAND;Léo;CM1;x\n'))).toBe(
      'Le fichier est incohérent : la ligne 3 compte 4 colonnes alors que la ligne d’en-tête en compte 2. ' +
        'Un séparateur ou un guillemet est sans doute en trop : corrigez le fichier ou exportez-le de nouveau.',
    );
  });

  it('unknown encoding bytes', async () => {
    expect(await refused('eleves.csv', new Uint8Array([...utf8('Nom;Prenom\nMARTIN;Zo'), 0x8d, 0x0a]))).toMatch(/octet 0x8D, ligne 2/);
  });

  it('duplicate ids in one file', async () => {
    const bytes = entExport([
      { id: 'E1', type: 'Élève', last: 'MARTIN', first: 'Zoé', login: 'zoe.martin' },
      { id: 'E1', type: 'Élève', last: 'MARTIN', first: 'Léo', login: 'leo.martin' },
    ]);
    expect(await refused('export.csv', bytes)).toBe(
      'Identifiant en double dans le fichier : Id « E1 » aux lignes 2 et 3. Un export ne contient jamais deux fois la même personne : ' +
        'le fichier est refusé, exportez-le de nouveau.',
    );
  });

  it('a file over the size limit, unread', async () => {
    expect(await refused('gros.csv', utf8('Nom;Prénom\n'.repeat(200)), { ...defaultReadLimits, maxFileBytes: 1000 })).toMatch(/^« gros\.csv » pèse .* Mo : c’est plus que les .* Mo qu’accepte Sésame/);
  });

  it('missing required columns, named', async () => {
    const headers = entHeaders.filter((header) => header !== 'Prénom' && header !== 'Nom');
    expect(await refused('export.csv', withBom(csv([headers, headers.map(() => 'x')])))).toBe(
      'Il manque les colonnes obligatoires « Nom », « Prénom » : le fichier ne peut pas être importé.',
    );
    expect(await refused('CSVExtraction.csv', utf8('Nom élève;Prénom élève;Date naissance\nA;B;01/01/2015\n'))).toBe(
      'Il manque la colonne obligatoire « Libellé classe » : le fichier ne peut pas être importé.',
    );
  });

  it('an archive that is neither a workbook nor one XML export', async () => {
    expect(await refused('photos.zip', zip({ 'a.jpg': binaryGarbage(), 'b.jpg': binaryGarbage() }))).toMatch(/ni un classeur Excel ni un seul export XML/);
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import * as XLSX from 'xlsx';

/** Builders for import test files: small, readable, every variant FORMATS.md lists. */

/** The handbook's samples sit beside the repository (../shared/samples), whichever checkout runs. */
function findSamplesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'shared', 'samples');
    if (existsSync(join(candidate, 'truth.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('shared/samples/truth.json not found above the repository');
    dir = parent;
  }
}

export const samplesDir = process.env['SESAME_SAMPLES'] ?? findSamplesDir();

export function sample(path: string): Uint8Array {
  return readFileSync(join(samplesDir, path));
}

export const truth = JSON.parse(readFileSync(join(samplesDir, 'truth.json'), 'utf8')) as {
  onde: { students: number; relatives: number; classes: string[]; links: number; max_children: number; relatives_with_email: number };
  siecle: {
    students_in_file: number;
    students_active: number;
    students_left: number;
    students_without_class: number;
    legal_relatives_of_active: number;
    legal_links_of_active: number;
    divisions: string[];
    teachers: number;
    staff: number;
  };
  ent: {
    accounts: number;
    by_type: Record<string, number>;
    not_activated: number;
    activated: number;
    with_email: number;
    sample: { type: string; last: string; first: string; login: string; code: string; classes: string; email: string }[];
  };
};

export const utf8 = (text: string) => new TextEncoder().encode(text);
export const withBom = (text: string) => utf8(`\ufeff${text}`);

function byteTable(encoding: 'windows-1252' | 'iso-8859-15'): Map<string, number> {
  const table = new Map<string, number>();
  const decoder = new TextDecoder(encoding);
  for (let byte = 0; byte < 256; byte++) table.set(decoder.decode(new Uint8Array([byte])), byte);
  return table;
}

/** Single-byte text (Windows-1252 or ISO-8859-15), as old exporters write it. */
export function singleByte(text: string, encoding: 'windows-1252' | 'iso-8859-15'): Uint8Array {
  const table = byteTable(encoding);
  return Uint8Array.from([...text].map((char) => {
    const byte = table.get(char);
    if (byte === undefined) throw new Error(`not in ${encoding}: ${char}`);
    return byte;
  }));
}

/** ISO-8859-15 XML as SIECLE writes it: letters beyond Latin-9 (Ł, ş…) as character references. */
function latin9Xml(text: string): Uint8Array {
  const table = byteTable('iso-8859-15');
  return singleByte([...text].map((char) => (table.has(char) ? char : `&#${char.codePointAt(0)};`)).join(''), 'iso-8859-15');
}

const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;

export function csv(rows: string[][], options: { separator?: string; quoted?: boolean; eol?: string } = {}): string {
  const { separator = ';', quoted = true, eol = '\r\n' } = options;
  return rows.map((row) => row.map((cell) => (quoted ? quote(cell) : cell)).join(separator)).join(eol) + eol;
}

export const entHeaders = [
  'Id', 'Identifiant SIECLE', 'Type', 'Nom', 'Prénom', 'Identifiant', 'Login personnalisé (Alias)', "Code d'activation",
  'Fonctions', 'Établissements', 'Classes', 'Enfants', 'Parents', 'Dernière connexion', 'Courriel', 'Téléphone',
];

export interface EntRow {
  id: string;
  siecle?: string;
  type: string;
  last: string;
  first: string;
  login: string;
  alias?: string;
  code?: string;
  functions?: string;
  classes?: string;
  children?: string;
  email?: string;
  phone?: string;
}

export function entExport(rows: EntRow[], headers: string[] = entHeaders): Uint8Array {
  const cells = (row: EntRow): Record<string, string> => ({
    Id: row.id,
    'Identifiant SIECLE': row.siecle ?? '',
    Type: row.type,
    Nom: row.last,
    Prénom: row.first,
    Identifiant: row.login,
    'Login personnalisé (Alias)': row.alias ?? '',
    "Code d'activation": row.code ?? '',
    Fonctions: row.functions ?? '',
    Établissements: 'COLLEGE DES TESTS',
    Classes: row.classes ?? '',
    Enfants: row.children ?? '',
    Parents: '',
    'Dernière connexion': '',
    Courriel: row.email ?? '',
    Téléphone: row.phone ?? '',
  });
  return withBom(csv([headers, ...rows.map((row) => headers.map((header) => cells(row)[header] ?? ''))]));
}

export interface SieclePupil {
  id: string;
  last: string;
  first: string;
  birth?: string;
  ine?: string;
  mef?: string;
  division?: string;
  left?: string;
  /** Files before 2016 say NOM instead of NOM_DE_FAMILLE. */
  legacy?: boolean;
}

const xmlText = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function siecleStudents(pupils: SieclePupil[], uaj = '0610999X'): Uint8Array {
  const eleves = pupils
    .map((pupil) => [
      `<ELEVE ELEVE_ID="${pupil.id}">`,
      pupil.ine ? `<ID_NATIONAL>${pupil.ine}</ID_NATIONAL>` : '',
      pupil.legacy ? `<NOM>${xmlText(pupil.last)}</NOM>` : `<NOM_DE_FAMILLE>${xmlText(pupil.last)}</NOM_DE_FAMILLE>\n<NOM_USAGE>\n</NOM_USAGE>`,
      `<PRENOM>${xmlText(pupil.first)}</PRENOM>`,
      `<DATE_NAISS>${pupil.birth ?? '01/01/2012'}</DATE_NAISS>`,
      `<CODE_MEF>${pupil.mef ?? '10010012110'}</CODE_MEF>`,
      pupil.left ? `<DATE_SORTIE>${pupil.left}</DATE_SORTIE>` : '',
      '</ELEVE>',
    ].filter(Boolean).join('\n'))
    .join('\n');
  const structures = pupils
    .filter((pupil) => pupil.division)
    .map((pupil) => `<STRUCTURES_ELEVE ELEVE_ID="${pupil.id}"><STRUCTURE><CODE_STRUCTURE>${pupil.division}</CODE_STRUCTURE><TYPE_STRUCTURE>D</TYPE_STRUCTURE></STRUCTURE><STRUCTURE><CODE_STRUCTURE>LATIN</CODE_STRUCTURE><TYPE_STRUCTURE>G</TYPE_STRUCTURE></STRUCTURE></STRUCTURES_ELEVE>`)
    .join('\n');
  return latin9Xml(
    `<?xml version="1.0" encoding="ISO-8859-15"?>\n<BEE_ELEVES VERSION="2.1">\n<PARAMETRES>\n<UAJ>${uaj}</UAJ>\n</PARAMETRES>\n<DONNEES>\n<ELEVES>\n${eleves}\n</ELEVES>\n<STRUCTURES>\n${structures}\n</STRUCTURES>\n</DONNEES>\n</BEE_ELEVES>\n`,
  );
}

export interface SiecleGuardian {
  id: string;
  last: string;
  first: string;
  email?: string;
  phone?: string;
  /** ELEVE_ID → level: NIVEAU_RESPONSABILITE (1 = legal), or RESP_LEGAL before 2018. */
  children: Record<string, string>;
  legacy?: boolean;
}

export function siecleGuardians(guardians: SiecleGuardian[], uaj = '0610999X'): Uint8Array {
  const persons = guardians
    .map((guardian) => `<PERSONNE PERSONNE_ID="${guardian.id}"><LC_CIVILITE>MME</LC_CIVILITE><NOM_DE_FAMILLE>${xmlText(guardian.last)}</NOM_DE_FAMILLE><PRENOM>${xmlText(guardian.first)}</PRENOM><TEL_PORTABLE>${guardian.phone ?? ''}</TEL_PORTABLE><MEL>${guardian.email ?? ''}</MEL><ADRESSE_ID>1</ADRESSE_ID></PERSONNE>`)
    .join('\n');
  const links = guardians
    .flatMap((guardian) =>
      Object.entries(guardian.children).map(([pupil, level]) =>
        `<RESPONSABLE_ELEVE><ELEVE_ID>${pupil}</ELEVE_ID><PERSONNE_ID>${guardian.id}</PERSONNE_ID>${guardian.legacy ? `<RESP_LEGAL>${level}</RESP_LEGAL>` : `<NIVEAU_RESPONSABILITE>${level}</NIVEAU_RESPONSABILITE>`}<CODE_PARENTE>20</CODE_PARENTE></RESPONSABLE_ELEVE>`,
      ),
    )
    .join('\n');
  return latin9Xml(
    `<?xml version="1.0" encoding="ISO-8859-15"?>\n<BEE_RESPONSABLES VERSION="2.1">\n<PARAMETRES><UAJ>${uaj}</UAJ></PARAMETRES>\n<DONNEES>\n<PERSONNES>\n${persons}\n</PERSONNES>\n<RESPONSABLES>\n${links}\n</RESPONSABLES>\n<ADRESSES><ADRESSE ADRESSE_ID="1"><LIGNE1_ADRESSE>1 RUE DU COLLÈGE</LIGNE1_ADRESSE></ADRESSE></ADRESSES>\n</DONNEES>\n</BEE_RESPONSABLES>\n`,
  );
}

export interface StsIndividual {
  id: string;
  last: string;
  first: string;
  fonction: string;
  teaches?: string[];
  headOf?: string[];
}

export function stsEmp(individuals: StsIndividual[], uaj = '0610999X', root = 'STS_EDT'): Uint8Array {
  const people = individuals
    .map((person) => `<INDIVIDU ID="${person.id}" TYPE="epp"><NOM_USAGE>${xmlText(person.last)}</NOM_USAGE><NOM_PATRONYMIQUE>${xmlText(person.last)}</NOM_PATRONYMIQUE><PRENOM>${xmlText(person.first)}</PRENOM><FONCTION>${person.fonction}</FONCTION>${
      person.headOf?.length ? `<PROFS_PRINC>${person.headOf.map((code) => `<PROF_PRINC><CODE_STRUCTURE>${code}</CODE_STRUCTURE></PROF_PRINC>`).join('')}</PROFS_PRINC>` : ''
    }</INDIVIDU>`)
    .join('\n');
  const divisions = [...new Set(individuals.flatMap((person) => person.teaches ?? []))]
    .map((code) => `<DIVISION CODE="${code}"><SERVICES><SERVICE CODE_MATIERE="1"><ENSEIGNANTS>${individuals
      .filter((person) => person.teaches?.includes(code))
      .map((person) => `<ENSEIGNANT ID="${person.id}" TYPE="epp"/>`)
      .join('')}</ENSEIGNANTS></SERVICE></SERVICES></DIVISION>`)
    .join('\n');
  return latin9Xml(
    `<?xml version="1.0" encoding="ISO-8859-15"?>\n<${root}>\n<PARAMETRES><UAJ CODE="${uaj}"/></PARAMETRES>\n<NOMENCLATURES><MATIERES/></NOMENCLATURES>\n<DONNEES>\n<INDIVIDUS>\n${people}\n</INDIVIDUS>\n<STRUCTURE><DIVISIONS>\n${divisions}\n</DIVISIONS></STRUCTURE>\n</DONNEES>\n</${root}>\n`,
  );
}

export function nomenclature(levels: Record<string, string>): Uint8Array {
  const mefs = Object.entries(levels).map(([code, label]) => `<MEF CODE_MEF="${code}"><FORMATION>${label}</FORMATION></MEF>`).join('\n');
  return utf8(`<?xml version="1.0" encoding="UTF-8"?>\n<BEE_NOMENCLATURES><DONNEES><MEFS>${mefs}</MEFS></DONNEES></BEE_NOMENCLATURES>\n`);
}

/** A workbook with one sheet, as Excel would save it. */
export function xlsx(rows: unknown[][]): Uint8Array {
  const workbook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet(rows), 'Feuille1');
  return new Uint8Array(XLSX.write(workbook, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

export function zip(entries: Record<string, Uint8Array>): Uint8Array {
  return zipSync(entries, { level: 9 });
}

/** « Billion laughs »: ten nested entities, each ten times the previous. */
export function entityBomb(): Uint8Array {
  const entities = ['<!ENTITY lol0 "lol">'];
  for (let i = 1; i <= 9; i++) entities.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  return utf8(`<?xml version="1.0"?>\n<!DOCTYPE BEE_ELEVES [\n${entities.join('\n')}\n]>\n<BEE_ELEVES><PARAMETRES><UAJ>&lol9;</UAJ></PARAMETRES></BEE_ELEVES>\n`);
}

/** Deterministic noise with NUL bytes, like a PDF or an executable. */
export function binaryGarbage(size = 4096): Uint8Array {
  const bytes = new Uint8Array(size);
  let state = 12345;
  for (let i = 0; i < size; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

import { zipSync } from 'fflate';
import { importFormatLabels, importLimits, fileTooLargeMessage, type ImportFormat } from '../../../shared/domain/imports.ts';
import { parseCsv, tooManyRowsMessage } from './csv.ts';
import { decodeText, decodeXml, emptyFileMessage, sniffSeparator } from './decode.ts';
import { refuseDuplicateIds } from './duplicates.ts';
import { Columns } from './headers.ts';
import type { ParsedFile, PeopleData } from './records.ts';
import { FileRefusal, refuse } from './refusal.ts';
import { isEntClassExport, readEntClassExport } from './readers/ent-class-export.ts';
import { isEntExport, readEntExport } from './readers/ent-export.ts';
import { isOndeGuardians, readOndeGuardians } from './readers/onde-guardians.ts';
import { isOndeStudents, readOndeStudents } from './readers/onde-students.ts';
import { readSiecleGuardians } from './readers/siecle-guardians.ts';
import { readSiecleNomenclature } from './readers/siecle-nomenclature.ts';
import { readSiecleStudents } from './readers/siecle-students.ts';
import { readSts } from './readers/sts.ts';
import { isLegacyWorkbook, readWorkbookRows } from './spreadsheet.ts';
import { tableFromRows, type Table } from './table.ts';
import { parseXml, scanXml, type XmlDocument, type XmlLimits } from './xml.ts';
import { extractZipEntry, isZip, listZip, refuseZipBomb, unzipEntries } from './zip.ts';
import type { TableRow } from './csv.ts';

export interface ReadLimits {
  maxFileBytes: number;
  /** Data rows (CSV/XLSX) or people (XML) per file. */
  maxRows: number;
  /** What an archive may announce once inflated. */
  maxUncompressedBytes: number;
}

export const defaultReadLimits: ReadLimits = {
  maxFileBytes: importLimits.maxFileBytes,
  maxRows: importLimits.maxRows,
  maxUncompressedBytes: 4 * importLimits.maxFileBytes,
};

type TableFormat = Exclude<ImportFormat, 'table' | 'siecle-students' | 'siecle-guardians' | 'siecle-nomenclature' | 'sts'>;
type XmlFormat = 'siecle-students' | 'siecle-guardians' | 'siecle-nomenclature' | 'sts';

// Most specific first: ONDE guardians also have a « Prénom élève » column.
const tableReaders: { format: TableFormat; matches(columns: Columns): boolean; read(table: Table): PeopleData }[] = [
  { format: 'onde-guardians', matches: isOndeGuardians, read: readOndeGuardians },
  { format: 'ent-export', matches: isEntExport, read: readEntExport },
  { format: 'ent-class-export', matches: isEntClassExport, read: readEntClassExport },
  { format: 'onde-students', matches: isOndeStudents, read: readOndeStudents },
];

const xmlReaders: Record<string, { format: XmlFormat; read(xml: XmlDocument): PeopleData; skip: string[] }> = {
  BEE_ELEVES: { format: 'siecle-students', read: readSiecleStudents, skip: ['ADRESSES'] },
  BEE_RESPONSABLES: { format: 'siecle-guardians', read: readSiecleGuardians, skip: ['ADRESSES'] },
  BEE_NOMENCLATURES: { format: 'siecle-nomenclature', read: readSiecleNomenclature, skip: [] },
  STS_EDT: { format: 'sts', read: readSts, skip: ['NOMENCLATURES'] },
};

interface Reading {
  name: string;
  size: number;
  limits: ReadLimits;
  format: ImportFormat | null;
  encoding: string | null;
}

function looksLikeXml(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512)).replace(/^\ufeff|^ï»¿/, '').trimStart();
  return head.startsWith('<?xml') || /^<[A-Za-z_]/.test(head);
}

/** The first element's name, looked for after the declaration and comments of the prolog. */
function rootName(text: string): string {
  const head = text.slice(0, 65_536).replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, '');
  return /<([A-Za-z_][\w.:-]*)/.exec(head)?.[1] ?? '';
}

function people(reading: Reading, format: Exclude<ImportFormat, 'table'>, data: PeopleData, rows: number): ParsedFile {
  reading.format = format;
  if (data.records.length > reading.limits.maxRows) refuse(tooManyRowsMessage(reading.limits.maxRows));
  refuseDuplicateIds(data.records);
  return { kind: 'people', name: reading.name, size: reading.size, encoding: reading.encoding, format, rows, ...data };
}

function fromRows(reading: Reading, all: TableRow[]): ParsedFile {
  const table = tableFromRows(all);
  const columns = new Columns(table.headers);
  const reader = tableReaders.find((candidate) => candidate.matches(columns));
  if (reader) {
    reading.format = reader.format;
    return people(reading, reader.format, reader.read(table), table.rows.length);
  }
  if (table.headers.filter(Boolean).length < 2) {
    refuse(
      'Format non reconnu : ce fichier ne ressemble à aucun export connu (ENT, ONDE, SIECLE, STS-Web) et n’a pas de colonnes ' +
        'séparées par « ; », « , » ou une tabulation.',
    );
  }
  reading.format = 'table';
  return { kind: 'table', format: 'table', name: reading.name, size: reading.size, encoding: reading.encoding, headers: table.headers, rows: table.rows };
}

function readXml(reading: Reading, bytes: Uint8Array): ParsedFile {
  const { text, encoding } = decodeXml(bytes);
  reading.encoding = encoding;
  const root = rootName(text);
  if (root === 'EDT_STS') {
    refuse(
      'Ce fichier est l’export d’un logiciel d’emploi du temps vers STS-Web (EDT_STS). Sésame attend l’export de STS-Web ' +
        'lui-même, le fichier sts_emp_UAI_année.xml.',
    );
  }
  const reader = xmlReaders[root];
  if (!reader) {
    refuse(`Ce fichier XML n’est pas un export reconnu (élément principal <${root.slice(0, 40)}>). Sésame lit les exports SIECLE (élèves, responsables, nomenclatures) et STS-Web.`);
  }
  reading.format = reader.format;
  const limits: XmlLimits = { maxElements: reading.limits.maxRows * 20, skip: new Set(reader.skip) };
  const data = reader.read({ root: () => parseXml(text, limits), scan: (visit) => scanXml(text, limits, visit) });
  return people(reading, reader.format, data, data.records.length + data.ignored.length + data.errors.length);
}

async function readArchive(reading: Reading, bytes: Uint8Array): Promise<ParsedFile> {
  const entries = listZip(bytes);
  refuseZipBomb(entries, reading.limits.maxUncompressedBytes);
  const names = new Set(entries.map((entry) => entry.name));
  if (names.has('[Content_Types].xml') && names.has('xl/workbook.xml')) {
    // SheetJS would inflate on its own, trusting nothing but the data (and off the V8 heap the
    // memory cap watches): it gets the entries inflated under our limits, stored uncompressed.
    const stored = zipSync(unzipEntries(bytes), { level: 0 });
    return fromRows(reading, await readWorkbookRows(stored, reading.limits.maxRows));
  }
  // SIECLE/BEE exports are often downloaded zipped, one XML file inside.
  const xmlEntries = entries.filter((entry) => /\.xml$/i.test(entry.name) && !entry.name.endsWith('/'));
  if (xmlEntries.length === 1) return readXml(reading, extractZipEntry(bytes, (xmlEntries[0] as { name: string }).name));
  return refuse('Cette archive ZIP ne contient ni un classeur Excel ni un seul export XML : décompressez-la et importez les fichiers qu’elle contient.');
}

function readText(reading: Reading, bytes: Uint8Array): ParsedFile {
  const { text, encoding } = decodeText(bytes);
  reading.encoding = encoding;
  return fromRows(reading, parseCsv(text, sniffSeparator(text), reading.limits.maxRows));
}

/**
 * Everything that touches the bytes of a user's file: decoding, format detection from the
 * content (never the name), the format's reader. Runs inside the parse sandbox; returns plain
 * data, or the French reason the file is refused.
 */
export async function readImportFile(name: string, bytes: Uint8Array, limits: ReadLimits = defaultReadLimits): Promise<ParsedFile> {
  const reading: Reading = { name, size: bytes.length, limits, format: null, encoding: null };
  try {
    if (bytes.length > limits.maxFileBytes) refuse(fileTooLargeMessage(name, bytes.length, limits.maxFileBytes));
    if (bytes.length === 0) refuse(emptyFileMessage);
    if (isZip(bytes)) return await readArchive(reading, bytes);
    if (isLegacyWorkbook(bytes)) return fromRows(reading, await readWorkbookRows(bytes, limits.maxRows));
    if (looksLikeXml(bytes)) return readXml(reading, bytes);
    return readText(reading, bytes);
  } catch (error) {
    if (!(error instanceof FileRefusal)) throw error;
    return { kind: 'refused', name, size: bytes.length, encoding: reading.encoding, format: reading.format, message: error.message };
  }
}

export function formatLabel(format: ImportFormat | null): string {
  return format ? importFormatLabels[format] : 'Format non reconnu';
}

import type { ImportFormat } from '../../../shared/domain/imports.ts';
import { parseCsv, type TableRow } from './csv.ts';
import { decodeText, sniffSeparator } from './decode.ts';
import { Columns } from './headers.ts';
import type { ParsedFile, PeopleData } from './records.ts';
import { refuse } from './refusal.ts';
import { isEntClassExport, readEntClassExport } from './readers/ent-class-export.ts';
import { isEntExport, readEntExport } from './readers/ent-export.ts';
import { isOndeGuardians, readOndeGuardians } from './readers/onde-guardians.ts';
import { isOndeStudents, readOndeStudents } from './readers/onde-students.ts';
import { people, recognised, type Reading } from './reading.ts';
import { tableFromRows, type Table } from './table.ts';

/** Tables (CSV, spreadsheets): their format is told from the header row. */
type TableFormat = Exclude<ImportFormat, 'table' | 'siecle-students' | 'siecle-guardians' | 'siecle-nomenclature' | 'sts'>;

// Most specific first: ONDE guardians also have a « Prénom élève » column.
const tableReaders: { format: TableFormat; matches(columns: Columns): boolean; read(table: Table): PeopleData }[] = [
  { format: 'onde-guardians', matches: isOndeGuardians, read: readOndeGuardians },
  { format: 'ent-export', matches: isEntExport, read: readEntExport },
  { format: 'ent-class-export', matches: isEntClassExport, read: readEntClassExport },
  { format: 'onde-students', matches: isOndeStudents, read: readOndeStudents },
];

export function fromRows(reading: Reading, all: TableRow[]): ParsedFile {
  const table = tableFromRows(all);
  const columns = new Columns(table.headers);
  const reader = tableReaders.find((candidate) => candidate.matches(columns));
  if (reader) {
    recognised(reading, reader.format);
    return people(reading, reader.format, reader.read(table), table.rows.length);
  }
  if (table.headers.filter(Boolean).length < 2) {
    refuse(
      'Format non reconnu : ce fichier ne ressemble à aucun export connu (ENT, ONDE, SIECLE, STS-Web) et n’a pas de colonnes ' +
        'séparées par « ; », « , » ou une tabulation.',
    );
  }
  recognised(reading, 'table');
  return { kind: 'table', format: 'table', name: reading.name, size: reading.size, encoding: reading.encoding, headers: table.headers, rows: table.rows };
}

export function readText(reading: Reading, bytes: Uint8Array): ParsedFile {
  const { text, encoding } = decodeText(bytes);
  reading.encoding = encoding;
  return fromRows(reading, parseCsv(text, sniffSeparator(text), reading.limits.maxRows));
}

import { importLimits, type ImportFormat } from '../../../shared/domain/imports.ts';
import { tooManyRowsMessage } from './csv.ts';
import { refuseDuplicateIds } from './duplicates.ts';
import type { ParsedFile, PeopleData } from './records.ts';
import { refuse } from './refusal.ts';

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

/** One file being read: what the readers of each kind of file share. */
export interface Reading {
  name: string;
  size: number;
  limits: ReadLimits;
  format: ImportFormat | null;
  encoding: string | null;
  /** Told the format as soon as it is known, before the rest of the file is read. */
  announce?: (format: ImportFormat) => void;
}

/** The file's format is known. */
export function recognised(reading: Reading, format: ImportFormat): void {
  if (reading.format === format) return;
  reading.format = format;
  reading.announce?.(format);
}

/**
 * The planner keys the people a file creates by their record's line: two records on one line
 * would be one person (the one-line SIECLE file that gave one pupil every class). A reader that
 * breaks this is a bug, stopped here rather than merging people silently.
 */
function checkDistinctLines(records: PeopleData['records']): void {
  const lines = new Set<number>();
  for (const { line } of records) {
    if (lines.has(line)) throw new Error(`Two records of one file on line ${line}: the planner would take them for one person.`);
    lines.add(line);
  }
}

export function people(reading: Reading, format: Exclude<ImportFormat, 'table'>, data: PeopleData, rows: number): ParsedFile {
  recognised(reading, format);
  checkDistinctLines(data.records);
  if (data.records.length > reading.limits.maxRows) refuse(tooManyRowsMessage(reading.limits.maxRows));
  refuseDuplicateIds(data.records);
  return { kind: 'people', name: reading.name, size: reading.size, encoding: reading.encoding, format, rows, ...data };
}

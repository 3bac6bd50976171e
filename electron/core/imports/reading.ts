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
}

export function people(reading: Reading, format: Exclude<ImportFormat, 'table'>, data: PeopleData, rows: number): ParsedFile {
  reading.format = format;
  if (data.records.length > reading.limits.maxRows) refuse(tooManyRowsMessage(reading.limits.maxRows));
  refuseDuplicateIds(data.records);
  return { kind: 'people', name: reading.name, size: reading.size, encoding: reading.encoding, format, rows, ...data };
}

import { importFormatLabels, fileTooLargeMessage, type ImportFormat } from '../../../shared/domain/imports.ts';
import { emptyFileMessage } from './decode.ts';
import type { ParsedFile } from './records.ts';
import { defaultReadLimits, type Reading, type ReadLimits } from './reading.ts';
import { FileRefusal, refuse } from './refusal.ts';
import { isLegacyWorkbook, readWorkbookRows } from './spreadsheet.ts';

export { defaultReadLimits, type ReadLimits } from './reading.ts';

/** A ZIP archive's signature (an .xlsx workbook is one). */
function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06);
}

function looksLikeXml(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512)).replace(/^\ufeff|^ï»¿/, '').trimStart();
  return head.startsWith('<?xml') || /^<[A-Za-z_]/.test(head);
}

/**
 * Everything that touches the bytes of a user's file: decoding, format detection from the
 * content (never the name), the format's reader. Runs inside the parse sandbox; returns plain
 * data, or the French reason the file is refused. Each kind of file (archive, table, XML) has
 * its readers loaded when a file of that kind comes. `announce` is told the format as soon as it
 * is known, before the rest of the file is read.
 */
export async function readImportFile(
  name: string,
  bytes: Uint8Array,
  limits: ReadLimits = defaultReadLimits,
  announce?: (format: ImportFormat) => void,
): Promise<ParsedFile> {
  const reading: Reading = { name, size: bytes.length, limits, format: null, encoding: null, announce };
  try {
    if (bytes.length > limits.maxFileBytes) refuse(fileTooLargeMessage(name, bytes.length, limits.maxFileBytes));
    if (bytes.length === 0) refuse(emptyFileMessage);
    if (isZip(bytes)) return await (await import('./read-archive.ts')).readArchive(reading, bytes);
    if (isLegacyWorkbook(bytes)) return (await import('./read-table.ts')).fromRows(reading, await readWorkbookRows(bytes, limits.maxRows));
    if (looksLikeXml(bytes)) return (await import('./read-xml.ts')).readXml(reading, bytes);
    return (await import('./read-table.ts')).readText(reading, bytes);
  } catch (error) {
    if (!(error instanceof FileRefusal)) throw error;
    return { kind: 'refused', name, size: bytes.length, encoding: reading.encoding, format: reading.format, message: error.message };
  }
}

export function formatLabel(format: ImportFormat | null): string {
  return format ? importFormatLabels[format] : 'Format non reconnu';
}

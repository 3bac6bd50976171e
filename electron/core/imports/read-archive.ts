import { zipSync } from 'fflate';
import type { ParsedFile } from './records.ts';
import { refuse } from './refusal.ts';
import { fromRows } from './read-table.ts';
import { readXml } from './read-xml.ts';
import type { Reading } from './reading.ts';
import { readWorkbookRows } from './spreadsheet.ts';
import { extractZipEntry, listZip, refuseZipBomb, unzipEntries } from './zip.ts';

export const workbookDoctypeMessage =
  'Ce classeur Excel contient une déclaration DOCTYPE ou ENTITY, ce qu’Excel n’écrit jamais : par sécurité, Sésame ne l’ouvre pas. ' +
  'Ouvrez-le dans Excel et enregistrez-le de nouveau, ou exportez-le au format CSV.';

const declaration = /<!(?:DOCTYPE|ENTITY)/i;

/**
 * SheetJS reads the workbook's XML parts itself: a DOCTYPE or ENTITY declaration (entity bomb,
 * external entity) is refused before it sees them, as for every XML file (xml.ts). Looked for
 * in any case (SheetJS's reader is not case-sensitive), and in each part as ASCII-compatible
 * text and, when the part holds NUL bytes (UTF-16 text of ASCII markup does), as UTF-16 in
 * either byte order: a part is read in whichever its BOM or declaration says, so every
 * reading it could be given is checked.
 */
function refuseDeclarations(parts: Record<string, Uint8Array>): void {
  for (const data of Object.values(parts)) {
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const readings = [bytes.toString('latin1')];
    if (bytes.includes(0)) readings.push(new TextDecoder('utf-16le').decode(bytes), new TextDecoder('utf-16be').decode(bytes));
    if (readings.some((text) => declaration.test(text))) refuse(workbookDoctypeMessage);
  }
}

/** A ZIP archive: an Excel workbook (.xlsx), or one SIECLE/STS-Web XML export zipped. */
export async function readArchive(reading: Reading, bytes: Uint8Array): Promise<ParsedFile> {
  const entries = listZip(bytes);
  refuseZipBomb(entries, reading.limits.maxUncompressedBytes);
  const names = new Set(entries.map((entry) => entry.name));
  if (names.has('[Content_Types].xml') && names.has('xl/workbook.xml')) {
    // SheetJS would inflate on its own, trusting nothing but the data (and off the V8 heap the
    // memory cap watches): it gets the entries inflated under our limits, stored uncompressed.
    const parts = unzipEntries(bytes);
    refuseDeclarations(parts);
    const stored = zipSync(parts, { level: 0 });
    return fromRows(reading, await readWorkbookRows(stored, reading.limits.maxRows));
  }
  // SIECLE/BEE exports are often downloaded zipped, one XML file inside.
  const xmlEntries = entries.filter((entry) => /\.xml$/i.test(entry.name) && !entry.name.endsWith('/'));
  if (xmlEntries.length === 1) return readXml(reading, extractZipEntry(bytes, (xmlEntries[0] as { name: string }).name));
  return refuse('Cette archive ZIP ne contient ni un classeur Excel ni un seul export XML : décompressez-la et importez les fichiers qu’elle contient.');
}

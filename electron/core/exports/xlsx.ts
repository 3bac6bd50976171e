import * as XLSX from 'xlsx';

/**
 * Writes a one-sheet workbook where every cell is a text cell (shared string, number format
 * « @ »). Nothing is ever a formula or a number, so `0612…`, `+33…` and `=HYPERLINK(…)` stay
 * exactly as stored, in Excel as in Word's mail merge. (SheetJS is used here for writing only:
 * its known issues are on the reading side, see ARCHITECTURE.md §Untrusted files.)
 */
export interface TextSheet {
  sheetName: string;
  title: string;
  header: readonly string[];
  rows: readonly (readonly string[])[];
}

const minWidth = 8;
const maxWidth = 50;

/** Column widths in characters, from the longest value of each column (first 2,000 rows). */
function columnWidths(header: readonly string[], rows: readonly (readonly string[])[]): XLSX.ColInfo[] {
  const widths = header.map((title) => title.length);
  for (const row of rows.slice(0, 2000)) {
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, cell.length);
    });
  }
  return widths.map((width) => ({ wch: Math.min(maxWidth, Math.max(minWidth, width + 2)) }));
}

function textCell(value: string): XLSX.CellObject {
  return { t: 's', v: value, z: '@' };
}

export function textWorkbook(sheet: TextSheet): Uint8Array {
  const columns = sheet.header.length;
  const line = (row: readonly string[]) => Array.from({ length: columns }, (_, index) => textCell(row[index] ?? ''));
  // A dense sheet (rows of cells) rather than one object keyed by « A1 » addresses: SheetJS
  // writes it several times faster, with far less memory, for a 20,000-row school.
  const cells = [line(sheet.header), ...sheet.rows.map(line)];
  const worksheet = Object.assign(cells, {
    '!ref': XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: sheet.rows.length, c: Math.max(0, columns - 1) } }),
    '!cols': columnWidths(sheet.header, sheet.rows),
  }) as unknown as XLSX.WorkSheet;

  const workbook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(workbook, worksheet, sheet.sheetName);
  workbook.Props = { Title: sheet.title, Author: 'Sésame' };
  const written: unknown = XLSX.write(workbook, { type: 'buffer', bookType: 'xlsx', bookSST: true, compression: true });
  return written as Uint8Array;
}

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
  const worksheet: XLSX.WorkSheet = {};
  const columns = sheet.header.length;
  const columnNames = sheet.header.map((_, index) => XLSX.utils.encode_col(index));
  sheet.header.forEach((title, index) => {
    worksheet[`${columnNames[index]}1`] = textCell(title);
  });
  sheet.rows.forEach((row, rowIndex) => {
    const rowName = String(rowIndex + 2);
    for (let index = 0; index < columns; index++) {
      worksheet[`${columnNames[index]}${rowName}`] = textCell(row[index] ?? '');
    }
  });
  worksheet['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: sheet.rows.length, c: Math.max(0, columns - 1) } });
  worksheet['!cols'] = columnWidths(sheet.header, sheet.rows);

  const workbook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(workbook, worksheet, sheet.sheetName);
  workbook.Props = { Title: sheet.title, Author: 'Sésame' };
  const written: unknown = XLSX.write(workbook, { type: 'array', bookType: 'xlsx', bookSST: true, compression: true });
  return new Uint8Array(written as ArrayBuffer);
}

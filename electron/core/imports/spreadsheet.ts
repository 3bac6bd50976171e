import type { TableRow } from './csv.ts';
import { tooManyRowsMessage } from './csv.ts';
import { refuse } from './refusal.ts';

export const damagedWorkbookMessage =
  'Ce classeur Excel est abîmé ou incomplet : Sésame ne peut pas le lire. Ouvrez-le dans Excel et enregistrez-le de nouveau, ' +
  'ou exportez-le au format CSV.';

export function isLegacyWorkbook(bytes: Uint8Array): boolean {
  const signature = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return signature.every((byte, index) => bytes[index] === byte);
}

function cellText(value: unknown): string {
  if (value instanceof Date) {
    // SheetJS builds dates at local midnight; the calendar day is what the sheet shows.
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  }
  return value === null || value === undefined ? '' : String(value);
}

/**
 * The first sheet of a workbook (.xlsx, or legacy .xls) as table rows with sheet row numbers.
 * SheetJS 0.18.5 has known read-side CVEs: this only ever runs inside the parse sandbox.
 */
export async function readWorkbookRows(bytes: Uint8Array, maxRows: number): Promise<TableRow[]> {
  const XLSX = await import('xlsx');
  let workbook;
  try {
    workbook = XLSX.read(bytes, {
      type: 'array',
      dense: true,
      cellDates: true,
      cellFormula: false,
      cellHTML: false,
      cellStyles: false,
      bookVBA: false,
      sheetRows: maxRows + 2,
    });
  } catch {
    return refuse(damagedWorkbookMessage);
  }
  const sheet = workbook.SheetNames.map((name) => workbook.Sheets[name]).find((candidate) => candidate?.['!ref']);
  if (!sheet) refuse('Ce classeur Excel ne contient aucune feuille remplie : il n’y a rien à importer.');
  const full = XLSX.utils.decode_range((sheet['!fullref'] as string | undefined) ?? (sheet['!ref'] as string));
  if (full.e.r - full.s.r > maxRows) refuse(tooManyRowsMessage(maxRows));
  const first = XLSX.utils.decode_range(sheet['!ref'] as string).s.r;
  const matrix = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: true, defval: '', blankrows: true });
  const rows: TableRow[] = [];
  matrix.forEach((cells, index) => {
    const texts = cells.map(cellText);
    if (texts.some((text) => text.trim() !== '')) rows.push({ line: first + index + 1, cells: texts });
  });
  return rows;
}

import type { TableRow } from './csv.ts';
import { emptyFileMessage } from './decode.ts';
import { normaliseHeader } from './headers.ts';
import { refuse } from './refusal.ts';

/** A header row and its data rows, whatever the file was (CSV or spreadsheet). */
export interface Table {
  headers: string[];
  rows: TableRow[];
}

// ONDE's guardians extraction may end with a second table, « Intitulé;Adresse Organisme;… »:
// organisations, not people. The table stops there.
function startsSecondTable(row: TableRow): boolean {
  return normaliseHeader(row.cells[0] ?? '') === 'intitule' && normaliseHeader(row.cells[1] ?? '').startsWith('adresseorganisme');
}

/** Splits off the header row; refuses files without data and rows wider than the header. */
export function tableFromRows(all: TableRow[]): Table {
  const [header, ...rest] = all;
  if (!header) refuse(emptyFileMessage);
  const headers = header.cells.map((cell) => cell.trim());
  const end = rest.findIndex(startsSecondTable);
  const rows = end === -1 ? rest : rest.slice(0, end);
  if (rows.length === 0) refuse('Le fichier ne contient que sa ligne d’en-tête : aucune ligne à importer.');

  let width = headers.length;
  while (width > 0 && headers[width - 1] === '') width--;
  for (const row of rows) {
    if (row.cells.length <= width) continue;
    let used = row.cells.length;
    while (used > width && (row.cells[used - 1] ?? '').trim() === '') used--;
    if (used > width) {
      refuse(
        `Le fichier est incohérent : la ligne ${row.line} compte ${used} colonnes alors que la ligne d’en-tête en compte ${width}. ` +
          'Un séparateur ou un guillemet est sans doute en trop : corrigez le fichier ou exportez-le de nouveau.',
      );
    }
  }
  return { headers, rows };
}

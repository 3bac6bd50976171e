/**
 * CSV as French spreadsheets and ENT consoles read it: UTF-8 with BOM (Excel otherwise guesses
 * Windows-1252), `;` separator, CRLF line ends.
 */
const bom = '\uFEFF';

/**
 * A cell a spreadsheet would take for a formula (OWASP "CSV injection"): `= + - @`, and TAB or
 * CR, which some spreadsheets strip before looking at the first character.
 */
const formulaStart = /^[=+\-@\t\r]/;

/** Prefixes a formula-looking cell with `'`. Applied while writing CSV only; stored data is unchanged. */
export function guardFormula(cell: string): string {
  return formulaStart.test(cell) ? `'${cell}` : cell;
}

/** Undoes {@link guardFormula}, for readers of Sésame's own CSV files. */
export function unguardFormula(cell: string): string {
  return cell.startsWith("'") && formulaStart.test(cell.slice(1)) ? cell.slice(1) : cell;
}

export interface CsvOptions {
  /** Quote every field, as the ENT's own exports do; otherwise only where needed. */
  quoteAll?: boolean;
  /** Cells known to be harmless that must reach their reader unprefixed (the reason goes at the call site). */
  keepCell?: (cell: string, column: number) => boolean;
}

const needsQuotes = /[";\r\n]|^\s|\s$/;

function field(value: string, quoteAll: boolean): string {
  return quoteAll || needsQuotes.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvLine(cells: readonly string[], options: CsvOptions = {}): string {
  const quoteAll = options.quoteAll ?? false;
  return cells
    .map((cell, index) => field(options.keepCell?.(cell, index) ? cell : guardFormula(cell), quoteAll))
    .join(';');
}

/** The whole file: BOM, header, rows, each line ended by CRLF. */
export function toCsv(header: readonly string[], rows: Iterable<readonly string[]>, options: CsvOptions = {}): Uint8Array {
  const lines = [csvLine(header, options)];
  for (const row of rows) lines.push(csvLine(row, options));
  return new TextEncoder().encode(`${bom}${lines.join('\r\n')}\r\n`);
}

import type { Separator } from './decode.ts';
import { refuse } from './refusal.ts';

/** One record of a table, with the file line it starts on (what error messages cite). */
export interface TableRow {
  line: number;
  cells: string[];
}

const quote = 34;
const lineFeed = 10;
const carriageReturn = 13;

function countLineFeeds(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

export function tooManyRowsMessage(maxRows: number): string {
  return `Le fichier compte plus de ${maxRows.toLocaleString('fr-FR')} lignes : c’est plus que ce qu’accepte Sésame pour une école.`;
}

/**
 * RFC 4180 as exporters really write it: quoted or bare fields, `""` inside quotes, newlines
 * inside quotes, CRLF, LF or CR line ends, blank lines skipped. Cells are returned untrimmed.
 */
export function parseCsv(text: string, separator: Separator, maxRows: number): TableRow[] {
  const sep = separator.charCodeAt(0);
  const n = text.length;
  const rows: TableRow[] = [];
  let row: string[] = [];
  let line = 1;
  let rowLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const endRow = () => {
    if (row.length > 1 || row[0] !== '') {
      // maxRows counts data rows: the header comes on top.
      if (rows.length > maxRows) refuse(tooManyRowsMessage(maxRows));
      rows.push({ line: rowLine, cells: row });
    }
    row = [];
  };
  const bareEnd = (from: number) => {
    let k = from;
    while (k < n) {
      const c = text.charCodeAt(k);
      if (c === sep || c === lineFeed || c === carriageReturn) break;
      k++;
    }
    return k;
  };

  for (;;) {
    if (i < n && text.charCodeAt(i) === quote) {
      const startLine = line;
      let value = '';
      let j = i + 1;
      for (;;) {
        const close = text.indexOf('"', j);
        if (close === -1) refuse(`Un guillemet ouvert ligne ${startLine} n’est jamais refermé : le fichier est incomplet ou mal formé.`);
        value += text.slice(j, close);
        line += countLineFeeds(text, j, close);
        if (text.charCodeAt(close + 1) === quote) {
          value += '"';
          j = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      // Stray characters after a closing quote are kept, as spreadsheet programs do.
      const k = bareEnd(i);
      if (k > i) value += text.slice(i, k);
      i = k;
      row.push(value.includes('\r') ? value.replace(/\r\n?/g, '\n') : value);
    } else {
      const k = bareEnd(i);
      row.push(text.slice(i, k));
      i = k;
    }
    if (i >= n) {
      endRow();
      return rows;
    }
    const c = text.charCodeAt(i);
    if (c === sep) {
      i++;
      continue;
    }
    i += c === carriageReturn && text.charCodeAt(i + 1) === lineFeed ? 2 : 1;
    endRow();
    line++;
    rowLine = line;
  }
}

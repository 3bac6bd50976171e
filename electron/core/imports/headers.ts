import { foldText } from '../../../shared/domain/text.ts';
import type { TableRow } from './csv.ts';
import { refuse } from './refusal.ts';

/**
 * Headers are matched by normalised name, never by position (FORMATS.md): folded like names
 * (accents, case) and stripped of everything but letters and digits, so « Code d'activation »,
 * « CODE D’ACTIVATION * » and « code_activation » meet as `codedactivation`/`codeactivation`.
 */
export function normaliseHeader(header: string): string {
  return foldText(header).replace(/[^a-z0-9]/g, '');
}

export interface RequiredColumn {
  /** As the file usually spells it, for the refusal message. */
  label: string;
  names: readonly string[];
}

export class Columns {
  readonly headers: readonly string[];
  readonly normalised: readonly string[];

  constructor(headers: readonly string[]) {
    this.headers = headers;
    this.normalised = headers.map(normaliseHeader);
  }

  /** The first column named any of `names` (normalised), or -1. */
  index(...names: string[]): number {
    return this.normalised.findIndex((header) => names.includes(header));
  }

  has(...names: string[]): boolean {
    return this.index(...names) !== -1;
  }

  /** Refuses the file, naming every missing column, unless all are there. */
  require(required: readonly RequiredColumn[]): void {
    const missing = required.filter((column) => !column.names.some((name) => this.normalised.includes(name)));
    if (missing.length === 0) return;
    const labels = missing.map((column) => `« ${column.label} »`).join(', ');
    refuse(
      missing.length === 1
        ? `Il manque la colonne obligatoire ${labels} : le fichier ne peut pas être importé.`
        : `Il manque les colonnes obligatoires ${labels} : le fichier ne peut pas être importé.`,
    );
  }
}

/** A cell, trimmed; '' when the row is shorter than the header. */
export function cell(row: TableRow, index: number): string {
  return index < 0 ? '' : (row.cells[index] ?? '').trim();
}

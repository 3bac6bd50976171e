import type { JournalItem } from '../../../shared/domain/journal.ts';

/**
 * A spreadsheet cell that cannot run as a formula (CSV injection): a leading =, +, -, @, tab or
 * carriage return is neutralised with an apostrophe, as OWASP recommends.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const headers = ['Date', 'Auteur', 'Action', 'Compte n°', 'Compte', 'Résumé', 'Avant', 'Après'];

const json = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value));

/** The journal as Excel opens it in France: UTF-8 with BOM, « ; » separators, CRLF lines. */
export function journalCsv(items: readonly JournalItem[]): string {
  const lines = [headers, ...items.map((item) => [
    item.at,
    item.actor,
    item.action,
    item.accountId === null ? '' : String(item.accountId),
    item.accountName ?? '',
    item.summary,
    json(item.before),
    json(item.after),
  ])];
  return `\uFEFF${lines.map((line) => line.map(csvCell).join(';')).join('\r\n')}\r\n`;
}

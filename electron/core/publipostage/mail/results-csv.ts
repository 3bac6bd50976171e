import type { SchoolDb } from '../../db/open.ts';
import { toCsv } from '../../exports/csv.ts';
import { mailCaseLabels, recipientStateLabels } from '../../../../shared/domain/mail.ts';
import { recipientRows, type RecipientRow } from './campaign-store.ts';

const parisTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' });
const when = (iso: string | null) => (iso ? parisTime.format(new Date(iso)) : '');

const columns: [string, (row: RecipientRow) => string][] = [
  ['Nom', (row) => row.last_name],
  ['Prénom', (row) => row.first_name],
  ['Courriel', (row) => row.email ?? ''],
  ['Message', (row) => (row.mail_case ? mailCaseLabels[row.mail_case] : '')],
  ['État', (row) => recipientStateLabels[row.state]],
  ['Détail', (row) => row.detail ?? ''],
  ['Essais', (row) => String(row.attempts)],
  ['Envoyé le', (row) => when(row.sent_at)],
  ['Nouvel essai le', (row) => when(row.retry_at)],
];

/** The result table of a campaign, one row per recipient, as a French spreadsheet opens it. */
export function campaignResultsCsv(db: SchoolDb, campaignId: number): { bytes: Uint8Array; rows: number } {
  const rows = recipientRows(db, campaignId, null, 0, -1);
  return {
    bytes: toCsv(
      columns.map(([title]) => title),
      rows.map((row) => columns.map(([, value]) => value(row))),
    ),
    rows: rows.length,
  };
}

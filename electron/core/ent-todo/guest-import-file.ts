import type { SchoolDb } from '../db/open.ts';
import { stmt } from '../db/statements.ts';
import { toCsv } from '../exports/csv.ts';

/**
 * The guests to create, as a CSV the ENT Core console imports (« Importer des utilisateurs »,
 * profile « Invité »). Its feeder maps a Guest file's headers by normalised name like the
 * others' (edificeio/entcore, ProfileColumnsMapper: nom, prenom, courriel, telephone), so the
 * guests on the « à faire dans l'ENT » list go over in one file rather than typed one by one.
 */
export interface GuestImportFile {
  fileName: string;
  rows: number;
  bytes: Uint8Array;
}

interface GuestRow {
  last_name: string;
  first_name: string;
  email: string | null;
  phone: string | null;
}

export function guestImportFile(db: SchoolDb, now: Date): GuestImportFile {
  const guests = stmt<[], GuestRow>(
    db,
    `SELECT a.last_name, a.first_name, a.email, a.phone FROM ent_todo t JOIN account a ON a.id = t.account_id
     WHERE t.kind = 'createGuest' AND t.closed_at IS NULL AND a.ent_status = 'pending' ORDER BY a.sort_name`,
  ).all();
  const rows = guests.map((guest) => [guest.last_name, guest.first_name, guest.email ?? '', guest.phone ?? '']);
  // A phone number such as +33 6… is data for the ENT, not a formula: it goes unprefixed.
  const bytes = toCsv(['Nom', 'Prénom', 'Courriel', 'Téléphone'], rows, { keepCell: (cell, column) => column === 3 && /^\+?[\d .]+$/.test(cell) });
  return { fileName: `invites-a-creer-${now.toISOString().slice(0, 10)}.csv`, rows: rows.length, bytes };
}

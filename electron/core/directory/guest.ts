import type { SchoolDb } from '../db/open.ts';
import { stmt } from '../db/statements.ts';
import { UserError } from '../errors.ts';
import { insertAccount } from './accounts.ts';
import { writeJournal, type Author } from './journal.ts';
import { uniqueLogin } from './logins.ts';
import { recordManualEdit } from './manual-edits.ts';
import { checkEmail, checkPhone, type Checked } from '../../../shared/domain/contact.ts';

export interface NewGuest {
  lastName: string;
  firstName: string;
  email?: string | undefined;
  phone?: string | undefined;
}

function checked(result: Checked): string | null {
  if (!result.ok) throw new UserError('invalid-argument', result.message);
  return result.value;
}

/**
 * A guest account (« Invité »: an intern, a visitor) created by hand, with a login by the ENT
 * rules and a fresh activation code. Real accounts come from the official feed; the sheet
 * says so before this is called.
 */
export function createGuest(db: SchoolDb, guest: NewGuest, by: Author): { id: number; login: string } {
  const lastName = guest.lastName.trim().toLocaleUpperCase('fr');
  const firstName = guest.firstName.trim();
  if (!lastName || !firstName) throw new UserError('invalid-argument', 'Indiquez le nom et le prénom de l’invité.');
  const email = checked(checkEmail(guest.email ?? ''));
  const phone = checked(checkPhone(guest.phone ?? ''));
  return db.transaction(() => {
    const isTaken = (candidate: string) =>
      stmt<[string, string], number>(db, 'SELECT 1 FROM account WHERE login = ? OR alias = ? LIMIT 1').pluck().get(candidate, candidate) === 1;
    const login = uniqueLogin(firstName, lastName, isTaken);
    const id = insertAccount(db, {
      profile: 'guest',
      lastName,
      firstName,
      login,
      activationCode: null,
      entStatus: 'pending',
      email,
      phone,
      source: 'MANUEL',
      createdAt: by.at.toISOString(),
    });
    if (email !== null) recordManualEdit(db, id, 'email', by.at);
    if (phone !== null) recordManualEdit(db, id, 'phone', by.at);
    writeJournal(db, { action: 'account.create', accountId: id, summary: 'Compte invité créé à la main', after: { profile: 'guest', lastName, firstName, login, email, phone } }, by.at, by.actor);
    return { id, login };
  })();
}

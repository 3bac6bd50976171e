import type { SchoolDb } from '../db/open.ts';
import { stmt } from '../db/statements.ts';
import { UserError } from '../errors.ts';
import { insertAccount, requireAccount } from './accounts.ts';
import { writeJournal, type Author } from './journal.ts';
import { uniqueLogin } from './logins.ts';
import { recordManualEdit } from './manual-edits.ts';
import { checkEmail, checkPhone, type Checked } from '../../../shared/domain/contact.ts';
import { recordedLocally } from '../../../shared/domain/ent-todo.ts';
import { recordEntTodo } from '../ent-todo/store.ts';

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
 * A guest account (« Invité »: an intern, a visitor) recorded by hand: not in the ENT yet, so
 * no code, a login the ENT will probably give, and « Créer le compte invité » on the list of
 * things to do in the ENT; the ENT export that brings the guest closes it. Real accounts come
 * from the official feed; the dialog says so before this is called.
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
    recordEntTodo(db, 'createGuest', requireAccount(db, id), by);
    writeJournal(db, { action: 'account.create', accountId: id, summary: `Compte invité ${recordedLocally.charAt(0).toLowerCase()}${recordedLocally.slice(1)}`, after: { profile: 'guest', lastName, firstName, login, email, phone } }, by.at, by.actor);
    return { id, login };
  })();
}

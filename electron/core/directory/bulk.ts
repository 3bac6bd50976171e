import type { SchoolDb } from '../db/open.ts';
import { stmt } from '../db/statements.ts';
import { UserError } from '../errors.ts';
import type { AccountRow } from './accounts.ts';
import type { Author } from './journal.ts';
import { addClass, requireClass } from './links.ts';
import { preDelete, restore, setBlocked } from './status.ts';
import type { BulkAction, BulkOutcome } from '../../../shared/domain/account-sheet.ts';

/** Whether the action makes sense for that account; the others are counted as skipped. */
function applies(action: BulkAction, account: AccountRow): boolean {
  if (action === 'preDelete' || action === 'restore') return true;
  if (account.pre_deleted_at !== null) return false;
  return action !== 'attachClass' || account.profile !== 'relative';
}

/**
 * One action on the accounts ticked in the list, in one transaction, each change journaled
 * (and put on the « à faire dans l'ENT » list) as if made on the sheet. Refused as a whole, changing nothing, if an account is gone.
 */
export function bulkAction(db: SchoolDb, ids: readonly number[], action: BulkAction, by: Author, classId?: number): BulkOutcome {
  return db.transaction(() => {
    const unique = [...new Set(ids)];
    const accounts = stmt<[string], AccountRow>(db, 'SELECT * FROM account WHERE id IN (SELECT value FROM json_each(?)) ORDER BY sort_name').all(JSON.stringify(unique));
    const missing = unique.length - accounts.length;
    if (missing > 0) {
      throw new UserError('not-found', `${missing} compte(s) de la sélection n’existent plus (supprimés ou fusionnés) : rechargez la liste. Rien n’a été modifié.`);
    }
    if (action === 'attachClass') {
      if (classId === undefined) throw new UserError('invalid-argument', 'Choisissez la classe à laquelle rattacher les comptes.');
      requireClass(db, classId);
    }
    const outcome: BulkOutcome = { changed: 0, unchanged: 0, skipped: 0 };
    for (const account of accounts) {
      if (!applies(action, account)) {
        outcome.skipped++;
        continue;
      }
      const changed =
        action === 'block' ? setBlocked(db, account.id, true, by).changed
        : action === 'unblock' ? setBlocked(db, account.id, false, by).changed
        : action === 'preDelete' ? preDelete(db, account.id, by).changed
        : action === 'restore' ? restore(db, account.id, by).changed
        : addClass(db, account.id, classId as number, by);
      if (changed) outcome.changed++;
      else outcome.unchanged++;
    }
    return outcome;
  })();
}

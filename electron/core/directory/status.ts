import type { SchoolDb } from '../db/open.ts';
import { stmt } from '../db/statements.ts';
import { forgetJournalValues, writeJournal, type Author } from './journal.ts';
import { requireAccount, requireLiveAccount } from './accounts.ts';
import { profileLabels } from '../../../shared/domain/profile.ts';
import type { Profile } from '../../../shared/domain/profile.ts';
import { recordedLocally, type EntTodoEffect, type StatusChange } from '../../../shared/domain/ent-todo.ts';
import { forgetClosedEntTodos, recordEntTodo } from '../ent-todo/store.ts';

const frenchDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** A pre-deleted account is purged for good this many days later (as the ENT consoles do). */
export const purgeAfterDays = 90;

/**
 * A block, pre-deletion or restoration sets the local flag (the distribution gate reads it: no
 * sheet for a blocked or pre-deleted account) and puts the action on the « à faire dans
 * l'ENT » list (StatusChange says which it did).
 */
const unchanged: StatusChange = { changed: false, entTodo: 'none' };

/** The journal says what is local, and what is left for the ENT console. */
function localSummary(done: string, effect: EntTodoEffect): string {
  if (effect === 'recorded') return `${done} — ${recordedLocally.replace('Enregistré dans Sésame — ', '')}`;
  if (effect === 'cancelled') return `${done} — l’action inverse n’avait pas encore été faite dans l’ENT : plus rien à y faire`;
  return `${done} (compte pas encore dans l’ENT : rien à y faire)`;
}

/** Blocks or unblocks in Sésame and records it for the ENT; unchanged when it already was. */
export function setBlocked(db: SchoolDb, id: number, blocked: boolean, by: Author): StatusChange {
  return db.transaction(() => {
    const account = requireLiveAccount(db, id);
    if ((account.blocked === 1) === blocked) return unchanged;
    stmt(db, 'UPDATE account SET blocked = ?, updated_at = ? WHERE id = ?').run(blocked ? 1 : 0, by.at.toISOString(), id);
    const entTodo = recordEntTodo(db, blocked ? 'block' : 'unblock', account, by);
    writeJournal(
      db,
      {
        action: blocked ? 'account.block' : 'account.unblock',
        accountId: id,
        summary: localSummary(blocked ? 'Compte bloqué dans Sésame' : 'Compte débloqué dans Sésame', entTodo),
        before: { blocked: !blocked },
        after: { blocked },
      },
      by.at,
      by.actor,
    );
    return { changed: true, entTodo };
  })();
}

/** Pre-deletes in Sésame (restorable for 90 days) and records it for the ENT; unchanged when it already was. */
export function preDelete(db: SchoolDb, id: number, by: Author): StatusChange {
  return db.transaction(() => {
    const account = requireAccount(db, id);
    if (account.pre_deleted_at !== null) return unchanged;
    stmt(db, 'UPDATE account SET pre_deleted_at = ?, updated_at = ? WHERE id = ?').run(by.at.toISOString(), by.at.toISOString(), id);
    const entTodo = recordEntTodo(db, 'preDelete', account, by);
    writeJournal(
      db,
      {
        action: 'account.preDelete',
        accountId: id,
        summary: localSummary(`Compte pré-supprimé dans Sésame (suppression définitive dans ${purgeAfterDays} jours)`, entTodo),
        before: { preDeletedAt: null },
        after: { preDeletedAt: by.at.toISOString() },
      },
      by.at,
      by.actor,
    );
    return { changed: true, entTodo };
  })();
}

export function restore(db: SchoolDb, id: number, by: Author): StatusChange {
  return db.transaction(() => {
    const account = requireAccount(db, id);
    if (account.pre_deleted_at === null) return unchanged;
    stmt(db, 'UPDATE account SET pre_deleted_at = NULL, updated_at = ? WHERE id = ?').run(by.at.toISOString(), id);
    const entTodo = recordEntTodo(db, 'restore', account, by);
    writeJournal(
      db,
      {
        action: 'account.restore',
        accountId: id,
        summary: localSummary('Compte restauré dans Sésame', entTodo),
        before: { preDeletedAt: account.pre_deleted_at },
        after: { preDeletedAt: null },
      },
      by.at,
      by.actor,
    );
    return { changed: true, entTodo };
  })();
}

/**
 * Deletes for good the accounts pre-deleted 90 days ago or more, with their links, codes, the
 * personal values their journal entries held and their closed « à faire dans l'ENT » items (an
 * open one stays: the ENT still holds the account). Run at start-up; journaled; returns how many.
 */
export function purgeExpired(db: SchoolDb, now: Date, actor = 'Sésame'): number {
  const limit = new Date(now.getTime() - purgeAfterDays * 86_400_000).toISOString();
  return db.transaction(() => {
    const expired = stmt<[string], { id: number; profile: Profile; pre_deleted_at: string }>(
      db,
      'SELECT id, profile, pre_deleted_at FROM account WHERE pre_deleted_at IS NOT NULL AND pre_deleted_at <= ? ORDER BY id',
    ).all(limit);
    for (const account of expired) {
      stmt(db, 'DELETE FROM account WHERE id = ?').run(account.id);
      forgetJournalValues(db, account.id);
      forgetClosedEntTodos(db, account.id);
      writeJournal(
        db,
        {
          action: 'account.purge',
          accountId: account.id,
          summary: `Compte ${profileLabels[account.profile]} supprimé définitivement, ${purgeAfterDays} jours après sa pré-suppression du ${frenchDate(account.pre_deleted_at)}`,
        },
        now,
        actor,
      );
    }
    return expired.length;
  })();
}

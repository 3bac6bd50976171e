import type { SchoolDb } from '../db/open.ts';
import { stmt } from '../db/statements.ts';
import { forgetJournalValues, writeJournal, type Author } from './journal.ts';
import { requireAccount, requireLiveAccount } from './accounts.ts';
import { profileLabels } from '../../../shared/domain/profile.ts';
import type { Profile } from '../../../shared/domain/profile.ts';

const frenchDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** A pre-deleted account is purged for good this many days later (as the ENT consoles do). */
export const purgeAfterDays = 90;

/** Blocks or unblocks; false when it already was. */
export function setBlocked(db: SchoolDb, id: number, blocked: boolean, by: Author): boolean {
  return db.transaction(() => {
    const account = requireLiveAccount(db, id);
    if ((account.blocked === 1) === blocked) return false;
    stmt(db, 'UPDATE account SET blocked = ?, updated_at = ? WHERE id = ?').run(blocked ? 1 : 0, by.at.toISOString(), id);
    writeJournal(
      db,
      { action: blocked ? 'account.block' : 'account.unblock', accountId: id, summary: blocked ? 'Compte bloqué' : 'Compte débloqué', before: { blocked: !blocked }, after: { blocked } },
      by.at,
      by.actor,
    );
    return true;
  })();
}

/** Pre-deletes (the account stays restorable for 90 days); false when it already was. */
export function preDelete(db: SchoolDb, id: number, by: Author): boolean {
  return db.transaction(() => {
    const account = requireAccount(db, id);
    if (account.pre_deleted_at !== null) return false;
    stmt(db, 'UPDATE account SET pre_deleted_at = ?, updated_at = ? WHERE id = ?').run(by.at.toISOString(), by.at.toISOString(), id);
    writeJournal(
      db,
      { action: 'account.preDelete', accountId: id, summary: `Compte pré-supprimé (suppression définitive dans ${purgeAfterDays} jours)`, before: { preDeletedAt: null }, after: { preDeletedAt: by.at.toISOString() } },
      by.at,
      by.actor,
    );
    return true;
  })();
}

export function restore(db: SchoolDb, id: number, by: Author): boolean {
  return db.transaction(() => {
    const account = requireAccount(db, id);
    if (account.pre_deleted_at === null) return false;
    stmt(db, 'UPDATE account SET pre_deleted_at = NULL, updated_at = ? WHERE id = ?').run(by.at.toISOString(), id);
    writeJournal(
      db,
      { action: 'account.restore', accountId: id, summary: 'Compte restauré', before: { preDeletedAt: account.pre_deleted_at }, after: { preDeletedAt: null } },
      by.at,
      by.actor,
    );
    return true;
  })();
}

/**
 * Deletes for good the accounts pre-deleted 90 days ago or more, with their links, codes and
 * the personal values their journal entries held. Run at start-up; journaled; returns how many.
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

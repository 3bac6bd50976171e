import type { SchoolDb } from '../db/open.ts';
import { stmt } from '../db/statements.ts';

// Distribution follow-up (MISSION §6): the director ticks the sheets handed out, per person or
// a whole class list at once, then filters « pas encore remises » to reprint them.

/**
 * Whether the hand-out row `h` of account `a` still counts: its sheet holds the account's
 * current code (or the account has been activated since); a new code calls for a new sheet.
 * See migration 004.
 */
export const stillHandedOut = '(a.activated = 1 OR h.activation_code IS a.activation_code)';

export interface HandOutChange {
  /** Accounts whose state actually changed. */
  changed: number;
}

/** Accounts among `ids` whose sheet does (yes) or does not (no) count as handed out. */
function countHandedOut(db: SchoolDb, ids: number[]): number {
  return (
    stmt<[string], number>(
      db,
      `SELECT count(*) FROM account a JOIN hand_out h ON h.account_id = a.id
       WHERE a.id IN (SELECT value FROM json_each(?)) AND ${stillHandedOut}`,
    )
      .pluck()
      .get(JSON.stringify(ids)) ?? 0
  );
}

/** Records the hand-out of the current sheet of each account (its code at this moment). Call inside a transaction. */
export function markHandedOut(db: SchoolDb, ids: number[], at: Date, actor: string): HandOutChange {
  const before = countHandedOut(db, ids);
  stmt(
    db,
    `INSERT INTO hand_out (account_id, handed_out_at, actor, activation_code)
     SELECT id, ?, ?, activation_code FROM account WHERE id IN (SELECT value FROM json_each(?))
     ON CONFLICT (account_id) DO UPDATE SET
       handed_out_at = excluded.handed_out_at, actor = excluded.actor, activation_code = excluded.activation_code`,
  ).run(at.toISOString(), actor, JSON.stringify(ids));
  return { changed: countHandedOut(db, ids) - before };
}

export function unmarkHandedOut(db: SchoolDb, ids: number[]): HandOutChange {
  const before = countHandedOut(db, ids);
  stmt(db, 'DELETE FROM hand_out WHERE account_id IN (SELECT value FROM json_each(?))').run(JSON.stringify(ids));
  return { changed: before };
}

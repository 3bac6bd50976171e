import type { SchoolDb } from '../db/open.ts';
import { stmt } from '../db/statements.ts';
import { UserError } from '../errors.ts';
import { leftOutTotal, nothingToHandOutMessage, type LeftOut } from '../../../shared/domain/distribution.ts';
import type { AccountFilter } from '../../../shared/domain/selection.ts';
import { selectionToSql } from './selection.ts';

/** Selected accounts split into those whose credentials may be handed out, and why the others are not. */
export interface Distribution {
  /** In the order given. */
  ids: number[];
  leftOut: LeftOut;
  /** The others, each with its reason. */
  excluded: Map<number, LeftOutReason>;
}

/** Why an account gets no credential sheet; null when it gets one. */
export type LeftOutReason = keyof LeftOut;

interface StatusRow {
  id: number;
  ent_status: string;
  blocked: number;
  pre_deleted_at: string | null;
}

export function leftOutReason(account: { entStatus: string; blocked: boolean; preDeleted: boolean }): LeftOutReason | null {
  if (account.entStatus !== 'known') return 'notInEnt';
  if (account.preDeleted) return 'preDeleted';
  if (account.blocked) return 'blocked';
  return null;
}

/**
 * The gate every credential leaves through (PDF, mail, Word workbook, ENT directory): only
 * accounts the ENT issued credentials for, neither blocked nor pre-deleted. Sésame never
 * hands out a code the ENT does not know.
 */
export function distributable(db: SchoolDb, ids: readonly number[]): Distribution {
  const leftOut: LeftOut = { notInEnt: 0, blocked: 0, preDeleted: 0 };
  const excluded = new Map<number, LeftOutReason>();
  const rows = stmt<[string], StatusRow>(
    db,
    `SELECT id, ent_status, blocked, pre_deleted_at FROM account
     WHERE id IN (SELECT value FROM json_each(?)) AND (ent_status <> 'known' OR blocked = 1 OR pre_deleted_at IS NOT NULL)`,
  ).all(JSON.stringify(ids));
  for (const row of rows) {
    const reason = leftOutReason({ entStatus: row.ent_status, blocked: row.blocked === 1, preDeleted: row.pre_deleted_at !== null });
    if (reason === null) continue;
    leftOut[reason]++;
    excluded.set(row.id, reason);
  }
  return { ids: excluded.size === 0 ? [...ids] : ids.filter((id) => !excluded.has(id)), leftOut, excluded };
}

/** {@link distributable}'s counts for a whole selection, in SQL: instant for a preview. */
export function countLeftOut(db: SchoolDb, filter: AccountFilter): LeftOut {
  const { where, params } = selectionToSql(filter, ['none', 'none']);
  const row = stmt<unknown[], { notInEnt: number | null; preDeleted: number | null; blocked: number | null }>(
    db,
    `SELECT sum(a.ent_status <> 'known') AS notInEnt,
            sum(a.ent_status = 'known' AND a.pre_deleted_at IS NOT NULL) AS preDeleted,
            sum(a.ent_status = 'known' AND a.pre_deleted_at IS NULL AND a.blocked = 1) AS blocked
     FROM account a WHERE ${where}`,
  ).get(...params);
  return { notInEnt: row?.notInEnt ?? 0, blocked: row?.blocked ?? 0, preDeleted: row?.preDeleted ?? 0 };
}

/** As {@link distributable}, refusing (nothing written) when no account is left. */
export function requireDistributable(db: SchoolDb, ids: readonly number[]): Distribution {
  const distribution = distributable(db, ids);
  if (distribution.ids.length === 0 && leftOutTotal(distribution.leftOut) > 0) {
    throw new UserError('invalid-argument', nothingToHandOutMessage(distribution.leftOut));
  }
  return distribution;
}

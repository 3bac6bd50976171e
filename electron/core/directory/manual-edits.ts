import type { SchoolDb } from '../db/open.ts';
import { stmt } from '../db/statements.ts';

/**
 * The `manual_edit.field` names: what the director typed on a sheet and an import must not
 * overwrite (the import shows a conflict instead). Column names where there is one.
 */
export const manualEditFields = ['email', 'phone', 'alias', 'local_admin', 'classes', 'guardians', 'children'] as const;
export type ManualEditField = (typeof manualEditFields)[number];

export function recordManualEdit(db: SchoolDb, accountId: number, field: ManualEditField, at: Date): void {
  stmt(
    db,
    `INSERT INTO manual_edit (account_id, field, edited_at) VALUES (?, ?, ?)
     ON CONFLICT (account_id, field) DO UPDATE SET edited_at = excluded.edited_at`,
  ).run(accountId, field, at.toISOString());
}

export function touchAccount(db: SchoolDb, accountId: number, at: Date): void {
  stmt(db, 'UPDATE account SET updated_at = ? WHERE id = ?').run(at.toISOString(), accountId);
}

import type { UndoResult } from '../../../shared/api/areas/imports.ts';
import type { SchoolDb } from '../db/open.ts';
import { stmt } from '../db/statements.ts';
import { writeJournal } from '../directory/journal.ts';
import { reopenEntTodosOfImport } from '../ent-todo/store.ts';
import { readSettingValue, writeSettingValue } from '../directory/settings.ts';
import { withSearchIndexInBulk } from '../directory/search-index.ts';
import { restoreDemoSchool, type DemoSnapshot } from '../school-file/demo-replacement.ts';

/**
 * The inverse change set of one import, stored with it (import_run.undo).
 *
 * Why not restore the tables from the pre-import backup: that backup may be rotated away,
 * and replacing whole tables would also wipe everything recorded since in tables that hang
 * off accounts (mailing state, hand-out marks, renewal codes…) through ON DELETE CASCADE.
 * The inverse set touches exactly what the import touched: it deletes the accounts and
 * classes it created, puts back the full previous row of every account it changed, and
 * reverses each membership and link it added or removed. The backup stays as a safety net.
 */
export interface UndoLog {
  /** updated_at written on every account the import created or changed. */
  stamp: string;
  createdAccounts: number[];
  /** Full rows (every column) as they were before the import. */
  updatedAccounts: Record<string, unknown>[];
  createdClasses: number[];
  updatedClasses: Record<string, unknown>[];
  classLinksAdded: [accountId: number, classId: number][];
  classLinksRemoved: [accountId: number, classId: number, headTeacher: 0 | 1][];
  headTeacherChanged: [accountId: number, classId: number, before: 0 | 1][];
  guardianLinksAdded: [guardianId: number, childId: number][];
  manualEditsRemoved: Record<string, unknown>[];
  /** School settings the import filled in (the UAI): stored values before (null: none) and after. Absent in older logs. */
  settingsChanged?: Record<string, { before: unknown; after: unknown }>;
  /** The demo school this import replaced, whole: undo brings it back. */
  replacedDemo?: DemoSnapshot;
}

export interface UndoableRun {
  id: number;
  at: string;
  backupPath: string | null;
  log: UndoLog;
}

/** The most recent import still in force, if any. */
export function lastUndoableRun(db: SchoolDb): UndoableRun | null {
  const row = stmt<[], { id: number; at: string; backup_path: string | null; undo: string }>(
    db,
    'SELECT id, at, backup_path, undo FROM import_run WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1',
  ).get();
  return row ? { id: row.id, at: row.at, backupPath: row.backup_path, log: JSON.parse(row.undo) as UndoLog } : null;
}

/**
 * Why undoing would lose the director's later work, or null. An account the import created or
 * changed that was modified since (its updated_at moved on) would be reverted silently.
 */
export function undoBlocker(db: SchoolDb, run: UndoableRun): string | null {
  const touched = [...run.log.createdAccounts, ...run.log.updatedAccounts.map((row) => row['id'] as number)];
  const modified = stmt<[string, string], number>(
    db,
    'SELECT count(*) FROM account WHERE id IN (SELECT value FROM json_each(?)) AND updated_at <> ?',
  )
    .pluck()
    .get(JSON.stringify(touched), run.log.stamp) as number;
  if (modified === 0) return null;
  const backup = run.backupPath ? ` Pour revenir malgré tout à l’état d’avant l’import, restaurez la sauvegarde « ${run.backupPath} ».` : '';
  return `${modified} compte${modified > 1 ? 's' : ''} importé${modified > 1 ? 's ont' : ' a'} été modifié${modified > 1 ? 's' : ''} depuis cet import : l’annuler effacerait ces modifications, il n’a donc pas été annulé.${backup}`;
}

function columnsOf(db: SchoolDb, table: 'account' | 'class'): Set<string> {
  return new Set(stmt<[], { name: string }>(db, `SELECT name FROM pragma_table_info('${table}')`).all().map((column) => column.name));
}

/** Puts full rows back by primary key; only columns the table really has are written. */
function restoreRows(db: SchoolDb, table: 'account' | 'class', rows: Record<string, unknown>[]): void {
  const known = columnsOf(db, table);
  for (const row of rows) {
    const columns = Object.keys(row).filter((column) => column !== 'id' && known.has(column));
    stmt(db, `UPDATE ${table} SET ${columns.map((column) => `${column} = @${column}`).join(', ')} WHERE id = @id`).run(
      Object.fromEntries([...columns, 'id'].map((column) => [column, row[column]])),
    );
  }
}

/** Reverses one import in a transaction. The caller checked undoBlocker and made a backup. */
export function undoImport(db: SchoolDb, run: UndoableRun, now: Date, actor: string): UndoResult {
  const { log } = run;
  return db
    .transaction(() => {
      const ids = (list: number[]) => JSON.stringify(list);
      for (const [guardianId, childId] of log.guardianLinksAdded) {
        stmt(db, 'DELETE FROM guardian_link WHERE guardian_id = ? AND child_id = ?').run(guardianId, childId);
      }
      for (const [accountId, classId] of log.classLinksAdded) {
        stmt(db, 'DELETE FROM account_class WHERE account_id = ? AND class_id = ?').run(accountId, classId);
      }
      for (const [accountId, classId, head] of log.headTeacherChanged) {
        stmt(db, 'UPDATE account_class SET head_teacher = ? WHERE account_id = ? AND class_id = ?').run(head, accountId, classId);
      }
      // The accounts deleted and restored here are all the accounts written: the search index follows in bulk.
      const changing = [...log.createdAccounts, ...log.updatedAccounts.map((row) => row['id'] as number)];
      const removed = withSearchIndexInBulk(db, changing, () => {
        const deleted = stmt(db, 'DELETE FROM account WHERE id IN (SELECT value FROM json_each(?))').run(ids(log.createdAccounts)).changes;
        // Logins may have swapped: park every restored account's unique names first.
        for (const row of log.updatedAccounts) {
          stmt(db, 'UPDATE account SET login = ?, alias = NULL, ent_id = NULL WHERE id = ?').run(`\u0001undo-${String(row['id'])}`, row['id']);
        }
        restoreRows(db, 'account', log.updatedAccounts);
        return deleted;
      });
      for (const [accountId, classId, head] of log.classLinksRemoved) {
        stmt(db, 'INSERT OR IGNORE INTO account_class (account_id, class_id, head_teacher) VALUES (?, ?, ?)').run(accountId, classId, head);
      }
      stmt(db, 'DELETE FROM class WHERE id IN (SELECT value FROM json_each(?))').run(ids(log.createdClasses));
      restoreRows(db, 'class', log.updatedClasses);
      for (const row of log.manualEditsRemoved) {
        stmt(db, 'INSERT OR IGNORE INTO manual_edit (account_id, field, edited_at) VALUES (@account_id, @field, @edited_at)').run(row);
      }
      // A setting the director changed since stays as they set it.
      for (const [key, { before, after }] of Object.entries(log.settingsChanged ?? {})) {
        if (JSON.stringify(readSettingValue(db, key)) !== JSON.stringify(after)) continue;
        if (before === null) stmt(db, 'DELETE FROM setting WHERE key = ?').run(key);
        else writeSettingValue(db, key, before);
      }
      if (log.replacedDemo) restoreDemoSchool(db, log.replacedDemo);
      // What its ENT export had shown done in the ENT is to do again.
      reopenEntTodosOfImport(db, run.id);
      stmt(db, 'UPDATE import_run SET undone_at = ? WHERE id = ?').run(now.toISOString(), run.id);
      writeJournal(
        db,
        { action: 'import.undo', summary: `Import du ${run.at.slice(0, 10)} annulé : ${removed} compte(s) supprimé(s), ${log.updatedAccounts.length} rétabli(s)`, after: { runId: run.id } },
        now,
        actor,
      );
      return { runId: run.id, removed, restored: log.updatedAccounts.length };
    })
    .immediate();
}

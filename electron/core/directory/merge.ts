import type { SchoolDb } from '../db/open.ts';
import { stmt } from '../db/statements.ts';
import { UserError } from '../errors.ts';
import { refreshDerivedColumns, requireLiveAccount, type AccountRow } from './accounts.ts';
import { writeJournal, type Author } from './journal.ts';
import { recordManualEdit } from './manual-edits.ts';
import { profileLabels } from '../../../shared/domain/profile.ts';
import type { EntTodoEffect } from '../../../shared/domain/ent-todo.ts';
import { cancelEntTodos, personOf, recordEntTodo } from '../ent-todo/store.ts';

export interface MergeOutcome {
  keptId: number;
  classes: number;
  guardians: number;
  children: number;
  /** « Fusionner le doublon » to do in the ENT, unless the duplicate never reached it. */
  entTodo: EntTodoEffect;
}

const nameOf = (account: AccountRow) => `${account.first_name} ${account.last_name}`;

function snapshot(db: SchoolDb, account: AccountRow) {
  const classes = stmt<[number], string>(
    db,
    'SELECT c.name FROM account_class ac JOIN class c ON c.id = ac.class_id WHERE ac.account_id = ? ORDER BY c.sort_name',
  ).pluck().all(account.id);
  return {
    id: account.id,
    profile: account.profile,
    name: nameOf(account),
    login: account.login,
    alias: account.alias,
    email: account.email,
    phone: account.phone,
    source: account.source,
    classes,
  };
}

/** The same person twice: same profile, or a guest account made before the official one arrived. */
function assertMergeable(keep: AccountRow, remove: AccountRow): void {
  if (keep.profile === remove.profile || remove.profile === 'guest') return;
  if (keep.profile === 'guest') {
    throw new UserError('invalid-argument', `Gardez le compte officiel (${profileLabels[remove.profile]}) et fusionnez-y le compte invité, pas l’inverse.`);
  }
  throw new UserError(
    'invalid-argument',
    `Un compte ${profileLabels[keep.profile]} et un compte ${profileLabels[remove.profile]} ne sont pas la même personne : seuls deux comptes du même profil, ou un invité avec un autre compte, se fusionnent.`,
  );
}

/**
 * Merges a duplicate into the account kept (e.g. guest → teacher): its classes and guardian
 * links move over, the kept account's empty e-mail, phone and alias are filled from it, then
 * the duplicate is deleted. Both accounts' journals record it. A duplicate the ENT holds stays
 * there until merged in the console: « Fusionner le doublon » goes on the list of things to do
 * in the ENT, and what was still to do to the duplicate itself (create, block…) is cancelled.
 */
export function mergeAccounts(db: SchoolDb, keepId: number, removeId: number, by: Author): MergeOutcome {
  if (keepId === removeId) throw new UserError('invalid-argument', 'Un compte ne peut pas être fusionné avec lui-même : choisissez le doublon à fusionner.');
  return db.transaction(() => {
    const keep = requireLiveAccount(db, keepId);
    const remove = requireLiveAccount(db, removeId);
    assertMergeable(keep, remove);
    const before = { kept: snapshot(db, keep), removed: snapshot(db, remove) };

    const classes = stmt(db, 'INSERT OR IGNORE INTO account_class (account_id, class_id, head_teacher) SELECT ?, class_id, head_teacher FROM account_class WHERE account_id = ?').run(keepId, removeId).changes;
    // A link between the two accounts themselves would become a self-link: it is dropped.
    const guardians = stmt(db, 'INSERT OR IGNORE INTO guardian_link (guardian_id, child_id) SELECT guardian_id, ? FROM guardian_link WHERE child_id = ? AND guardian_id <> ?').run(keepId, removeId, keepId).changes;
    const children = stmt(db, 'INSERT OR IGNORE INTO guardian_link (guardian_id, child_id) SELECT ?, child_id FROM guardian_link WHERE guardian_id = ? AND child_id <> ?').run(keepId, removeId, keepId).changes;
    stmt(db, 'INSERT OR IGNORE INTO teacher_class_year (school_year, account_id, class_name) SELECT school_year, ?, class_name FROM teacher_class_year WHERE account_id = ?').run(keepId, removeId);

    const filled = (['email', 'phone', 'alias'] as const).filter((field) => keep[field] === null && remove[field] !== null);
    cancelEntTodos(db, removeId, by);
    const entTodo = remove.ent_status === 'known' ? recordEntTodo(db, 'merge', keep, by, personOf(remove)) : 'none';
    stmt(db, 'DELETE FROM account WHERE id = ?').run(removeId);
    for (const field of filled) {
      stmt(db, `UPDATE account SET ${field} = ? WHERE id = ?`).run(remove[field], keepId);
      recordManualEdit(db, keepId, field, by.at);
    }
    if (remove.local_admin === 1) stmt(db, 'UPDATE account SET local_admin = 1 WHERE id = ?').run(keepId);
    if (classes > 0) recordManualEdit(db, keepId, 'classes', by.at);
    if (guardians > 0) recordManualEdit(db, keepId, 'guardians', by.at);
    if (children > 0) recordManualEdit(db, keepId, 'children', by.at);
    stmt(db, 'UPDATE account SET updated_at = ? WHERE id = ?').run(by.at.toISOString(), keepId);
    if (filled.includes('alias')) refreshDerivedColumns(db, keepId);

    const after = snapshot(db, requireLiveAccount(db, keepId));
    const inEnt = entTodo === 'recorded' ? ' dans Sésame — à faire dans l’ENT' : '';
    writeJournal(db, { action: 'account.merge', accountId: keepId, summary: `Doublon n° ${removeId} fusionné dans ce compte${inEnt}`, before, after }, by.at, by.actor);
    writeJournal(db, { action: 'account.mergedInto', accountId: removeId, summary: `Compte fusionné dans le compte n° ${keepId} puis supprimé de Sésame${inEnt}`, before: before.removed }, by.at, by.actor);
    return { keptId: keepId, classes, guardians, children, entTodo };
  })();
}

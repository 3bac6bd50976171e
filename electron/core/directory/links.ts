import type { SchoolDb } from '../db/open.ts';
import { stmt } from '../db/statements.ts';
import { UserError } from '../errors.ts';
import { requireLiveAccount, type AccountRow } from './accounts.ts';
import { attachToClass, linkGuardian } from './classes.ts';
import { writeJournal, type Author } from './journal.ts';
import { recordManualEdit, touchAccount } from './manual-edits.ts';

export function requireClass(db: SchoolDb, classId: number): { id: number; name: string } {
  const schoolClass = stmt<[number], { id: number; name: string }>(db, 'SELECT id, name FROM class WHERE id = ?').get(classId);
  if (!schoolClass) throw new UserError('not-found', 'Cette classe n’existe plus : rechargez la liste des classes. Rien n’a été modifié.');
  return schoolClass;
}

/** Parents follow their children's classes; they are never attached to one themselves. */
export function assertMayJoinClass(account: AccountRow): void {
  if (account.profile === 'relative') {
    throw new UserError(
      'invalid-argument',
      `${account.first_name} ${account.last_name} est un parent : un parent n’est pas rattaché à une classe, il apparaît dans celles de ses enfants.`,
    );
  }
}

const isInClass = (db: SchoolDb, accountId: number, classId: number) =>
  stmt<[number, number], number>(db, 'SELECT 1 FROM account_class WHERE account_id = ? AND class_id = ?').pluck().get(accountId, classId) === 1;

/** Attaches to a class (« Ajouter une classe »); false when already attached. */
export function addClass(db: SchoolDb, accountId: number, classId: number, by: Author): boolean {
  return db.transaction(() => {
    const account = requireLiveAccount(db, accountId);
    assertMayJoinClass(account);
    const schoolClass = requireClass(db, classId);
    if (isInClass(db, accountId, classId)) return false;
    attachToClass(db, accountId, classId);
    recordManualEdit(db, accountId, 'classes', by.at);
    touchAccount(db, accountId, by.at);
    writeJournal(db, { action: 'account.attachClass', accountId, summary: `Rattaché à la classe ${schoolClass.name}`, after: { class: schoolClass.name } }, by.at, by.actor);
    return true;
  })();
}

export function removeClass(db: SchoolDb, accountId: number, classId: number, by: Author): boolean {
  return db.transaction(() => {
    requireLiveAccount(db, accountId);
    const schoolClass = requireClass(db, classId);
    if (!isInClass(db, accountId, classId)) return false;
    stmt(db, 'DELETE FROM account_class WHERE account_id = ? AND class_id = ?').run(accountId, classId);
    recordManualEdit(db, accountId, 'classes', by.at);
    touchAccount(db, accountId, by.at);
    writeJournal(db, { action: 'account.detachClass', accountId, summary: `Détaché de la classe ${schoolClass.name}`, before: { class: schoolClass.name } }, by.at, by.actor);
    return true;
  })();
}

function assertGuardianLink(guardian: AccountRow, child: AccountRow): void {
  if (guardian.id === child.id) {
    throw new UserError('invalid-argument', `${child.first_name} ${child.last_name} ne peut pas être son propre responsable.`);
  }
  if (child.profile !== 'student') {
    throw new UserError('invalid-argument', `${child.first_name} ${child.last_name} n’est pas un élève : seuls les élèves ont des responsables.`);
  }
  if (guardian.profile !== 'relative') {
    throw new UserError(
      'invalid-argument',
      `${guardian.first_name} ${guardian.last_name} n’a pas un compte Parent : seul un compte Parent peut être responsable d’un élève.`,
    );
  }
}

const nameOf = (account: AccountRow) => `${account.first_name} ${account.last_name}`;

/** Links a guardian to a child (« Ajouter un responsable »); false when already linked. */
export function addGuardian(db: SchoolDb, guardianId: number, childId: number, by: Author): boolean {
  return db.transaction(() => {
    const guardian = requireLiveAccount(db, guardianId);
    const child = requireLiveAccount(db, childId);
    assertGuardianLink(guardian, child);
    const linked = stmt<[number, number], number>(db, 'SELECT 1 FROM guardian_link WHERE guardian_id = ? AND child_id = ?').pluck().get(guardianId, childId);
    if (linked) return false;
    linkGuardian(db, guardianId, childId);
    journalLink(db, guardian, child, 'link', by);
    return true;
  })();
}

export function removeGuardian(db: SchoolDb, guardianId: number, childId: number, by: Author): boolean {
  return db.transaction(() => {
    const guardian = requireLiveAccount(db, guardianId);
    const child = requireLiveAccount(db, childId);
    const removed = stmt(db, 'DELETE FROM guardian_link WHERE guardian_id = ? AND child_id = ?').run(guardianId, childId).changes > 0;
    if (removed) journalLink(db, guardian, child, 'unlink', by);
    return removed;
  })();
}

/** Both sheets changed: each gets its manual mark and its journal line. */
function journalLink(db: SchoolDb, guardian: AccountRow, child: AccountRow, kind: 'link' | 'unlink', by: Author): void {
  const linked = kind === 'link';
  const action = linked ? 'account.linkGuardian' : 'account.unlinkGuardian';
  const link = { guardian: nameOf(guardian), child: nameOf(child) };
  recordManualEdit(db, child.id, 'guardians', by.at);
  recordManualEdit(db, guardian.id, 'children', by.at);
  touchAccount(db, child.id, by.at);
  touchAccount(db, guardian.id, by.at);
  const values = linked ? { after: link } : { before: link };
  writeJournal(db, { action, accountId: child.id, summary: linked ? 'Responsable ajouté' : 'Responsable retiré', ...values }, by.at, by.actor);
  writeJournal(db, { action, accountId: guardian.id, summary: linked ? 'Enfant ajouté' : 'Enfant retiré', ...values }, by.at, by.actor);
}

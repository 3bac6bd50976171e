import type { SchoolDb } from '../db/open.ts';
import { stmt } from '../db/statements.ts';
import { UserError } from '../errors.ts';
import { refreshDerivedColumns, requireLiveAccount, type AccountRow } from './accounts.ts';
import { writeJournal, type Author } from './journal.ts';
import { recordManualEdit, type ManualEditField } from './manual-edits.ts';
import { checkAlias, checkEmail, checkPhone, type Checked } from '../../../shared/domain/contact.ts';

/** What the sheet lets the director type. An absent field is left as it is; '' clears it. */
export interface SheetEdits {
  email?: string | undefined;
  phone?: string | undefined;
  alias?: string | undefined;
  localAdmin?: boolean | undefined;
}

interface FieldChange {
  field: ManualEditField;
  column: 'email' | 'phone' | 'alias' | 'local_admin';
  label: string;
  before: string | boolean | null;
  after: string | boolean | null;
}

function checked(result: Checked): string | null {
  if (!result.ok) throw new UserError('invalid-argument', result.message);
  return result.value;
}

/** An alias must differ from every other account's login and alias (the ENT logs in with both). */
function assertAliasFree(db: SchoolDb, alias: string, accountId: number): void {
  const holder = stmt<[string, string, number], { first_name: string; last_name: string }>(
    db,
    'SELECT first_name, last_name FROM account WHERE (login = ? OR alias = ?) AND id <> ? LIMIT 1',
  ).get(alias, alias, accountId);
  if (holder) {
    throw new UserError('conflict', `L’identifiant « ${alias} » est déjà utilisé par ${holder.first_name} ${holder.last_name} (login ou alias) : choisissez-en un autre.`);
  }
}

/** Validates everything first, so that a refused field leaves every other field unchanged too. */
function plannedChanges(db: SchoolDb, account: AccountRow, edits: SheetEdits): FieldChange[] {
  const changes: FieldChange[] = [];
  if (edits.email !== undefined) {
    changes.push({ field: 'email', column: 'email', label: 'Courriel', before: account.email, after: checked(checkEmail(edits.email)) });
  }
  if (edits.phone !== undefined) {
    changes.push({ field: 'phone', column: 'phone', label: 'Téléphone', before: account.phone, after: checked(checkPhone(edits.phone)) });
  }
  if (edits.alias !== undefined) {
    const alias = checked(checkAlias(edits.alias));
    if (alias !== null) assertAliasFree(db, alias, account.id);
    changes.push({ field: 'alias', column: 'alias', label: 'Identifiant personnalisé (alias)', before: account.alias, after: alias });
  }
  if (edits.localAdmin !== undefined) {
    changes.push({ field: 'local_admin', column: 'local_admin', label: 'Fonction d’administrateur local', before: account.local_admin === 1, after: edits.localAdmin });
  }
  return changes.filter((change) => change.before !== change.after);
}

function summaryOf(change: FieldChange): string {
  if (change.column === 'local_admin') return change.after ? 'Droit d’administrateur local attribué' : 'Droit d’administrateur local retiré';
  if (change.after === null) return `${change.label} effacé`;
  return change.before === null ? `${change.label} ajouté` : `${change.label} modifié`;
}

/**
 * Saves what the director typed on the sheet: one journal entry per field, and each field
 * marked as edited by hand so that the next import keeps it. Returns the fields changed.
 */
export function editAccount(db: SchoolDb, id: number, edits: SheetEdits, by: Author): string[] {
  return db.transaction(() => {
    const account = requireLiveAccount(db, id);
    const changes = plannedChanges(db, account, edits);
    for (const change of changes) {
      const value = typeof change.after === 'boolean' ? Number(change.after) : change.after;
      stmt(db, `UPDATE account SET ${change.column} = ?, updated_at = ? WHERE id = ?`).run(value, by.at.toISOString(), id);
      recordManualEdit(db, id, change.field, by.at);
      writeJournal(
        db,
        { action: `account.${change.field}`, accountId: id, summary: summaryOf(change), before: { [change.field]: change.before }, after: { [change.field]: change.after } },
        by.at,
        by.actor,
      );
    }
    if (changes.some((change) => change.column === 'alias')) refreshDerivedColumns(db, id);
    return changes.map((change) => change.field);
  })();
}

import type { SchoolDb } from '../db/open.ts';
import { stmt } from '../db/statements.ts';
import { loadAccounts } from '../directory/list.ts';
import type { AccountListItem, PersonRef } from '../../../shared/domain/account.ts';

/** A list item plus the stored fields only exports need. */
export interface ExportAccount extends AccountListItem {
  /** ISO date (AAAA-MM-JJ) when known. */
  birthDate: string | null;
  /** The ENT's own `Id`, for accounts that came from an ENT export. */
  entId: string | null;
}

/** Accounts in the order of `ids` (the selection's sort), with their export-only fields. */
export function loadExportAccounts(db: SchoolDb, ids: number[]): ExportAccount[] {
  const extras = new Map(
    stmt<[string], { id: number; birth_date: string | null; ent_id: string | null }>(
      db,
      'SELECT id, birth_date, ent_id FROM account WHERE id IN (SELECT value FROM json_each(?))',
    )
      .all(JSON.stringify(ids))
      .map((row) => [row.id, row]),
  );
  return loadAccounts(db, ids).map((account) => {
    const extra = extras.get(account.id);
    return { ...account, birthDate: extra?.birth_date ?? null, entId: extra?.ent_id ?? null };
  });
}

/** « Emma MARTIN, Louis MARTIN »: how the ENT writes children and parents. */
export function peopleNames(people: readonly PersonRef[]): string {
  return people.map((person) => `${person.firstName} ${person.lastName}`).join(', ');
}

/** Distinct classes of the given children, in their order. */
export function childrenClasses(children: readonly PersonRef[]): string[] {
  return [...new Set(children.flatMap((child) => child.classes))];
}

/** AAAA-MM-JJ → JJ/MM/AAAA, the date format of French registries and ENT templates. */
export function frenchDate(isoDate: string | null): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate ?? '');
  return match ? `${match[3]}/${match[2]}/${match[1]}` : '';
}

import type { SchoolDb } from '../db/open.ts';
import { stmt } from '../db/statements.ts';
import { selectionToSql } from '../publipostage/selection.ts';
import type { Profile } from '../../../shared/domain/profile.ts';
import type { AccountFilter } from '../../../shared/domain/selection.ts';
import { frenchDate, type ExportAccount } from './export-accounts.ts';

/**
 * ENT Core CSV import templates (FORMATS.md §Files Sésame writes), one file per profile, for
 * accounts created in Sésame. The ENT maps headers by normalised name and reads a repeated
 * header as several values: a teacher's classes are repeated « Classes » columns, never a
 * comma-joined cell, and a guardian's children are repeated « élève » blocks.
 */
export const entImportProfiles = ['student', 'relative', 'teacher', 'personnel'] as const;
export type EntImportProfile = (typeof entImportProfiles)[number];

export interface EntImportTable {
  profile: EntImportProfile;
  header: string[];
  rows: string[][];
  /** Where the phone number is, so a plain `+33…` reaches the ENT unprefixed. */
  phoneColumn: number;
}

/**
 * Accounts the ENT does not know yet (pending), guests aside: the ENT console creates guests
 * itself, its CSV import has no template for them.
 */
export function isEntImportCandidate(account: ExportAccount): account is ExportAccount & { profile: EntImportProfile } {
  return account.entStatus === 'pending' && (entImportProfiles as readonly Profile[]).includes(account.profile);
}

/** {@link isEntImportCandidate} in SQL, per profile, for the preview's counts. */
export function countEntImportCandidates(db: SchoolDb, filter: AccountFilter): Map<EntImportProfile, number> {
  const { where, params } = selectionToSql(filter, ['none', 'none']);
  const rows = stmt<unknown[], { profile: EntImportProfile; n: number }>(
    db,
    `SELECT a.profile, count(*) AS n FROM account a
     WHERE (${where}) AND a.ent_status = 'pending' AND a.profile IN (${entImportProfiles.map(() => '?').join(', ')})
     GROUP BY a.profile`,
  ).all(...params, ...entImportProfiles);
  return new Map(rows.map((row) => [row.profile, row.n]));
}

const repeat = <T>(count: number, make: () => T[]): T[] => Array.from({ length: count }, make).flat();

function classColumns(accounts: readonly ExportAccount[]): number {
  return Math.max(1, ...accounts.map((account) => account.classes.length));
}

function withClasses(cells: string[], classes: readonly string[], columns: number): string[] {
  return [...cells, ...Array.from({ length: columns }, (_, index) => classes[index] ?? '')];
}

function studentTable(accounts: readonly ExportAccount[]): EntImportTable {
  const columns = classColumns(accounts);
  return {
    profile: 'student',
    header: ['Prénom', 'Nom', 'Date de naissance', ...repeat(columns, () => ['Classes'])],
    rows: accounts.map((a) => withClasses([a.firstName, a.lastName, frenchDate(a.birthDate)], a.classes, columns)),
    phoneColumn: -1,
  };
}

/** The ENT links a guardian to a pupil by surname, first name and class: the child's first class. */
function relativeTable(accounts: readonly ExportAccount[]): EntImportTable {
  const blocks = Math.max(3, ...accounts.map((account) => account.children.length));
  return {
    profile: 'relative',
    header: [
      'Nom', 'Prénom', 'Adresse', 'Code postal', 'Ville', 'Pays', 'Courriel', 'Téléphone',
      ...repeat(blocks, () => ["Nom de l'élève", "Prénom de l'élève", "Classes de l'élève"]),
    ],
    rows: accounts.map((a) => [
      a.lastName, a.firstName, '', '', '', '', a.email ?? '', a.phone ?? '',
      ...Array.from({ length: blocks }, (_, index) => {
        const child = a.children[index];
        return child ? [child.lastName, child.firstName, child.classes[0] ?? ''] : ['', '', ''];
      }).flat(),
    ]),
    phoneColumn: 7,
  };
}

function staffTable(profile: 'teacher' | 'personnel', accounts: readonly ExportAccount[]): EntImportTable {
  const columns = classColumns(accounts);
  return {
    profile,
    header: ['Nom', 'Prénom', 'Date de naissance', 'Courriel', 'Téléphone', ...repeat(columns, () => ['Classes'])],
    rows: accounts.map((a) => withClasses([a.lastName, a.firstName, frenchDate(a.birthDate), a.email ?? '', a.phone ?? ''], a.classes, columns)),
    phoneColumn: 4,
  };
}

/** One table per profile present among the candidates, in the order the ENT imports them. */
export function entImportTables(accounts: readonly ExportAccount[]): EntImportTable[] {
  const candidates = accounts.filter(isEntImportCandidate);
  const of = (profile: EntImportProfile) => candidates.filter((account) => account.profile === profile);
  const tables = [studentTable(of('student')), relativeTable(of('relative')), staffTable('teacher', of('teacher')), staffTable('personnel', of('personnel'))];
  return tables.filter((table) => table.rows.length > 0);
}

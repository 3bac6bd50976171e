import type { Profile } from '../../../../shared/domain/profile.ts';
import { normaliseHeader } from '../headers.ts';
import type { ReaderIssue } from '../records.ts';

/** Names as people read them: trimmed, inner runs of spaces collapsed. */
export function cleanName(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** `undefined` for an empty cell, so that it never erases what is stored. */
export function optional(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function splitList(value: string): string[] {
  if (value === '') return [];
  return value
    .split(',')
    .map((item) => cleanName(item))
    .filter(Boolean);
}

function validDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** `JJ/MM/AAAA` (also `AAAA-MM-JJ`, older files) → `AAAA-MM-JJ`; null when unreadable. */
export function isoDate(value: string): string | null {
  const text = value.trim();
  const french = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(text);
  const [year, month, day] = french
    ? [Number(french[3]), Number(french[2]), Number(french[1])]
    : iso
      ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
      : [0, 0, 0];
  if (!validDate(year, month, day)) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A birth date cell: undefined when empty, reported (and left out) when unreadable. `where` starts the message. */
export function birthDateOf(value: string, line: number, errors: ReaderIssue[], where = ''): string | undefined {
  if (value.trim() === '') return undefined;
  const date = isoDate(value);
  if (date === null) errors.push({ line, message: `${where}Date de naissance illisible « ${value.trim()} » : elle n’est pas importée (le reste de la ligne l’est).` });
  return date ?? undefined;
}

const profileNames: Record<string, Profile> = {
  eleve: 'student',
  eleves: 'student',
  student: 'student',
  parent: 'relative',
  parents: 'relative',
  responsable: 'relative',
  responsablelegal: 'relative',
  relative: 'relative',
  enseignant: 'teacher',
  enseignants: 'teacher',
  professeur: 'teacher',
  teacher: 'teacher',
  personnel: 'personnel',
  personnels: 'personnel',
  personnelnonenseignant: 'personnel',
  invite: 'guest',
  invites: 'guest',
  guest: 'guest',
};

/** « Élève », « Parent », « Enseignant », « Personnel », « Invité » (and the ENT's English names). */
export function profileFromType(value: string): Profile | null {
  return profileNames[normaliseHeader(value)] ?? null;
}

export const unknownTypeMessage = (value: string) =>
  `Profil inconnu « ${value} » (attendu : Élève, Parent, Enseignant, Personnel ou Invité) : ligne ignorée.`;

export const missingNameMessage = 'Nom ou prénom absent : ligne ignorée.';

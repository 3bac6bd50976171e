export const profiles = ['student', 'relative', 'teacher', 'personnel', 'guest'] as const;
export type Profile = (typeof profiles)[number];

/** Labels used by the ENT consoles. */
export const profileLabels: Record<Profile, string> = {
  student: 'Élève',
  relative: 'Parent',
  teacher: 'Enseignant',
  personnel: 'Personnel',
  guest: 'Invité',
};

/** The same, for a group of accounts: « Parents : 80 / 420 ». */
export const profilePluralLabels: Record<Profile, string> = {
  student: 'Élèves',
  relative: 'Parents',
  teacher: 'Enseignants',
  personnel: 'Personnels',
  guest: 'Invités',
};

/** Publipostage order when sorting by profile (pupils first, as the consoles do). */
export const profileRank: Record<Profile, number> = {
  student: 0,
  relative: 1,
  teacher: 2,
  personnel: 3,
  guest: 4,
};

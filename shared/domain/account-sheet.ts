import type { AccountSource, EntStatus } from './account.ts';
import type { Profile } from './profile.ts';

/** A class as the sheet shows it: « Classe(s) », with the head-teacher mark. */
export interface SheetClass {
  id: number;
  name: string;
  headTeacher: boolean;
}

/** A guardian or a child on the sheet (« Responsables / Enfants »), clickable to their sheet. */
export interface SheetPerson {
  id: number;
  profile: Profile;
  lastName: string;
  firstName: string;
  login: string;
  classes: string[];
}

/** The user sheet (fiche): every field of MISSION.md §3, as the ENT consoles group them. */
export interface AccountSheet {
  id: number;
  profile: Profile;
  lastName: string;
  firstName: string;
  birthDate: string | null;
  // Connexion et infos ENT
  login: string;
  alias: string | null;
  /** Null once activated (the ENT empties it). */
  activationCode: string | null;
  activated: boolean;
  /** 'pending': not in the ENT yet, so no code, and a login the ENT will probably give. */
  entStatus: EntStatus;
  /** The ENT's own identifier (« Identifiant »). */
  entId: string | null;
  externalId: string | null;
  ine: string | null;
  source: AccountSource;
  createdAt: string;
  updatedAt: string;
  localAdmin: boolean;
  /** The last password-renewal letter produced (the code itself is never kept), or null. */
  renewal: { at: string; actor: string; delivery: 'pdf' | 'mail'; to: string | null } | null;
  // Informations
  email: string | null;
  phone: string | null;
  // Status banners
  blocked: boolean;
  preDeletedAt: string | null;
  /** Whole days since pre-deletion (« pré-supprimé depuis N jours »). */
  preDeletedDays: number | null;
  /** When the purge will remove the account for good. */
  purgeAt: string | null;
  // Classes, links, groups
  classes: SheetClass[];
  guardians: SheetPerson[];
  children: SheetPerson[];
  /** The ENT's automatic groups this account belongs to (« Élèves du CP A »…). */
  groups: string[];
  /** Fields typed here that an import will not overwrite (« modifié à la main »). */
  manualEdits: string[];
}

/** What the list's « actions sur la sélection » can do to many accounts at once. */
export const bulkActions = ['block', 'unblock', 'preDelete', 'restore', 'attachClass'] as const;
export type BulkAction = (typeof bulkActions)[number];

export interface BulkOutcome {
  changed: number;
  /** Already in that state. */
  unchanged: number;
  /** Not applicable: a parent for a class, a pre-deleted account for blocking. */
  skipped: number;
}

/** The rentrée screen: teachers × classes. */
export interface TeacherClassMatrix {
  /** The school year in progress, by the year it starts (2026 for 2026-2027). */
  schoolYear: number;
  teachers: { id: number; lastName: string; firstName: string; login: string; classIds: number[] }[];
  classes: { id: number; name: string; level: string | null }[];
  /** Last year's links that « Copier l'année précédente » would add, if any were remembered. */
  lastYear: { schoolYear: number; links: number } | null;
}

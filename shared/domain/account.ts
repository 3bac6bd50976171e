import type { Profile } from './profile.ts';

export const accountSources = ['ENT', 'SIECLE', 'ONDE', 'STS', 'MANUEL', 'DEMO', 'CSV'] as const;
export type AccountSource = (typeof accountSources)[number];

/** Where an account was first read, as a director says it (the stored codes stay for the CLI and files). */
export const sourceLabels: Record<AccountSource, string> = {
  ENT: 'Export de l’ENT',
  SIECLE: 'SIECLE',
  ONDE: 'ONDE',
  STS: 'STS-Web',
  MANUEL: 'Saisi à la main',
  DEMO: 'Démonstration',
  CSV: 'Tableau CSV ou Excel',
};

/**
 * Where an account's login and activation come from: 'known', an ENT export named it (the ENT
 * issued its credentials); 'pending', not in the ENT yet (ONDE, SIECLE, STS, a table without
 * codes, typed by hand): no code, and its login is only the one the ENT will probably give.
 */
export const entStatuses = ['known', 'pending'] as const;
export type EntStatus = (typeof entStatuses)[number];

export interface PersonRef {
  id: number;
  firstName: string;
  lastName: string;
  /** Class names of that person (a child's classes, for a guardian sheet). */
  classes: string[];
}

/** One account as the list, the CLI and the publipostage see it. */
export interface AccountListItem {
  id: number;
  profile: Profile;
  lastName: string;
  firstName: string;
  login: string;
  alias: string | null;
  /** Null once the account is activated (the ENT empties it), and while it is not in the ENT. */
  activationCode: string | null;
  activated: boolean;
  entStatus: EntStatus;
  email: string | null;
  phone: string | null;
  classes: string[];
  children: PersonRef[];
  guardians: PersonRef[];
  localAdmin: boolean;
  blocked: boolean;
  preDeleted: boolean;
  source: AccountSource;
  externalId: string | null;
  /** ISO 8601 timestamp. */
  createdAt: string;
}

export interface ClassSummary {
  id: number;
  name: string;
  level: string | null;
  externalCode: string | null;
  students: number;
  teachers: number;
}

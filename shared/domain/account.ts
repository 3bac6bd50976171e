import type { Profile } from './profile.ts';

export const accountSources = ['ENT', 'SIECLE', 'ONDE', 'STS', 'MANUEL', 'DEMO', 'CSV'] as const;
export type AccountSource = (typeof accountSources)[number];

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
  /** Null once the account is activated (the ENT empties it). */
  activationCode: string | null;
  activated: boolean;
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

import type { Profile } from '../../shared/domain/profile.ts';
import type { SchoolSettings } from '../../shared/domain/settings.ts';
import { takenLogins } from '../core/directory/accounts.ts';
import { generateCode } from '../core/directory/codes.ts';
import { uniqueLogin } from '../core/directory/logins.ts';
import { writeSettings } from '../core/directory/settings.ts';
import { givenSchool, type TestSchool } from './given-school.ts';
import { testNow } from './school.ts';

/**
 * givenSchool with what connection sheets need: the school's ENT settings, and people added in
 * one line each (« a parent of Emma, already activated »), with real logins and random codes.
 */
export interface PersonSpec {
  first: string;
  last: string;
  profile?: Profile;
  activated?: boolean;
  /** Class names, created on first use. */
  classes?: string[];
  /** Ids of the children of a guardian. */
  children?: number[];
  /** The ENT's login when it is not the usual prenom.nom: an alias, a long name with its suffix. */
  login?: string;
}

export interface BuiltSchool extends TestSchool {
  add(person: PersonSpec): number;
  /** The login and code of an account as stored. */
  account(id: number): { login: string; code: string | null };
}

export const builtSchoolSettings: SchoolSettings = {
  schoolName: 'École élémentaire Jules Ferry',
  uai: '0610999X',
  city: 'Nice',
  entName: 'ONE',
  entUrl: 'https://ent.ecole.example',
  signature: 'La directrice, Mme Claire Rivière',
  logo: '',
};

export async function buildSchool(settings: Partial<SchoolSettings> = {}): Promise<BuiltSchool> {
  const school = await givenSchool(testNow);
  writeSettings(school.db, { ...builtSchoolSettings, ...settings });
  const classes = new Map<string, number>();
  const taken = takenLogins(school.db);
  return {
    ...school,
    add(person) {
      const login = person.login ?? uniqueLogin(person.first, person.last, (candidate) => taken.has(candidate));
      taken.add(login);
      const id = school.addAccount({
        profile: person.profile ?? 'student',
        firstName: person.first,
        lastName: person.last,
        login,
        // The ENT's credentials, as an ENT export would have brought them.
        activationCode: person.activated ? null : generateCode(),
        entStatus: 'known',
        source: 'MANUEL',
        createdAt: testNow.toISOString(),
      });
      for (const name of person.classes ?? []) {
        let classId = classes.get(name);
        if (classId === undefined) {
          classId = school.addClass(name);
          classes.set(name, classId);
        }
        school.attach(id, classId);
      }
      for (const child of person.children ?? []) school.link(id, child);
      return id;
    },
    account(id) {
      return school.db.prepare('SELECT login, activation_code AS code FROM account WHERE id = ?').get(id) as { login: string; code: string | null };
    },
  };
}

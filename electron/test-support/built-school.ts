import { createClient, type ApiClient } from '../../shared/api/client.ts';
import type { Profile } from '../../shared/domain/profile.ts';
import type { SchoolSettings } from '../../shared/domain/settings.ts';
import { createContext, type CoreContext } from '../api/context.ts';
import { inProcessTransport } from '../api/in-process.ts';
import { openSchoolFile, type SchoolDb } from '../core/db/open.ts';
import { insertAccount, takenLogins } from '../core/directory/accounts.ts';
import { attachToClass, insertClass, linkGuardian } from '../core/directory/classes.ts';
import { generateCode } from '../core/directory/codes.ts';
import { uniqueLogin } from '../core/directory/logins.ts';
import { writeSettings } from '../core/directory/settings.ts';
import { testNow } from './school.ts';

/** A school built person by person for a test: « given a school where… ». */
export interface PersonSpec {
  first: string;
  last: string;
  profile?: Profile;
  activated?: boolean;
  classes?: string[];
  /** Ids of the children of a guardian. */
  children?: number[];
  email?: string;
  login?: string;
}

export interface BuiltSchool {
  db: SchoolDb;
  context: CoreContext;
  api: ApiClient;
  add(person: PersonSpec): number;
  /** The login and code of an account as stored. */
  account(id: number): { login: string; code: string | null };
}

export const testSettings: SchoolSettings = {
  schoolName: 'École élémentaire Jules Ferry',
  uai: '0610999X',
  city: 'Nice',
  entName: 'ONE',
  entUrl: 'https://ent.ecole.example',
  signature: 'La directrice, Mme Hélène Garnier',
  logo: '',
};

/**
 * An in-memory school built person by person (the PDF tests' fixture, kept apart from
 * school.ts's demo-based testSchool: both branches added a test-support/school.ts).
 */
export async function builtSchool(settings: Partial<SchoolSettings> = {}): Promise<BuiltSchool> {
  const db = await openSchoolFile(':memory:');
  writeSettings(db, { ...testSettings, ...settings });
  const context = createContext(db, ':memory:', { now: () => testNow, actor: 'test' });
  const classes = new Map<string, number>();
  const taken = takenLogins(db);
  return {
    db,
    context,
    api: createClient(inProcessTransport(context)),
    add(person) {
      const login = person.login ?? uniqueLogin(person.first, person.last, (candidate) => taken.has(candidate));
      taken.add(login);
      const id = insertAccount(db, {
        profile: person.profile ?? 'student',
        firstName: person.first,
        lastName: person.last,
        login,
        activationCode: person.activated ? null : generateCode(),
        email: person.email ?? null,
        source: 'MANUEL',
        createdAt: testNow.toISOString(),
      });
      for (const name of person.classes ?? []) {
        let classId = classes.get(name);
        if (classId === undefined) {
          classId = insertClass(db, { name });
          classes.set(name, classId);
        }
        attachToClass(db, id, classId);
      }
      for (const child of person.children ?? []) linkGuardian(db, id, child);
      return id;
    },
    account(id) {
      const row = db.prepare('SELECT login, activation_code AS code FROM account WHERE id = ?').get(id) as { login: string; code: string | null };
      return row;
    },
  };
}

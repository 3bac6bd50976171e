import { openSchoolFile, type SchoolDb } from '../core/db/open.ts';
import { insertAccount, type NewAccount } from '../core/directory/accounts.ts';
import { attachToClass, insertClass, linkGuardian } from '../core/directory/classes.ts';
import { writeSettings } from '../core/directory/settings.ts';
import { createClient, type ApiClient } from '../../shared/api/client.ts';
import type { SchoolSettings } from '../../shared/domain/settings.ts';
import { createContext, type CoreContext } from '../api/context.ts';
import { inProcessTransport } from '../api/in-process.ts';
import { testNow } from './school.ts';

/** A small school whose people exercise every export rule: formula-like names, +33 phones, guardians of two, a teacher of two classes, accounts from the ENT and from elsewhere. */
export const fixtureSettings: SchoolSettings = {
  schoolName: 'École Jules-Ferry',
  uai: '0761234A',
  city: 'Rouen',
  entName: 'NEO',
  entUrl: 'https://neo.exemple.fr',
  signature: 'Le directeur, M. Paul Leroy',
  logo: '',
};

export interface FixtureSchool {
  db: SchoolDb;
  ids: Record<string, number>;
  context: CoreContext;
  /** The API over the in-process transport, with the clock at {@link testNow}. */
  api: ApiClient;
}

export async function fixtureSchool(): Promise<FixtureSchool> {
  const db = await openSchoolFile(':memory:');
  const ids: Record<string, number> = {};
  const createdAt = '2025-09-01T08:00:00.000Z';
  // Every account here has had its credentials from the ENT (a matched ENT export), whatever its source.
  const add = (key: string, account: Omit<NewAccount, 'createdAt'>) => {
    ids[key] = insertAccount(db, { entStatus: 'known', ...account, createdAt });
    return ids[key] as number;
  };
  db.transaction(() => {
    writeSettings(db, fixtureSettings);
    const cp = insertClass(db, { name: 'CP', level: 'CP' });
    const cm1 = insertClass(db, { name: 'CM1', level: 'CM1' });
    const cm2 = insertClass(db, { name: 'CM2', level: 'CM2' });

    // A name a spreadsheet would run as a formula if it were written carelessly.
    attachToClass(db, add('formula', { profile: 'student', lastName: '=HYPERLINK("x")', firstName: 'Zoé', login: 'zoe.hyperlinkx', activationCode: 'hw45fh3d', source: 'ONDE', birthDate: '2015-03-04' }), cm1);
    attachToClass(db, add('ophelie', { profile: 'student', lastName: 'DUPONT', firstName: 'Ophélie', login: 'ophelie.dupont', activationCode: null, source: 'ENT', entId: 'E1001' }), cp);
    attachToClass(db, add('leo', { profile: 'student', lastName: 'DUPONT', firstName: 'Léo', login: 'leo.dupont', activationCode: 'g9dg5zhb', source: 'ONDE', birthDate: '2014-06-30' }), cm2);
    attachToClass(db, add('jeanmarc', { profile: 'student', lastName: "N'DIAYE", firstName: 'Jean-Marc', login: 'jeanmarc.ndiaye', activationCode: 'e53asz8y', source: 'SIECLE', externalId: '4100240', birthDate: '2014-12-01' }), cm2);

    const amelie = add('amelie', { profile: 'relative', lastName: 'DUPONT', firstName: 'Amélie', login: 'amelie.dupont', activationCode: 'r4kpphfr', source: 'ONDE', email: 'amelie.dupont@exemple.fr', phone: '0612345678' });
    linkGuardian(db, amelie, ids['ophelie'] as number);
    linkGuardian(db, amelie, ids['leo'] as number);
    const karim = add('karim', { profile: 'relative', lastName: "N'DIAYE", firstName: 'Karim', login: 'karim.ndiaye', activationCode: null, source: 'SIECLE', phone: '+33 6 12 34 56 78' });
    linkGuardian(db, karim, ids['jeanmarc'] as number);

    const claire = add('claire', { profile: 'teacher', lastName: 'MARTIN', firstName: 'Claire', login: 'claire.martin', alias: 'cmartin', activationCode: 'v6r7sxx4', source: 'STS', email: 'claire.martin@ac-rouen.fr', localAdmin: true });
    attachToClass(db, claire, cm1);
    attachToClass(db, claire, cm2);
    add('nadia', { profile: 'personnel', lastName: 'BENSAÏD', firstName: 'Nadia', login: 'nadia.bensaid', activationCode: 'z8c4hdzk', source: 'MANUEL', phone: '@SUM(A1)' });
    add('guest', { profile: 'guest', lastName: 'INVITÉ', firstName: 'Paul', login: 'paul.invite', activationCode: 'epp9zbdy', source: 'MANUEL' });
  })();
  const context = createContext(db, ':memory:', { now: () => testNow, actor: 'directeur' });
  return { db, ids, context, api: createClient(inProcessTransport(context)) };
}

/**
 * The registry's and the hand-made accounts of the fixture taken back out of the ENT (guests
 * aside): no code, as when only ONDE, SIECLE and STS-Web have been imported yet.
 */
export function markRegistryAccountsPending(db: SchoolDb): void {
  db.exec("UPDATE account SET ent_status = 'pending', activation_code = NULL, activated = 0 WHERE source <> 'ENT' AND profile <> 'guest'");
}

/** RFC 4180 with `;`, enough to read back what the exports write. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ';') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += char;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

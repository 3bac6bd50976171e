import { profileGroup, type PersonRecord, type ProfileGroup } from './records.ts';
import { refuse } from './refusal.ts';

/**
 * An export never holds the same person twice: a repeated identifier means a damaged or
 * hand-assembled file, and importing half of it would be worse than refusing it.
 */
export function refuseDuplicateIds(records: readonly PersonRecord[]): void {
  // Line of the first record with each key, one map per kind of key (external ids per profile group).
  const entIds = new Map<string, number>();
  const externalIds: Record<ProfileGroup, Map<string, number>> = { student: new Map(), relative: new Map(), staff: new Map(), guest: new Map() };
  const ines = new Map<string, number>();
  const logins = new Map<string, number>();
  const check = (seen: Map<string, number>, key: string, label: string, value: string, line: number) => {
    const first = seen.get(key);
    if (first !== undefined) {
      refuse(
        `Identifiant en double dans le fichier : ${label} « ${value} » aux lignes ${first} et ${line}. ` +
          'Un export ne contient jamais deux fois la même personne : le fichier est refusé, exportez-le de nouveau.',
      );
    }
    seen.set(key, line);
  };
  for (const { entId, externalId, ine, login, profile, line } of records) {
    if (entId) check(entIds, entId, 'Id', entId, line);
    if (externalId) check(externalIds[profileGroup(profile)], externalId, 'identifiant', externalId, line);
    if (ine) check(ines, ine.toUpperCase(), 'INE', ine, line);
    if (login) check(logins, login.toLowerCase(), 'login', login, line);
  }
}

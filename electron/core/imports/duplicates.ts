import { profileGroup, type PersonRecord } from './records.ts';
import { refuse } from './refusal.ts';

/**
 * An export never holds the same person twice: a repeated identifier means a damaged or
 * hand-assembled file, and importing half of it would be worse than refusing it.
 */
export function refuseDuplicateIds(records: readonly PersonRecord[]): void {
  const seen = new Map<string, number>();
  for (const record of records) {
    const keys: [label: string, value: string, key: string][] = [];
    if (record.entId) keys.push(['Id', record.entId, `e:${record.entId}`]);
    if (record.externalId) keys.push(['identifiant', record.externalId, `x:${profileGroup(record.profile)}:${record.externalId}`]);
    if (record.ine) keys.push(['INE', record.ine, `i:${record.ine.toUpperCase()}`]);
    if (record.login) keys.push(['login', record.login, `l:${record.login.toLowerCase()}`]);
    for (const [label, value, key] of keys) {
      const first = seen.get(key);
      if (first !== undefined) {
        refuse(
          `Identifiant en double dans le fichier : ${label} « ${value} » aux lignes ${first} et ${record.line}. ` +
            'Un export ne contient jamais deux fois la même personne : le fichier est refusé, exportez-le de nouveau.',
        );
      }
      seen.set(key, record.line);
    }
  }
}

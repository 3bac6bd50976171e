import { loginBase } from '../../directory/logins.ts';
import type { Person, World } from './world.ts';

/**
 * Final logins, once every record is merged: logins and aliases must stay unique against
 * each other (FORMATS.md §Logins). A login or alias a file brings that another account
 * already holds is not applied (reported) — unless that other account is not in the ENT yet:
 * its login was only provisional, so it gives way to the ENT's and gets another. Then every
 * account without a login gets a provisional one, `prenom.nom` then `prenom.nom2`…: the
 * login the ENT will probably give, never printed as a credential (the ENT may well suffix
 * it otherwise, its collisions running across every school it serves).
 *
 * Returns the accounts outside `touched` whose provisional login gave way: they change too.
 */
export function settleLogins(world: World, touched: readonly Person[], report: (person: Person, message: string) => void): Person[] {
  const holder = new Map<string, Person>();
  // Only people the import touched change; the others keep the values they were loaded with.
  const changes = (person: Person) => person.values.login !== person.before?.login || person.values.alias !== person.before?.alias;
  const changed = touched.filter(changes);
  const claim = (name: string | null, person: Person) => {
    if (name === null) return true;
    const other = holder.get(name);
    if (other && other !== person) return false;
    holder.set(name, person);
    return true;
  };
  const displaced: Person[] = [];
  const yieldsTo = (other: Person, person: Person) => person.values.entStatus === 'known' && other.values.entStatus === 'pending';
  // What stays as it is holds its names first.
  for (const person of world.persons) {
    if (changes(person)) continue;
    claim(person.values.login, person);
    claim(person.values.alias, person);
  }
  for (const person of changed) {
    const { values } = person;
    const other = values.login === null ? undefined : holder.get(values.login);
    if (other && other !== person && yieldsTo(other, person)) {
      other.values.login = null;
      displaced.push(other);
      holder.set(values.login as string, person);
    } else if (!claim(values.login, person)) {
      const taken = other as Person;
      report(person, `Le login « ${values.login} » est déjà celui de ${taken.values.lastName} ${taken.values.firstName} : ${person.before ? 'login non modifié' : 'un autre login est prévu'}.`);
      values.login = person.before?.login ?? null;
      claim(values.login, person);
    }
    if (!claim(values.alias, person)) {
      report(person, `L’alias « ${values.alias} » est déjà utilisé par un autre compte : alias non modifié.`);
      values.alias = person.before?.alias ?? null;
      claim(values.alias, person);
    }
  }
  // Where the search for each base's free suffix stopped: names only get taken, so the next
  // MARTIN starts there instead of trying martin2…martinN again (quadratic on common names).
  const searched = new Map<string, number>();
  const part = (text: string) => world.key(text);
  for (const person of [...touched, ...displaced]) {
    if (person.values.login !== null) continue;
    const base = loginBase(person.values.firstName, person.values.lastName, part);
    let login = base;
    if (holder.has(base)) {
      // base2, base3…: after the suffix this base last got.
      let suffix = (searched.get(base) ?? 1) + 1;
      while (holder.has(`${base}${suffix}`)) suffix++;
      login = `${base}${suffix}`;
      searched.set(base, suffix);
    }
    person.values.login = login;
    holder.set(login, person);
  }
  const inImport = new Set(touched);
  return displaced.filter((person) => !inImport.has(person));
}

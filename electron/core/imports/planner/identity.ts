import { profileLabels } from '../../../../shared/domain/profile.ts';
import { profileGroup, type PersonRecord } from '../records.ts';
import type { Person, World } from './world.ts';

export type Identity = { person: Person } | { error: string } | null;

const differs = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && a.toUpperCase() !== b.toUpperCase();

function sharesClass(world: World, person: Person, record: PersonRecord): boolean {
  const wanted = new Set((record.classes ?? []).map((ref) => world.key(ref.name)));
  return world.classNames(person).some((name) => wanted.has(world.key(name)));
}

/** Pupils: a namesake is the same pupil unless birth date (or, lacking it, class) says otherwise. */
function samePupil(world: World, person: Person, record: PersonRecord): boolean {
  if (record.birthDate && person.values.birthDate) return record.birthDate === person.values.birthDate;
  if (record.classes?.length && person.classes.size > 0) return sharesClass(world, person, record);
  return true;
}

/**
 * Guardians: two namesakes are one person only with evidence — children in common (found
 * for sure, then possibly), the same e-mail or phone — or when neither has any child.
 */
function guardianEvidence(person: Person, record: PersonRecord, children: ChildEvidence): number {
  let score = 0;
  for (const child of person.children) {
    if (children.sure.has(child)) score += 100;
    else if (children.possible.has(child)) score += 10;
  }
  if (record.email && record.email === person.values.email) score += 1;
  if (record.phone && record.phone === person.values.phone) score += 1;
  if (score === 0 && children.possible.size === 0 && person.children.size === 0) score = 1;
  return score;
}

export interface ChildEvidence {
  /** Children the record names that are known for sure. */
  sure: ReadonlySet<string>;
  /** Every pupil the record might mean. */
  possible: ReadonlySet<string>;
}

function byEvidence(record: PersonRecord, candidates: Person[], score: (person: Person) => number): Identity {
  if (candidates.length === 0) return null;
  const scored = candidates.map((person) => ({ person, score: score(person) })).filter((entry) => entry.score > 0);
  const best = Math.max(0, ...scored.map((entry) => entry.score));
  const top = scored.filter((entry) => entry.score === best);
  if (top.length === 1) return { person: (top[0] as { person: Person }).person };
  if (top.length > 1) {
    return { error: `Plusieurs comptes existants s’appellent ${record.lastName} ${record.firstName} : impossible de savoir lequel mettre à jour, ligne ignorée.` };
  }
  return null;
}

/** The first stable key of the record that names a known person, in FORMATS.md's order. */
function byStableKey(world: World, record: PersonRecord): { person: Person; key: () => string } | null {
  const { entId, externalId, ine, login } = record;
  let person: Person | undefined;
  if (entId && (person = world.byEntId(entId))) return { person, key: () => `Id ${entId}` };
  if (externalId && (person = world.byExternalId(record.profile, externalId))) return { person, key: () => `identifiant ${externalId}` };
  if (ine && (person = world.byIne(ine))) return { person, key: () => `INE ${ine}` };
  if (login && (person = world.byLogin(login))) return { person, key: () => `login ${login}` };
  return null;
}

/**
 * Which account a record is, by the stable keys of FORMATS.md in order — ENT Id, SIECLE/STS
 * id, INE, login — then by name with the evidence each profile offers (birth date or class
 * for pupils, children or contact details for guardians). Null: a new person.
 */
export function identify(world: World, record: PersonRecord, file: number, children: ChildEvidence): Identity {
  const keyed = byStableKey(world, record);
  if (keyed) {
    const { person } = keyed;
    if (profileGroup(person.values.profile) !== profileGroup(record.profile)) {
      return { error: `Le ${keyed.key()} est déjà celui d’un compte ${profileLabels[person.values.profile]} (${person.values.lastName} ${person.values.firstName}) : ligne ignorée.` };
    }
    const claimed = person.claimedBy[file];
    if (claimed !== undefined) return { error: `Cette ligne désigne le même compte que la ligne ${claimed} : ligne ignorée.` };
    return { person };
  }

  const namesakes = world.namesakes(record.profile, record.lastName, record.firstName);
  if (namesakes.length === 0) return null;
  const candidates = namesakes.filter(
    (person) =>
      person.claimedBy[file] === undefined &&
      !differs(record.entId, person.values.entId) &&
      !differs(record.externalId, person.values.externalId) &&
      !differs(record.ine, person.values.ine),
  );
  const group = profileGroup(record.profile);
  const found =
    group === 'relative'
      ? byEvidence(record, candidates, (person) => guardianEvidence(person, record, children))
      : byEvidence(record, candidates, (person) => (group === 'student' && !samePupil(world, person, record) ? 0 : 1));
  if (found) return found;

  // ONDE: two rows with the same name are one person when their children and address agree.
  if (record.address && children.sure.size > 0) {
    const household = namesakes.find(
      (person) =>
        person.claimedBy[file] !== undefined &&
        person.address === record.address &&
        person.children.size === children.sure.size &&
        [...children.sure].every((child) => person.children.has(child)),
    );
    if (household) return { person: household };
  }
  return null;
}

import type { Ambiguity, PersonSummary } from '../../../../shared/api/areas/imports.ts';
import type { ChildRef, PersonRecord } from '../records.ts';
import type { ChildEvidence } from './identity.ts';
import { noRefs, type Person, type World } from './world.ts';

function push(map: Map<string, Person[]>, key: string, person: Person): void {
  const list = map.get(key);
  if (list) list.push(person);
  else map.set(key, [person]);
}

/** Pupils by name, built once every pupil of the import is known (guardians come after). */
export class PupilIndex {
  readonly #byFirstLast = new Map<string, Person[]>();
  readonly #byFullName = new Map<string, Person[]>();
  readonly #byLastName = new Map<string, Person[]>();
  readonly #world: World;

  constructor(world: World) {
    this.#world = world;
    for (const person of world.persons) {
      if (person.values.profile !== 'student' || person.left) continue;
      const first = world.key(person.values.firstName);
      const last = world.key(person.values.lastName);
      push(this.#byFirstLast, `${first}|${last}`, person);
      push(this.#byFullName, first + last, person);
      push(this.#byLastName, last, person);
    }
  }

  inClass(person: Person, className: string | null): boolean {
    if (className === null) return true;
    const key = (text: string) => this.#world.key(text);
    const wanted = className.split(',').map(key);
    return this.#world.classNames(person).some((name) => wanted.includes(key(name)));
  }

  /** Exact matches; only when there are none, looser candidates for the director to pick from. */
  find(child: ChildRef): { exact: Person[]; loose: Person[] } {
    const key = (text: string) => this.#world.key(text);
    if (child.by === 'name') {
      const first = key(child.firstName);
      const lastNames = [...new Set(child.lastNames.map(key))];
      const named = [...new Set(lastNames.flatMap((last) => this.#byFirstLast.get(`${first}|${last}`) ?? []))];
      const exact = named.filter((person) => this.inClass(person, child.className));
      if (exact.length > 0) return { exact, loose: [] };
      const sameClass = lastNames.flatMap((last) => this.#byLastName.get(last) ?? []).filter((person) => this.inClass(person, child.className));
      return { exact, loose: [...new Set([...named, ...sameClass])] };
    }
    if (child.by === 'full-name') {
      const exact = this.#byFullName.get(key(child.fullName)) ?? [];
      if (exact.length > 0) return { exact, loose: [] };
      const words = child.fullName.split(/\s+/).map(key).filter((word) => word.length > 1);
      const loose = words.flatMap((word) => this.#byLastName.get(word) ?? []);
      return { exact, loose: [...new Set(loose)].slice(0, 30) };
    }
    return { exact: [], loose: [] };
  }
}

export function summarise(world: World, person: Person): PersonSummary {
  return {
    ref: person.ref,
    profile: person.values.profile,
    lastName: person.values.lastName,
    firstName: person.values.firstName,
    classes: world.classNames(person),
    birthDate: person.values.birthDate,
  };
}

function childLabel(child: ChildRef): string {
  if (child.by === 'name') return `${child.lastNames[0] ?? ''} ${child.firstName}`.trim();
  if (child.by === 'full-name') return child.fullName;
  return child.externalId;
}

/** A child named by a guardian record that is not exactly one pupil. */
export interface PendingChild {
  id: string;
  child: ChildRef;
  kind: Ambiguity['kind'];
  candidates: Person[];
  /** The director's choice, if any: a pupil's ref, or null to skip. */
  choice: string | null | undefined;
}

export interface ChildResolution {
  children: Set<string>;
  pending: PendingChild[];
}

/**
 * The children a guardian record names, as pupils of the world. SIECLE gives ids (a pupil who
 * left or is unknown is simply not linked); ONDE and ENT give names, and what is not exactly
 * one pupil stays pending until `settlePending` — Sésame never guesses.
 */
export function resolveChildren(world: World, pupils: PupilIndex, record: PersonRecord, file: number, choices: ReadonlyMap<string, string | null>): ChildResolution {
  const resolution: ChildResolution = { children: new Set(), pending: [] };
  (record.children ?? []).forEach((child, index) => {
    if (child.by === 'external-id') {
      const pupil = world.byExternalId('student', child.externalId);
      if (pupil && pupil.values.profile === 'student' && !pupil.left && !pupil.values.blocked) resolution.children.add(pupil.ref);
      return;
    }
    const { exact, loose } = pupils.find(child);
    if (exact.length === 1) {
      resolution.children.add((exact[0] as Person).ref);
      return;
    }
    const id = `${file}:${record.line}:${index}`;
    const candidates = exact.length > 1 ? exact : loose;
    const chosen = choices.has(id) ? (choices.get(id) ?? null) : undefined;
    // Only a pupil offered for this child can be chosen; anything else links no one.
    const valid = typeof chosen === 'string' && !candidates.some((candidate) => candidate.ref === chosen) ? null : chosen;
    resolution.pending.push({ id, child, kind: exact.length > 1 ? 'ambiguous' : 'not-found', candidates, choice: valid });
  });
  return resolution;
}

/** What the record says about children: evidence for recognising the guardian, not links. */
export function childEvidence(resolution: ChildResolution): ChildEvidence {
  if (resolution.pending.length === 0) return { sure: resolution.children, possible: noRefs };
  return {
    sure: resolution.children,
    possible: new Set(resolution.pending.flatMap((pending) => pending.candidates.map((candidate) => candidate.ref))),
  };
}

/**
 * Pending children once the guardian is known: the director's choice wins; else a link the
 * school file already has to exactly one candidate settles it (re-imports stay quiet); what
 * remains is an ambiguity for the director, skipped until answered.
 */
export function settlePending(
  world: World,
  guardian: Person,
  record: PersonRecord,
  resolution: ChildResolution,
  fileName: string,
  ambiguities: Ambiguity[],
): void {
  if (resolution.pending.length === 0) return;
  const addAmbiguity = (pending: PendingChild) => {
    const choice = pending.choice ?? null;
    if (choice !== null) resolution.children.add(choice);
    ambiguities.push({
      id: pending.id,
      file: fileName,
      line: record.line,
      guardian: { lastName: record.lastName, firstName: record.firstName },
      child: { label: childLabel(pending.child), className: pending.child.by === 'name' ? pending.child.className : null },
      kind: pending.kind,
      candidates: pending.candidates.map((person) => summarise(world, person)),
      choice,
    });
  };
  // Pending children naming the same pupils (twins « Louise DURAND, Louise DURAND ») are settled together.
  const groups = new Map<string, PendingChild[]>();
  for (const pending of resolution.pending) {
    const key = pending.candidates.map((candidate) => candidate.ref).sort().join(' ');
    groups.set(key, [...(groups.get(key) ?? []), pending]);
  }
  for (const group of groups.values()) {
    const linked = (group[0] as PendingChild).candidates.filter((candidate) => guardian.childrenBefore.has(candidate.ref));
    const unanswered = group.every((pending) => pending.choice === undefined);
    if (unanswered && linked.length > 0 && linked.length === group.length) {
      for (const candidate of linked) resolution.children.add(candidate.ref);
      continue;
    }
    for (const pending of group) addAmbiguity(pending);
  }
}

import type { ChangeKind, FieldChange, ImportCounts, PlannedChange } from '../../../../shared/api/areas/imports.ts';
import { importFieldLabels, type ImportField } from '../../../../shared/domain/imports.ts';
import { displayValue } from './merge.ts';
import type { Plan } from './plan.ts';
import type { AccountValues, Person, SchoolClass, World } from './world.ts';

const scalarFields: ImportField[] = [
  'profile', 'lastName', 'firstName', 'birthDate', 'login', 'alias', 'activation', 'email', 'phone', 'entId', 'externalId', 'ine', 'localAdmin', 'blocked',
];

function classList(world: World, classes: ReadonlyMap<string, boolean>): string {
  return [...classes]
    .map(([ref, head]) => {
      const name = world.classByRef.get(ref)?.values.name ?? '';
      return head ? `${name} (professeur principal)` : name;
    })
    .sort((a, b) => a.localeCompare(b, 'fr', { numeric: true }))
    .join(', ');
}

function personName(world: World, ref: string): string {
  const person = world.byRef.get(ref);
  return person ? `${person.values.firstName} ${person.values.lastName}` : '';
}

/** Field by field: before and after, as the preview shows them. */
export function personChanges(world: World, person: Person): FieldChange[] {
  const changes: FieldChange[] = [];
  const add = (field: ImportField, before: string, after: string) => {
    if (before !== after) changes.push({ field, label: importFieldLabels[field], before, after });
  };
  const before: AccountValues | null = person.before;
  if (before) {
    for (const field of scalarFields) add(field, displayValue(field, before), displayValue(field, person.values));
    add('classes', classList(world, person.classesBefore), classList(world, person.classes));
  } else {
    // A new account: its row shows name, profile, login and classes; the details worth reading here.
    add('activation', '', displayValue('activation', person.values));
    add('email', '', displayValue('email', person.values));
    if (person.classes.size > 0 && [...person.classes.values()].some(Boolean)) add('classes', '', classList(world, person.classes));
  }
  const added = [...person.children].filter((ref) => !person.childrenBefore.has(ref)).map((ref) => personName(world, ref));
  if (added.length > 0) {
    const kept = [...person.childrenBefore].map((ref) => personName(world, ref));
    add('children', kept.join(', '), [...kept, ...added].join(', '));
  }
  return changes;
}

/**
 * What an import does to each person it meets, as the preview counts and filters it: the kind
 * of every person, and the field changes of the accounts it modifies. The preview's rows are
 * made only for the page the director looks at (`plannedChange`): a first import meets tens
 * of thousands of people, all of them new.
 */
export interface PlanSummary {
  /** The kind of each person of plan.touched, in the same order. */
  kinds: ChangeKind[];
  /** Field by field, what the import changes in the accounts it modifies. */
  updates: Map<Person, FieldChange[]>;
  counts: Record<ChangeKind, number>;
}

export function summarise(plan: Plan): PlanSummary {
  const summary: PlanSummary = { kinds: [], updates: new Map(), counts: { create: 0, update: 0, unchanged: 0 } };
  for (const person of plan.touched) {
    let kind: ChangeKind = 'create';
    if (person.before) {
      const changes = personChanges(plan.world, person);
      if (changes.length > 0) summary.updates.set(person, changes);
      kind = changes.length > 0 ? 'update' : 'unchanged';
    }
    summary.kinds.push(kind);
    summary.counts[kind]++;
  }
  return summary;
}

/** The preview row of the `index`th person of plan.touched. */
export function plannedChange(plan: Plan, summary: PlanSummary, index: number): PlannedChange {
  const person = plan.touched[index] as Person;
  const kind = summary.kinds[index] as ChangeKind;
  const origin = person.origin;
  return {
    ref: person.ref,
    kind,
    profile: person.values.profile,
    lastName: person.values.lastName,
    firstName: person.values.firstName,
    login: person.values.login ?? '',
    classes: plan.world.classNames(person),
    file: origin ? (plan.files[origin.file]?.name ?? '') : '',
    line: origin?.line ?? 0,
    changes: kind === 'create' ? personChanges(plan.world, person) : (summary.updates.get(person) ?? []),
  };
}

/** Every preview row of a plan, in the order people were met. */
export function plannedChanges(plan: Plan, summary: PlanSummary = summarise(plan)): PlannedChange[] {
  return plan.touched.map((_person, index) => plannedChange(plan, summary, index));
}

// A plan does not change once made (deciding something makes a new one): its new classes,
// asked for again and again (preview, counts, apply), are worked out once.
const newClassesOf = new WeakMap<Plan, SchoolClass[]>();

/** Classes the import creates: only those someone ends up in. */
export function newClasses(plan: Plan): SchoolClass[] {
  let found = newClassesOf.get(plan);
  if (!found) {
    const used = new Set<string>();
    for (const person of plan.touched) for (const ref of person.classes.keys()) used.add(ref);
    found = plan.world.classes.filter((schoolClass) => schoolClass.id === null && used.has(schoolClass.ref));
    newClassesOf.set(plan, found);
  }
  return found;
}

export function changedClasses(plan: Plan): SchoolClass[] {
  return plan.world.classes.filter(
    (schoolClass) =>
      schoolClass.before !== null &&
      (schoolClass.before.level !== schoolClass.values.level || schoolClass.before.externalCode !== schoolClass.values.externalCode),
  );
}

/** Who joins the ENT with this import, and who still is not in it once it is written. */
function entCounts(plan: Plan): { joinedEnt: number; notInEnt: number } {
  let joinedEnt = 0;
  let notInEnt = 0;
  for (const person of plan.touched) if (person.before?.entStatus === 'pending' && person.values.entStatus === 'known') joinedEnt++;
  for (const person of plan.world.persons) if (person.values.entStatus === 'pending') notInEnt++;
  return { joinedEnt, notInEnt };
}

export function countPlan(plan: Plan, summary: PlanSummary): ImportCounts {
  const kinds = summary.counts;
  return {
    created: kinds.create,
    updated: kinds.update,
    unchanged: kinds.unchanged,
    ignored: plan.ignored.length,
    errors: plan.errors.length,
    conflicts: plan.conflicts.length,
    ambiguities: plan.ambiguities.length,
    classesCreated: newClasses(plan).length,
    ...entCounts(plan),
  };
}

/** What the director saw: apply refuses when planning again gives something else. */
export function planFingerprint(plan: Plan, summary: PlanSummary): string {
  return JSON.stringify([
    countPlan(plan, summary),
    changedClasses(plan).length,
    plan.touched.map((person, index) => `${person.ref}:${summary.kinds[index]}:${summary.updates.get(person)?.length ?? 0}`).join(' '),
    plan.conflicts.map((conflict) => `${conflict.id}:${conflict.keep}`),
    plan.ambiguities.map((ambiguity) => `${ambiguity.id}:${ambiguity.choice}`),
  ]);
}

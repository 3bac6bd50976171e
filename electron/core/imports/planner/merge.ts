import type { Conflict } from '../../../../shared/api/areas/imports.ts';
import { importFieldLabels, type ImportField } from '../../../../shared/domain/imports.ts';
import { profileLabels } from '../../../../shared/domain/profile.ts';
import type { PersonRecord } from '../records.ts';
import type { AccountValues, Person, World } from './world.ts';

/** The manual_edit column each import field answers to (the account column's name). */
export const fieldColumns: Record<ImportField, string> = {
  profile: 'profile',
  lastName: 'last_name',
  firstName: 'first_name',
  birthDate: 'birth_date',
  login: 'login',
  alias: 'alias',
  activation: 'activation_code',
  email: 'email',
  phone: 'phone',
  entId: 'ent_id',
  externalId: 'external_id',
  ine: 'ine',
  localAdmin: 'local_admin',
  blocked: 'blocked',
  classes: 'classes',
  children: 'children',
};

type ScalarField = Exclude<ImportField, 'activation' | 'classes' | 'children'>;

export function displayValue(field: ImportField, values: AccountValues, classNames: string[] = []): string {
  switch (field) {
    case 'activation':
      if (values.entStatus === 'pending') return 'pas encore dans l’ENT';
      return values.activated ? 'activé' : (values.activationCode ?? '');
    case 'profile':
      return profileLabels[values.profile];
    case 'localAdmin':
    case 'blocked':
      return values[field] ? 'oui' : 'non';
    case 'classes':
      return classNames.join(', ');
    case 'children':
      return '';
    default:
      return values[field] ?? '';
  }
}

export interface MergeContext {
  world: World;
  decisions: ReadonlyMap<string, 'current' | 'incoming'>;
  conflicts: Conflict[];
  /** Hand-edited fields the director chose to overwrite: their manual_edit rows go. */
  overridden: { person: Person; column: string }[];
  fileName: string;
}

/**
 * Whether the import may change `field` of `person`: always, unless the director typed that
 * field by hand — then it is a conflict, kept as typed until the director says otherwise.
 */
function mayChange(context: MergeContext, person: Person, record: PersonRecord, field: ImportField, shown: () => [current: string, incoming: string]): boolean {
  const column = fieldColumns[field];
  if (!person.before || !person.manual.has(column)) return true;
  const [current, incoming] = shown();
  const id = `${person.ref}:${field}`;
  const keep = context.decisions.get(id) ?? 'current';
  const conflict: Conflict = {
    id,
    file: context.fileName,
    line: record.line,
    lastName: person.values.lastName,
    firstName: person.values.firstName,
    field,
    label: importFieldLabels[field],
    current,
    incoming,
    keep,
  };
  const existing = context.conflicts.findIndex((candidate) => candidate.id === id);
  if (existing === -1) context.conflicts.push(conflict);
  else context.conflicts[existing] = conflict;
  if (keep === 'incoming' && !context.overridden.some((entry) => entry.person === person && entry.column === column)) {
    context.overridden.push({ person, column });
  }
  return keep === 'incoming';
}

// Fields the world indexes people by: changing them moves the person in its indexes.
const indexed = new Set<ImportField>(['profile', 'lastName', 'firstName', 'entId', 'externalId', 'ine', 'login']);

function assign<F extends ScalarField>(context: MergeContext, person: Person, record: PersonRecord, field: F, incoming: AccountValues[F] | undefined): void {
  if (incoming === undefined || person.values[field] === incoming) return;
  const shown = (): [string, string] => [displayValue(field, person.values), displayValue(field, { ...person.values, [field]: incoming })];
  if (!mayChange(context, person, record, field, shown)) return;
  if (!indexed.has(field)) person.values[field] = incoming;
  else {
    context.world.update(person, () => {
      person.values[field] = incoming;
    });
  }
}

/**
 * Folds one record into a person. A field the file leaves empty never erases a stored value;
 * the ENT's activation code is the exception, as an empty one means "activated".
 */
export function mergeRecord(context: MergeContext, person: Person, record: PersonRecord, classes: Map<string, boolean | undefined> | null): void {
  const { values } = person;
  if (values.profile !== record.profile) assign(context, person, record, 'profile', record.profile);
  assign(context, person, record, 'lastName', record.lastName);
  assign(context, person, record, 'firstName', record.firstName);
  assign(context, person, record, 'birthDate', record.birthDate);
  assign(context, person, record, 'entId', record.entId);
  assign(context, person, record, 'externalId', record.externalId);
  assign(context, person, record, 'ine', record.ine);
  // A file with the ENT's activation codes is an ENT export: from now on the login is the ENT's.
  if (record.activationCode !== undefined && values.entStatus !== 'known') {
    context.world.update(person, () => {
      values.entStatus = 'known';
    });
  }
  assign(context, person, record, 'login', record.login);
  assign(context, person, record, 'alias', record.alias);
  assign(context, person, record, 'email', record.email);
  assign(context, person, record, 'phone', record.phone);
  assign(context, person, record, 'localAdmin', record.localAdmin);
  if (record.activationCode !== undefined) {
    person.codeFromFile = true;
    const activated = record.activationCode === null;
    if (values.activationCode !== record.activationCode || values.activated !== activated) {
      const next = { ...values, activationCode: record.activationCode, activated };
      if (mayChange(context, person, record, 'activation', () => [displayValue('activation', values), displayValue('activation', next)])) {
        values.activationCode = record.activationCode;
        values.activated = activated;
      }
    }
  }
  if (classes) assignClasses(context, person, record, classes);
}

function assignClasses(context: MergeContext, person: Person, record: PersonRecord, incoming: Map<string, boolean | undefined>): void {
  const next = new Map<string, boolean>();
  for (const [ref, head] of incoming) next.set(ref, head ?? person.classes.get(ref) ?? false);
  const same = next.size === person.classes.size && [...next].every(([ref, head]) => person.classes.get(ref) === head);
  if (same) return;
  const names = (map: Map<string, boolean>) => [...map.keys()].map((ref) => context.world.classByRef.get(ref)?.values.name ?? '').join(', ');
  if (!mayChange(context, person, record, 'classes', () => [names(person.classes), names(next)])) return;
  person.classes = next;
}

/** A SIECLE leaver known to the school file: blocked, never deleted. */
export function blockLeaver(context: MergeContext, person: Person, record: PersonRecord): void {
  assign(context, person, record, 'blocked', true);
}

import type { SchoolDb } from '../../db/open.ts';
import { stmt } from '../../db/statements.ts';
import type { AccountRow } from '../../directory/accounts.ts';
import type { AccountSource, EntStatus } from '../../../../shared/domain/account.ts';
import type { Profile } from '../../../../shared/domain/profile.ts';
import { loginPart } from '../../../../shared/domain/text.ts';
import { profileGroup, type ProfileGroup } from '../records.ts';

/** The account fields an import manages, as the planner reasons about them. */
export interface AccountValues {
  profile: Profile;
  lastName: string;
  firstName: string;
  birthDate: string | null;
  /**
   * Null only for a new account whose login is worked out at the end of planning: for an
   * account not in the ENT yet, the login the ENT will probably give (« identifiant prévu »).
   */
  login: string | null;
  alias: string | null;
  activationCode: string | null;
  activated: boolean;
  email: string | null;
  phone: string | null;
  entId: string | null;
  externalId: string | null;
  ine: string | null;
  localAdmin: boolean;
  blocked: boolean;
  /** 'known' once an ENT export named the account: then only are its login and code the ENT's. */
  entStatus: EntStatus;
}

/** Where a person was first met in the files: what the preview and the errors cite. */
export interface Origin {
  file: number;
  line: number;
}

export interface Person {
  /** `a<id>` for an account of the school file, `n<file>:<line>` for one the import creates. */
  ref: string;
  row: AccountRow | null;
  before: AccountValues | null;
  values: AccountValues;
  source: AccountSource;
  classesBefore: ReadonlyMap<string, boolean>;
  /** Class ref → head teacher. */
  classes: Map<string, boolean>;
  childrenBefore: ReadonlySet<string>;
  children: Set<string>;
  /** Columns the director edited by hand (manual_edit). */
  manual: ReadonlySet<string>;
  origin: Origin | null;
  /** By file index, the line of the record that matched this person (once per file; holes elsewhere). */
  claimedBy: number[];
  /** A SIECLE pupil who left, met in this import: no account for their guardians. */
  left: boolean;
  /** This import read the account's activation (and so its credentials) from an ENT file. */
  codeFromFile: boolean;
  /** ONDE guardians: tells two namesakes apart within one file. */
  address: string | null;
}

export interface ClassValues {
  name: string;
  level: string | null;
  externalCode: string | null;
}

export interface SchoolClass {
  /** `c<id>` for a class of the school file, `cn:<name key>` for a new one. */
  ref: string;
  id: number | null;
  before: ClassValues | null;
  values: ClassValues;
  /** Levels met in this import (ONDE « Niveau », SIECLE MEF labels). */
  levels: Set<string>;
}

export interface ClassRow {
  id: number;
  name: string;
  level: string | null;
  external_code: string | null;
  sort_name: string;
}

/** Accent-, case-, space- and punctuation-free: « Jean-Baptiste » and « JEAN BAPTISTE » meet. */
export const noClasses: ReadonlyMap<string, boolean> = new Map();
export const noRefs: ReadonlySet<string> = new Set();

export function nameKey(text: string): string {
  return loginPart(text);
}

export function valuesOf(row: AccountRow): AccountValues {
  return {
    profile: row.profile,
    lastName: row.last_name,
    firstName: row.first_name,
    birthDate: row.birth_date,
    login: row.login,
    alias: row.alias,
    activationCode: row.activation_code,
    activated: row.activated === 1,
    email: row.email,
    phone: row.phone,
    entId: row.ent_id,
    externalId: row.external_id,
    ine: row.ine,
    localAdmin: row.local_admin === 1,
    blocked: row.blocked === 1,
    entStatus: row.ent_status,
  };
}

/**
 * A login identifies an account only when it is the ENT's own: a provisional login
 * (`prenom.nom2`…) depends on the order people were met, so it proves nothing about who is
 * who — the ENT's « emma.martin » may well be another Emma Martin than ours. Within one
 * import, a login a file brings for a new account does tell two records of it apart.
 */
function hasEntLogin(person: Person, values: AccountValues): boolean {
  return values.entStatus === 'known' || person.before === null;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Everyone and every class of the school file plus what the import adds, with the indexes
 * identity matching needs. Built once per plan; nothing here writes.
 */
export class World {
  readonly persons: Person[] = [];
  readonly byRef = new Map<string, Person>();
  readonly classes: SchoolClass[] = [];
  readonly classByRef = new Map<string, SchoolClass>();
  // Stable keys: external ids live in one namespace per profile group.
  readonly #byEntId = new Map<string, Person>();
  readonly #byExternalId: Record<ProfileGroup, Map<string, Person>> = { student: new Map(), relative: new Map(), staff: new Map(), guest: new Map() };
  readonly #byIne = new Map<string, Person>();
  readonly #byLogin = new Map<string, Person>();
  readonly #byName = new Map<string, Person[]>();
  readonly #nameKeys = new Map<Person, string>();
  readonly #keyCache = new Map<string, string>();
  readonly #classByName = new Map<string, SchoolClass>();
  readonly #classByCode = new Map<string, SchoolClass>();

  /** nameKey, remembered: the same surnames and class names come back thousands of times. */
  key(text: string): string {
    let key = this.#keyCache.get(text);
    if (key === undefined) {
      key = nameKey(text);
      this.#keyCache.set(text, key);
    }
    return key;
  }

  static load(db: SchoolDb): World {
    const world = new World();
    for (const row of stmt<[], ClassRow>(db, 'SELECT id, name, level, external_code, sort_name FROM class ORDER BY id').all()) {
      const values = { name: row.name, level: row.level, externalCode: row.external_code };
      world.addClass({ ref: `c${row.id}`, id: row.id, before: { ...values }, values, levels: new Set() });
    }
    const classesOf = new Map<number, Map<string, boolean>>();
    for (const link of stmt<[], { account_id: number; class_id: number; head_teacher: number }>(db, 'SELECT account_id, class_id, head_teacher FROM account_class').all()) {
      const map = classesOf.get(link.account_id) ?? new Map<string, boolean>();
      map.set(`c${link.class_id}`, link.head_teacher === 1);
      classesOf.set(link.account_id, map);
    }
    const childrenOf = new Map<number, Set<string>>();
    for (const link of stmt<[], { guardian_id: number; child_id: number }>(db, 'SELECT guardian_id, child_id FROM guardian_link').all()) {
      const set = childrenOf.get(link.guardian_id) ?? new Set<string>();
      set.add(`a${link.child_id}`);
      childrenOf.set(link.guardian_id, set);
    }
    const manualOf = new Map<number, Set<string>>();
    for (const edit of stmt<[], { account_id: number; field: string }>(db, 'SELECT account_id, field FROM manual_edit').all()) {
      const set = manualOf.get(edit.account_id) ?? new Set<string>();
      set.add(edit.field);
      manualOf.set(edit.account_id, set);
    }
    for (const row of stmt<[], AccountRow>(db, 'SELECT * FROM account ORDER BY id').all()) {
      const classes = classesOf.get(row.id) ?? new Map<string, boolean>();
      const children = childrenOf.get(row.id) ?? new Set<string>();
      world.addPerson({
        ref: `a${row.id}`,
        row,
        before: valuesOf(row),
        values: valuesOf(row),
        source: row.source,
        classesBefore: new Map(classes),
        classes,
        childrenBefore: new Set(children),
        children,
        manual: manualOf.get(row.id) ?? new Set(),
        origin: null,
        claimedBy: [],
        left: false,
        codeFromFile: false,
        address: null,
      });
    }
    return world;
  }

  addPerson(person: Person): void {
    this.persons.push(person);
    this.byRef.set(person.ref, person);
    this.#index(person, person.values);
  }

  /** Changes names, profile, ids or login of a person: its index entries follow. */
  update(person: Person, change: () => void): void {
    this.#unindex(person, person.values);
    change();
    this.#index(person, person.values);
  }

  /** The stable-key indexes a person's values belong in (FORMATS.md's order), with their keys. */
  #keyed(person: Person, values: AccountValues, each: (index: Map<string, Person>, key: string) => void): void {
    if (values.entId) each(this.#byEntId, values.entId);
    if (values.externalId) each(this.#byExternalId[profileGroup(values.profile)], values.externalId);
    if (values.ine) each(this.#byIne, values.ine.toUpperCase());
    if (values.login && hasEntLogin(person, values)) each(this.#byLogin, values.login);
  }

  #index(person: Person, values: AccountValues): void {
    this.#keyed(person, values, (index, key) => {
      if (!index.has(key)) index.set(key, person);
    });
    const name = `${profileGroup(values.profile)}|${this.key(values.lastName)}|${this.key(values.firstName)}`;
    this.#nameKeys.set(person, name);
    push(this.#byName, name, person);
  }

  #unindex(person: Person, values: AccountValues): void {
    this.#keyed(person, values, (index, key) => {
      if (index.get(key) === person) index.delete(key);
    });
    const bucket = this.#byName.get(this.#nameKeys.get(person) ?? '');
    if (bucket) {
      const index = bucket.indexOf(person);
      if (index !== -1) bucket.splice(index, 1);
    }
  }

  byEntId(entId: string): Person | undefined {
    return this.#byEntId.get(entId);
  }

  byExternalId(profile: Profile, externalId: string): Person | undefined {
    return this.#byExternalId[profileGroup(profile)].get(externalId);
  }

  byIne(ine: string): Person | undefined {
    return this.#byIne.get(ine.toUpperCase());
  }

  /** The account whose login or alias this is. */
  byLogin(login: string): Person | undefined {
    return this.#byLogin.get(login);
  }

  namesakes(profile: Profile, lastName: string, firstName: string): readonly Person[] {
    return this.#byName.get(`${profileGroup(profile)}|${this.key(lastName)}|${this.key(firstName)}`) ?? [];
  }

  addClass(schoolClass: SchoolClass): void {
    this.classes.push(schoolClass);
    this.classByRef.set(schoolClass.ref, schoolClass);
    this.#classByName.set(this.key(schoolClass.values.name), schoolClass);
    if (schoolClass.values.externalCode) this.#classByCode.set(schoolClass.values.externalCode, schoolClass);
  }

  /** The class of that code, else of that name (« 6 A » is « 6A »), else a new one. */
  classFor(name: string, code?: string): SchoolClass {
    const found = (code ? this.#classByCode.get(code) : undefined) ?? this.#classByName.get(this.key(name));
    if (found) {
      if (code && !found.values.externalCode) found.values.externalCode = code;
      return found;
    }
    const created: SchoolClass = { ref: `cn:${this.key(name) || name}`, id: null, before: null, values: { name, level: null, externalCode: code ?? null }, levels: new Set() };
    this.addClass(created);
    return created;
  }

  classNames(person: Person): string[] {
    return [...person.classes.keys()].map((ref) => this.classByRef.get(ref)?.values.name ?? '').filter(Boolean);
  }
}

import type { Ambiguity, Conflict, IgnoredRow, ImportAnalysis, ImportWarning, MappingStep, RowError } from '../../../../shared/api/areas/imports.ts';
import { mappingFieldLabels, missingMappingFields, type ColumnMapping, type ImportFormat } from '../../../../shared/domain/imports.ts';
import type { SchoolDb } from '../../db/open.ts';
import { readSettings } from '../../directory/settings.ts';
import { holdsDemoSchool } from '../../school-file/demo-replacement.ts';
import { refuseDuplicateIds } from '../duplicates.ts';
import { rememberedMapping, rememberedMefLevels } from '../mapping-memory.ts';
import { recordsFromTable, suggestMapping } from '../readers/table-mapping.ts';
import { formatSources, type ParsedFile, type PeopleData, type PersonRecord } from '../records.ts';
import { FileRefusal } from '../refusal.ts';
import { childEvidence, PupilIndex, resolveChildren, settlePending, type ChildResolution } from './children.ts';
import { identify } from './identity.ts';
import { settleClassLevels } from './levels.ts';
import { settleLogins } from './logins.ts';
import { OtherSchoolCheck } from './other-school.ts';
import { blockLeaver, mergeRecord, type MergeContext } from './merge.ts';
import { noClasses, noRefs, World, type AccountValues, type Person } from './world.ts';

/** What the director decided so far in the preview. */
export interface PlanState {
  mappings: ReadonlyMap<number, ColumnMapping>;
  choices: ReadonlyMap<string, string | null>;
  decisions: ReadonlyMap<string, 'current' | 'incoming'>;
  /** The school file holds the demo: the director agreed to replace it with these files. */
  replaceDemo: boolean;
}

export const emptyPlanState: PlanState = { mappings: new Map(), choices: new Map(), decisions: new Map(), replaceDemo: false };

/** The demo school in the file: none, there and to be replaced, or there and the director not asked yet. */
export type DemoReplacement = ImportAnalysis['demo'];

export const demoBlocker =
  'Ce fichier d’école contient l’École de démonstration, aux comptes fictifs : remplacez-la par votre école avant d’importer vos fichiers.';

export interface PlanFile {
  index: number;
  name: string;
  size: number;
  format: ImportFormat | null;
  encoding: string | null;
  rows: number;
  refused: string | null;
  uai: string | null;
  data: PeopleData | null;
  mapping: MappingStep | null;
}

export interface Plan {
  world: World;
  files: PlanFile[];
  /** Every person a record met, in the order met. */
  touched: Person[];
  errors: RowError[];
  ignored: IgnoredRow[];
  ambiguities: Ambiguity[];
  conflicts: Conflict[];
  warnings: ImportWarning[];
  /** A school file without a UAI takes the one all the registry files agree on (SIECLE, STS-Web). */
  adoptsUai: string | null;
  /** The demo school goes, in the same transaction, when 'replace'. */
  demo: DemoReplacement;
  blockers: string[];
  overridden: MergeContext['overridden'];
  mefLevels: Record<string, string>;
  mappingsToRemember: { headers: string[]; mapping: ColumnMapping }[];
}

// Registries first (they found identities), then ENT exports (logins, codes, activation), then
// hand-made tables. Within a rank, the order the director gave.
const rank: Record<ImportFormat, number> = {
  'siecle-nomenclature': 0,
  'siecle-students': 1,
  'onde-students': 1,
  sts: 2,
  'siecle-guardians': 3,
  'onde-guardians': 3,
  'ent-export': 4,
  'ent-class-export': 5,
  table: 6,
};

/** One file as the plan sees it; `blocker` and `remember` are gathered in file order at the end. */
interface PlannedFile extends PlanFile {
  blocker: string | null;
  remember: { headers: string[]; mapping: ColumnMapping } | null;
}

function planFile(db: SchoolDb, parsed: ParsedFile, index: number, state: PlanState): PlannedFile {
  const base = { index, name: parsed.name, size: parsed.size, format: parsed.format, encoding: parsed.encoding, uai: null, data: null, mapping: null, blocker: null, remember: null };
  if (parsed.kind === 'refused') return { ...base, rows: 0, refused: parsed.message };
  if (parsed.kind === 'people') return { ...base, rows: parsed.rows, refused: null, uai: parsed.uai ?? null, data: parsed };

  const remembered = rememberedMapping(db, parsed.headers);
  const mapping = state.mappings.get(index) ?? remembered ?? suggestMapping(parsed.headers);
  const inRange: ColumnMapping = {
    profile: mapping.profile,
    columns: Object.fromEntries(Object.entries(mapping.columns).filter(([, column]) => column < parsed.headers.length)),
  };
  const missing = missingMappingFields(inRange);
  const step: MappingStep = {
    headers: parsed.headers,
    sample: parsed.rows.slice(0, 5).map((row) => row.cells),
    mapping: inRange,
    remembered: remembered !== null && !state.mappings.has(index),
    missing,
  };
  const file: PlannedFile = { ...base, rows: parsed.rows.length, refused: null, mapping: step };
  if (missing.length > 0) {
    return { ...file, blocker: `« ${parsed.name} » : indiquez la colonne ${missing.map((field) => `« ${mappingFieldLabels[field]} »`).join(', ')}.` };
  }
  try {
    const data = recordsFromTable(parsed, inRange);
    refuseDuplicateIds(data.records);
    return { ...file, data, remember: { headers: parsed.headers, mapping: inRange } };
  } catch (error) {
    if (error instanceof FileRefusal) return { ...file, refused: error.message };
    throw error;
  }
}

/**
 * What the files say of the school they come from: a warning for each file of another school
 * than the school file's (or, when it has no UAI yet, than the first file's); and the UAI a
 * school file without one takes, when all the files name the same school.
 */
function schoolOfFiles(db: SchoolDb, files: PlanFile[], demo: DemoReplacement): { warnings: ImportWarning[]; adoptsUai: string | null } {
  // The demo's identity goes with it: the files say which school this is.
  const schoolUai = demo === 'none' ? readSettings(db).uai : '';
  const withUai = files.filter((file) => file.uai && !file.refused);
  const reference = schoolUai || withUai[0]?.uai || '';
  const warnings = withUai
    .filter((file) => file.uai !== reference)
    .map((file) => ({
      code: 'other-school' as const,
      file: file.name,
      message: schoolUai
        ? `« ${file.name} » vient d’un autre établissement (UAI ${file.uai}) que celui de ce fichier d’école (UAI ${schoolUai}). ` +
          'Vérifiez qu’il s’agit bien de votre école avant de confirmer.'
        : `« ${file.name} » vient de l’établissement ${file.uai}, les autres fichiers de ${reference} : vérifiez avant de confirmer.`,
    }));
  return { warnings, adoptsUai: !schoolUai && reference && warnings.length === 0 ? reference : null };
}

/**
 * A person the import creates. It starts with the record's values, as mergeRecord would set
 * them one by one (a new account has no hand-edited field), so that the world indexes it once.
 */
function newPerson(world: World, file: PlanFile, record: PersonRecord): Person {
  const values: AccountValues = {
    profile: record.profile,
    lastName: record.lastName,
    firstName: record.firstName,
    birthDate: record.birthDate ?? null,
    login: record.login ?? null,
    alias: record.alias ?? null,
    activationCode: null,
    activated: false,
    email: record.email ?? null,
    phone: record.phone ?? null,
    entId: record.entId ?? null,
    externalId: record.externalId ?? null,
    ine: record.ine ?? null,
    localAdmin: record.localAdmin ?? false,
    blocked: false,
    // A file with the ENT's codes names accounts of the ENT: known from the start (indexed once).
    entStatus: record.activationCode === undefined ? 'pending' : 'known',
  };
  const person: Person = {
    ref: `n${file.index}:${record.line}`,
    row: null,
    before: null,
    values,
    source: formatSources[file.format ?? 'table'],
    classesBefore: noClasses,
    classes: new Map(),
    childrenBefore: noRefs,
    children: new Set(),
    manual: noRefs,
    origin: null,
    claimedBy: [],
    left: false,
    codeFromFile: false,
    address: null,
  };
  world.addPerson(person);
  return person;
}

interface RecordContext {
  world: World;
  plan: Plan;
  state: PlanState;
  mefLevels: Record<string, string>;
  touched: Set<Person>;
  /** Known once every pupil is: guardians' children are looked up there. */
  pupils: PupilIndex | null;
  otherSchool: OtherSchoolCheck;
}

/** One record: its children, who it is (or a new person), then what it changes. */
function planRecord(context: RecordContext, file: PlanFile, record: PersonRecord): void {
  const { world, plan, state, mefLevels, touched, pupils } = context;
  const merge: MergeContext = { world, decisions: state.decisions, conflicts: plan.conflicts, overridden: plan.overridden, fileName: file.name };
  const ignore = (reason: string) => plan.ignored.push({ file: file.name, line: record.line, name: `${record.lastName} ${record.firstName}`, reason });
  const resolution: ChildResolution = pupils && record.children ? resolveChildren(world, pupils, record, file.index, state.choices) : { children: new Set(), pending: [] };
  if (file.format === 'siecle-guardians' && resolution.children.size === 0) {
    ignore('Aucun de ses enfants n’est élève de l’établissement : pas de compte ENT.');
    return;
  }
  const identity = identify(world, record, file.index, childEvidence(resolution));
  if (identity && 'error' in identity) {
    plan.errors.push({ file: file.name, line: record.line, message: identity.error });
    return;
  }
  if (record.leftOn && !identity) {
    // SIECLE's « Inactifs » division may come without a leaving date (the reader says « ? »).
    const when = record.leftOn === '?' ? 'division « Inactifs »' : `sortie le ${record.leftOn}`;
    ignore(`A quitté l’établissement (${when}) : pas de compte créé.`);
    return;
  }
  context.otherSchool.note(file.index, record, identity?.person ?? null);
  const person = identity?.person ?? newPerson(world, file, record);
  person.claimedBy[file.index] = record.line;
  person.origin ??= { file: file.index, line: record.line };
  touched.add(person);
  if (record.leftOn) {
    person.left = true;
    blockLeaver(merge, person, record);
    return;
  }
  let classes: Map<string, boolean | undefined> | null = null;
  if (record.classes) {
    classes = new Map();
    const mefLevel = record.mef ? mefLevels[record.mef] : undefined;
    for (const ref of record.classes) {
      const schoolClass = world.classFor(ref.name, ref.code);
      for (const level of [...(ref.levels ?? []), ...(mefLevel ? [mefLevel] : [])]) schoolClass.levels.add(level);
      classes.set(schoolClass.ref, ref.headTeacher);
    }
  }
  mergeRecord(merge, person, record, classes);
  settlePending(world, person, record, resolution, file.name, plan.ambiguities);
  for (const child of resolution.children) person.children.add(child);
  if (record.address) person.address = record.address;
}

/** Files of these formats hold guardians only: pupils and staff can be planned before they are read. */
export const guardianFormats: ReadonlySet<ImportFormat> = new Set(['siecle-guardians', 'onde-guardians']);

/** The files with records, in the order their records are planned. */
const inRankOrder = (files: readonly PlannedFile[]) =>
  files.filter((file) => file.data && !file.refused).sort((a, b) => rank[a.format ?? 'table'] - rank[b.format ?? 'table'] || a.index - b.index);

/**
 * The change set of an import, computed from the school file without writing anything:
 * who is new, what changes field by field, what is ignored and why, what the director must
 * decide (ambiguous children, hand-edited fields, another school's files).
 *
 * In two steps, because guardians are matched to children who must all be known by then:
 * pupils and staff first, then guardians. The files come as the sandbox reads them; the first
 * step may run as soon as every file but guardians' ones is in (`planPupilsAndStaff`), while
 * the guardians' file, often the biggest, is still being read. `finish` gives the plan, the
 * same as if every file had been there from the start.
 */
export class Planning {
  readonly #db: SchoolDb;
  readonly #state: PlanState;
  readonly #files = new Map<number, PlannedFile>();
  #context: RecordContext | null = null;
  /** The files the first step went through. */
  #firstStep = new Set<number>();

  constructor(db: SchoolDb, state: PlanState = emptyPlanState) {
    this.#db = db;
    this.#state = state;
  }

  addFile(index: number, parsed: ParsedFile): void {
    if (this.#context) this.#checkLateFile(index, parsed);
    this.#files.set(index, planFile(this.#db, parsed, index, this.#state));
  }

  /** Plans every pupil and staff member of the files in so far. Later files must be guardians' only. */
  planPupilsAndStaff(): void {
    if (this.#context) return;
    const demo: DemoReplacement = !holdsDemoSchool(this.#db) ? 'none' : this.#state.replaceDemo ? 'replace' : 'ask';
    // A file holding the demo only ever takes real files in its place: they meet an empty school.
    const world = demo === 'none' ? World.load(this.#db) : new World();
    const plan: Plan = {
      world,
      files: [],
      touched: [],
      errors: [],
      ignored: [],
      ambiguities: [],
      conflicts: [],
      warnings: [],
      adoptsUai: null,
      demo,
      blockers: [],
      overridden: [],
      mefLevels: {},
      mappingsToRemember: [],
    };
    const files = this.#planned();
    for (const file of files) Object.assign(plan.mefLevels, file.data?.mefLevels);
    const mefLevels = { ...rememberedMefLevels(this.#db), ...plan.mefLevels };
    const context: RecordContext = { world, plan, state: this.#state, mefLevels, touched: new Set(), pupils: null, otherSchool: new OtherSchoolCheck(world) };
    for (const file of inRankOrder(files)) {
      for (const record of file.data?.records ?? []) if (record.profile !== 'relative') planRecord(context, file, record);
    }
    this.#context = context;
    this.#firstStep = new Set(files.map((file) => file.index));
  }

  /** Every file is in: the guardians, then logins and codes. */
  finish(): Plan {
    this.planPupilsAndStaff();
    const context = this.#context as RecordContext;
    const { plan, world, touched } = context;
    const files = this.#planned();
    // What the files say for themselves comes first, in file order; then what planning found.
    plan.files = files;
    plan.errors = [...files.flatMap((file) => (file.data?.errors ?? []).map((error) => ({ file: file.name, ...error }))), ...plan.errors];
    plan.ignored = [...files.flatMap((file) => (file.data?.ignored ?? []).map((ignored) => ({ file: file.name, ...ignored }))), ...plan.ignored];
    plan.blockers = [
      ...(plan.demo === 'ask' ? [demoBlocker] : []),
      ...files.flatMap((file) => (file.blocker ? [file.blocker] : [])),
      ...files.flatMap((file) => (file.refused ? [`« ${file.name} » est refusé : ${file.refused}`] : [])),
    ];
    plan.mappingsToRemember = files.flatMap((file) => (file.remember ? [file.remember] : []));
    Object.assign(plan, schoolOfFiles(this.#db, files, plan.demo));

    context.pupils = new PupilIndex(world);
    for (const file of inRankOrder(files)) {
      for (const record of file.data?.records ?? []) if (record.profile === 'relative') planRecord(context, file, record);
    }

    plan.warnings.push(...context.otherSchool.warnings(files));
    plan.touched = [...touched];
    settleClassLevels(world);
    const displaced = settleLogins(world, plan.touched, (person, message) => {
      const origin = person.origin;
      plan.errors.push({ file: origin ? (plan.files[origin.file]?.name ?? '') : '', line: origin?.line ?? 0, message });
    });
    for (const person of displaced) if (!touched.has(person)) plan.touched.push(person);
    return plan;
  }

  #planned(): PlannedFile[] {
    return [...this.#files.values()].sort((a, b) => a.index - b.index);
  }

  /** A file after the first step may only bring guardians, and no level labels. */
  #checkLateFile(index: number, parsed: ParsedFile): void {
    if (this.#firstStep.has(index)) throw new Error(`import file ${index} added twice`);
    const guardiansOnly = parsed.kind === 'refused' || (parsed.kind === 'people' && parsed.records.every((record) => record.profile === 'relative') && !parsed.mefLevels);
    if (!guardiansOnly) throw new Error(`import file ${index} came after pupils and staff were planned, and holds some`);
  }
}

/** The plan of files all read already. */
export function planImport(db: SchoolDb, parsed: readonly ParsedFile[], state: PlanState = emptyPlanState): Plan {
  const planning = new Planning(db, state);
  parsed.forEach((file, index) => planning.addFile(index, file));
  return planning.finish();
}

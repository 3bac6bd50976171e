import type { FieldChange, ImportCounts, ImportResult } from '../../../shared/api/areas/imports.ts';
import type { ImportFormat } from '../../../shared/domain/imports.ts';
import { withCheckpointDeferred, withPlainIndexesDeferred } from '../db/bulk.ts';
import type { SchoolDb } from '../db/open.ts';
import { stmt } from '../db/statements.ts';
import { countAccounts, derivedColumns, insertAccount } from '../directory/accounts.ts';
import { activationProgress, activationSnapshot, hasEntExportInForce, type ActivationChange } from '../directory/activation.ts';
import { attachAllToClasses, insertClass, linkAllGuardians } from '../directory/classes.ts';
import { writeJournal } from '../directory/journal.ts';
import { closeEntTodosSeenInImport } from '../ent-todo/store.ts';
import { readSettingValue, writeSettings } from '../directory/settings.ts';
import { removeDemoSchool } from '../school-file/demo-replacement.ts';
import { withSearchIndexInBulk } from '../directory/search-index.ts';
import { rememberMapping, rememberMefLevels } from './mapping-memory.ts';
import { planImport, type Plan, type PlanState } from './planner/plan.ts';
import { changedClasses, countPlan, newClasses, planFingerprint, summarise, type PlanSummary } from './planner/summary.ts';
import type { Person } from './planner/world.ts';
import type { ParsedFile } from './records.ts';
import type { UndoLog } from './undo.ts';

/** Why an import was not written, in French; nothing was. */
export class ImportRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportRefused';
  }
}

/** The plan the director previewed, and the state of the school file it was computed from. */
export interface Preview {
  plan: Plan;
  summary: PlanSummary;
  fingerprint: string;
  version: string;
}

export interface ApplyOptions {
  now: Date;
  actor: string;
  backupPath: string | null;
  acceptOtherSchool: boolean;
  preview?: Preview;
}

/**
 * Moves whenever anything is written to the school file: by this connection (total_changes)
 * or by another process (data_version). Equal versions mean a plan is still exact.
 */
export function schoolFileVersion(db: SchoolDb): string {
  const changes = stmt<[], number>(db, 'SELECT total_changes()').pluck().get();
  return `${changes}:${String(db.pragma('data_version', { simple: true }))}`;
}

/** Whether applying would write anything at all (no backup, no history entry otherwise). */
export function planWritesSomething(plan: Plan, summary: PlanSummary): boolean {
  return plan.demo === 'replace' || summary.counts.create + summary.counts.update > 0 || changedClasses(plan).length > 0 || newClasses(plan).length > 0;
}

function writeAccounts(db: SchoolDb, plan: Plan, updated: Person[], at: string, log: UndoLog, created: (id: number) => void): Map<string, number> {
  const ids = new Map<string, number>();
  for (const person of plan.touched) if (person.row) ids.set(person.ref, person.row.id);
  // Logins, aliases and ENT ids may swap between accounts: park them first (unique indexes).
  const park = stmt(db, 'UPDATE account SET login = ?, alias = NULL, ent_id = NULL WHERE id = ?');
  for (const person of updated) {
    const before = person.before;
    if (before && (before.login !== person.values.login || before.alias !== person.values.alias || before.entId !== person.values.entId)) {
      park.run(`\u0001import-${person.row?.id}`, person.row?.id);
    }
  }
  const update = stmt(
    db,
    `UPDATE account SET profile = @profile, last_name = @lastName, first_name = @firstName, birth_date = @birthDate, login = @login,
       alias = @alias, activation_code = @activationCode, activated = @activated, email = @email, phone = @phone, ent_id = @entId,
       external_id = @externalId, ine = @ine, local_admin = @localAdmin, blocked = @blocked, ent_status = @entStatus, updated_at = @at,
       sort_name = @sortName, search_text = @searchText
     WHERE id = @id`,
  );
  for (const person of updated) {
    const values = person.values;
    const login = values.login as string;
    const derived = derivedColumns({ lastName: values.lastName, firstName: values.firstName, login, alias: values.alias });
    log.updatedAccounts.push(person.row as unknown as Record<string, unknown>);
    const known = values.entStatus === 'known';
    update.run({
      ...values,
      login,
      activationCode: known && !values.activated ? values.activationCode : null,
      activated: known && values.activated ? 1 : 0,
      localAdmin: values.localAdmin ? 1 : 0,
      blocked: values.blocked ? 1 : 0,
      at,
      sortName: derived.sortName,
      searchText: derived.searchText,
      id: person.row?.id,
    });
  }
  for (const person of plan.touched) {
    if (person.before) continue;
    const values = person.values;
    const id = insertAccount(db, {
      ...values,
      login: values.login as string,
      activationCode: values.activated ? null : values.activationCode,
      source: person.source,
      createdAt: at,
    });
    ids.set(person.ref, id);
    log.createdAccounts.push(id);
    created(id);
  }
  return ids;
}

function writeMemberships(db: SchoolDb, plan: Plan, ids: Map<string, number>, classIds: Map<string, number>, log: UndoLog): void {
  const classId = (ref: string) => classIds.get(ref) ?? Number(ref.slice(1));
  const detach = stmt(db, 'DELETE FROM account_class WHERE account_id = ? AND class_id = ?');
  const setHead = stmt(db, 'UPDATE account_class SET head_teacher = ? WHERE account_id = ? AND class_id = ?');
  const attached: [number, number, boolean][] = [];
  for (const person of plan.touched) {
    const accountId = ids.get(person.ref) as number;
    for (const [ref, head] of person.classesBefore) {
      if (person.classes.has(ref)) continue;
      detach.run(accountId, classId(ref));
      log.classLinksRemoved.push([accountId, classId(ref), head ? 1 : 0]);
    }
    for (const [ref, head] of person.classes) {
      const before = person.classesBefore.get(ref);
      if (before === undefined) {
        attached.push([accountId, classId(ref), head]);
        log.classLinksAdded.push([accountId, classId(ref)]);
      } else if (before !== head) {
        setHead.run(head ? 1 : 0, accountId, classId(ref));
        log.headTeacherChanged.push([accountId, classId(ref), before ? 1 : 0]);
      }
    }
    for (const child of person.children) {
      if (person.childrenBefore.has(child)) continue;
      log.guardianLinksAdded.push([accountId, ids.get(child) ?? Number(child.slice(1))]);
    }
  }
  // Added after the removals above, as one statement each: a first import adds tens of thousands.
  attachAllToClasses(db, attached);
  linkAllGuardians(db, log.guardianLinksAdded);
}

function writeClasses(db: SchoolDb, plan: Plan, log: UndoLog): Map<string, number> {
  const ids = new Map<string, number>();
  for (const schoolClass of newClasses(plan)) {
    const id = insertClass(db, schoolClass.values);
    ids.set(schoolClass.ref, id);
    log.createdClasses.push(id);
  }
  for (const schoolClass of changedClasses(plan)) {
    log.updatedClasses.push(stmt<[number], Record<string, unknown>>(db, 'SELECT * FROM class WHERE id = ?').get(schoolClass.id as number) ?? {});
    stmt(db, 'UPDATE class SET level = ?, external_code = ? WHERE id = ?').run(schoolClass.values.level, schoolClass.values.externalCode, schoolClass.id);
  }
  return ids;
}

function journalUpdates(db: SchoolDb, updates: Map<Person, FieldChange[]>, now: Date, actor: string): void {
  for (const [person, fields] of updates) {
    writeJournal(
      db,
      {
        action: 'import.update',
        accountId: person.row?.id ?? null,
        summary: `Import : ${fields.map((field) => field.label.toLowerCase()).join(', ')} modifié(s)`,
        before: Object.fromEntries(fields.map((field) => [field.field, field.before])),
        after: Object.fromEntries(fields.map((field) => [field.field, field.after])),
      },
      now,
      actor,
    );
  }
}

export function importSummary(counts: ImportCounts, files: number): string {
  return (
    `Import de ${files} fichier${files > 1 ? 's' : ''} : ${counts.created} compte${counts.created > 1 ? 's' : ''} créé${counts.created > 1 ? 's' : ''}, ` +
    `${counts.updated} modifié${counts.updated > 1 ? 's' : ''}, ${counts.unchanged} inchangé${counts.unchanged > 1 ? 's' : ''}`
  );
}

/** At least a thousand new accounts, and more than the school file holds: its indexes are best built afresh. */
function addsManyAccounts(db: SchoolDb, created: number): boolean {
  return created >= 1000 && created >= countAccounts(db);
}

/** Writes a plan: one caller-owned transaction, an inverse change set, the journal, the history. */
function writePlan(db: SchoolDb, plan: Plan, summary: PlanSummary, options: ApplyOptions): ImportResult {
  const counts = countPlan(plan, summary);
  const skippedAmbiguities = plan.ambiguities.filter((ambiguity) => ambiguity.choice === null).length;
  if (!planWritesSomething(plan, summary)) return { runId: null, counts, skippedAmbiguities, backupPath: null, activation: null };
  // The demo goes first: the plan was made for an empty school.
  const replacedDemo = plan.demo === 'replace' ? removeDemoSchool(db) : undefined;
  // An ENT export tells who activated their account: the follow-up keeps the progress it brings.
  const activationBefore = plan.touched.some((person) => person.codeFromFile) ? { snapshot: activationSnapshot(db), first: !hasEntExportInForce(db) } : null;

  const at = options.now.toISOString();
  const log: UndoLog = {
    stamp: at,
    createdAccounts: [],
    updatedAccounts: [],
    createdClasses: [],
    updatedClasses: [],
    classLinksAdded: [],
    classLinksRemoved: [],
    headTeacherChanged: [],
    guardianLinksAdded: [],
    manualEditsRemoved: [],
    ...(replacedDemo ? { replacedDemo } : {}),
  };
  const updated = [...summary.updates.keys()];
  const classIds = writeClasses(db, plan, log);
  // Only these accounts are written: the search index follows in bulk (one import may create tens of thousands).
  const changing = updated.map((person) => person.row?.id as number);
  const write = () => {
    const ids = withSearchIndexInBulk(db, changing, (created) => writeAccounts(db, plan, updated, at, log, created));
    writeMemberships(db, plan, ids, classIds, log);
  };
  if (addsManyAccounts(db, counts.created)) withPlainIndexesDeferred(db, ['account', 'account_class', 'guardian_link'], write);
  else write();
  for (const { person, column } of plan.overridden) {
    const row = stmt<[number, string], Record<string, unknown>>(db, 'SELECT * FROM manual_edit WHERE account_id = ? AND field = ?').get(person.row?.id as number, column);
    if (!row) continue;
    stmt(db, 'DELETE FROM manual_edit WHERE account_id = ? AND field = ?').run(person.row?.id, column);
    log.manualEditsRemoved.push(row);
  }
  if (plan.adoptsUai) {
    log.settingsChanged = { uai: { before: readSettingValue(db, 'uai') ?? null, after: plan.adoptsUai } };
    writeSettings(db, { uai: plan.adoptsUai });
  }
  if (Object.keys(plan.mefLevels).length > 0) rememberMefLevels(db, plan.mefLevels);
  for (const { headers, mapping } of plan.mappingsToRemember) rememberMapping(db, headers, mapping);

  const activation: ActivationChange | null = activationBefore && { before: activationBefore.snapshot, after: activationSnapshot(db), first: activationBefore.first };
  const files = plan.files.map((file) => ({ name: file.name, format: file.format as ImportFormat | null }));
  const runId = Number(
    stmt(db, 'INSERT INTO import_run (at, actor, files, counts, backup_path, undo, activation) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      at,
      options.actor,
      JSON.stringify(files),
      JSON.stringify(counts),
      options.backupPath,
      JSON.stringify(log),
      activation && JSON.stringify(activation),
    ).lastInsertRowid,
  );
  // « À faire dans l'ENT »: what the ENT export shows done closes (a guest it brought).
  closeEntTodosSeenInImport(db, plan.touched.flatMap((person) => (person.row && person.values.entStatus === 'known' ? [person.row.id] : [])), { runId, at: options.now, actor: options.actor });
  if (replacedDemo) {
    const demoAccounts = replacedDemo.tables['account']?.length ?? 0;
    writeJournal(db, { action: 'school.replaceDemo', summary: `École de démonstration remplacée par l’école importée (${demoAccounts} comptes fictifs supprimés)` }, options.now, options.actor);
  }
  journalUpdates(db, summary.updates, options.now, options.actor);
  writeJournal(db, { action: 'import.apply', summary: importSummary(counts, files.length), after: { runId, files, counts } }, options.now, options.actor);
  return { runId, counts, skippedAmbiguities, backupPath: options.backupPath, activation: activation && activationProgress(activation) };
}

/**
 * Writes the import in one immediate transaction: the school file takes all of it or nothing.
 * The previewed plan is written as is when the school file has not changed since; otherwise
 * the import is planned again and must come out as the director saw it. Refuses
 * (ImportRefused) what the preview would have blocked.
 */
export function applyImport(db: SchoolDb, parsed: readonly ParsedFile[], state: PlanState, options: ApplyOptions): ImportResult {
  // A first import writes tens of thousands of rows into eight indexes: a roomier page cache
  // keeps the transaction from spilling pages to the WAL half-way.
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -65536');
  try {
    return withCheckpointDeferred(db, () => writeInTransaction(db, parsed, state, options));
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
  }
}

function writeInTransaction(db: SchoolDb, parsed: readonly ParsedFile[], state: PlanState, options: ApplyOptions): ImportResult {
  return db
    .transaction(() => {
      const { preview } = options;
      const current = preview !== undefined && schoolFileVersion(db) === preview.version;
      const plan = current ? preview.plan : planImport(db, parsed, state);
      const summary = current ? preview.summary : summarise(plan);
      if (plan.blockers.length > 0) throw new ImportRefused(`Rien n’a été importé. ${plan.blockers.join(' ')}`);
      if (plan.warnings.length > 0 && !options.acceptOtherSchool) {
        throw new ImportRefused(`Rien n’a été importé. ${plan.warnings.map((warning) => warning.message).join(' ')}`);
      }
      if (preview !== undefined && !current && planFingerprint(plan, summary) !== preview.fingerprint) {
        throw new ImportRefused('Le fichier d’école a changé depuis l’aperçu : rien n’a été importé. Relancez l’analyse des fichiers.');
      }
      return writePlan(db, plan, summary, options);
    })
    .immediate();
}

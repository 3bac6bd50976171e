import { randomUUID } from 'node:crypto';
import type { AnalysedFile, ChangesPage, ChangesQuery, ImportAnalysis } from '../../../shared/api/areas/imports.ts';
import type { ColumnMapping } from '../../../shared/domain/imports.ts';
import { foldText } from '../../../shared/domain/text.ts';
import type { SchoolDb } from '../db/open.ts';
import { schoolFileVersion, type Preview } from './apply.ts';
import { emptyPlanState, guardianFormats, planImport, Planning, type Plan, type PlanState } from './planner/plan.ts';
import { countPlan, newClasses, planFingerprint, plannedChange, summarise, type PlanSummary } from './planner/summary.ts';
import { formatLabel } from './read-file.ts';
import type { ParsedFile } from './records.ts';
import { readFilesInSandbox, type SandboxInput, type SandboxOptions } from './sandbox.ts';

/**
 * One import being prepared: the files as the sandbox read them, the director's decisions,
 * and the latest plan. Lives in memory between `imports.analyse` and `imports.apply`.
 */
export interface ImportSession {
  id: string;
  files: ParsedFile[];
  mappings: Map<number, ColumnMapping>;
  choices: Map<string, string | null>;
  decisions: Map<string, 'current' | 'incoming'>;
  replaceDemo: boolean;
  plan: Plan;
  summary: PlanSummary;
  fingerprint: string;
  /** schoolFileVersion() when planned. */
  version: string;
}

export function sessionState(session: ImportSession): PlanState {
  return { mappings: session.mappings, choices: session.choices, decisions: session.decisions, replaceDemo: session.replaceDemo };
}

export function sessionPreview(session: ImportSession): Preview {
  return { plan: session.plan, summary: session.summary, fingerprint: session.fingerprint, version: session.version };
}

export type Planned = Pick<ImportSession, 'plan' | 'summary' | 'fingerprint' | 'version'>;

function summed(plan: Plan, version: string): Planned {
  const summary = summarise(plan);
  return { plan, summary, fingerprint: planFingerprint(plan, summary), version };
}

function planned(db: SchoolDb, files: readonly ParsedFile[], state: PlanState): Planned {
  const version = schoolFileVersion(db);
  return summed(planImport(db, files, state), version);
}

/**
 * Reads the files in the sandbox and plans them as they come: pupils and staff as soon as
 * only guardians' files are left to read (the biggest of a SIECLE set), so that planning them
 * overlaps that reading. Should the school file change meanwhile, everything is planned again.
 */
export async function readAndPlan(db: SchoolDb, inputs: readonly SandboxInput[], options: SandboxOptions = {}): Promise<{ files: ParsedFile[]; planned: Planned }> {
  const version = schoolFileVersion(db);
  const planning = new Planning(db);
  const unread = new Set(inputs.keys());
  const guardiansOnly = new Set<number>();
  const planWhenOnlyGuardiansAreLeft = () => {
    if (unread.size < inputs.length && [...unread].every((index) => guardiansOnly.has(index))) planning.planPupilsAndStaff();
  };
  const files = await readFilesInSandbox(inputs, {
    ...options,
    onFormat: (index, format) => {
      options.onFormat?.(index, format);
      if (guardianFormats.has(format)) guardiansOnly.add(index);
      planWhenOnlyGuardiansAreLeft();
    },
    onFile: (index, file) => {
      options.onFile?.(index, file);
      unread.delete(index);
      planning.addFile(index, file);
      planWhenOnlyGuardiansAreLeft();
    },
  });
  if (schoolFileVersion(db) !== version) return { files, planned: planned(db, files, emptyPlanState) };
  return { files, planned: summed(planning.finish(), version) };
}

/** Plans again from the school file and the decisions so far. */
export function replan(db: SchoolDb, session: ImportSession): void {
  Object.assign(session, planned(db, session.files, sessionState(session)));
}

/** The few analyses a window may have open; the oldest is forgotten beyond that. */
export class ImportSessions {
  readonly #sessions = new Map<string, ImportSession>();
  readonly #limit: number;

  constructor(limit = 3) {
    this.#limit = limit;
  }

  /** A new session for these files, planned already (readAndPlan) or planned now. */
  open(db: SchoolDb, files: ParsedFile[], plannedAlready?: Planned): ImportSession {
    const decisions = { mappings: new Map(), choices: new Map(), decisions: new Map(), replaceDemo: false };
    const session: ImportSession = { id: randomUUID(), files, ...decisions, ...(plannedAlready ?? planned(db, files, decisions)) };
    this.#sessions.set(session.id, session);
    for (const id of this.#sessions.keys()) {
      if (this.#sessions.size <= this.#limit) break;
      this.#sessions.delete(id);
    }
    return session;
  }

  get(id: string): ImportSession | undefined {
    return this.#sessions.get(id);
  }

  discard(id: string): boolean {
    return this.#sessions.delete(id);
  }
}

export function analysisOf(session: ImportSession): ImportAnalysis {
  const { plan } = session;
  const files: AnalysedFile[] = plan.files.map((file) => ({
    index: file.index,
    name: file.name,
    size: file.size,
    format: file.format,
    formatLabel: formatLabel(file.format),
    encoding: file.encoding,
    rows: file.rows,
    refused: file.refused,
    uai: file.uai,
    mapping: file.mapping,
  }));
  return {
    analysisId: session.id,
    files,
    counts: countPlan(plan, session.summary),
    errors: plan.errors,
    ignored: plan.ignored,
    ambiguities: plan.ambiguities,
    conflicts: plan.conflicts,
    warnings: plan.warnings,
    adoptedUai: plan.adoptsUai,
    demo: plan.demo,
    classesCreated: newClasses(plan).map((schoolClass) => schoolClass.values.name),
    blockers: plan.blockers,
  };
}

export function changesPage(session: ImportSession, query: ChangesQuery): ChangesPage {
  const { plan, summary } = session;
  const words = foldText(query.search ?? '').split(/\s+/).filter(Boolean);
  const matching: number[] = [];
  plan.touched.forEach((person, index) => {
    if (query.kind && summary.kinds[index] !== query.kind) return;
    if (query.profile && person.values.profile !== query.profile) return;
    if (words.length > 0) {
      const { lastName, firstName, login } = person.values;
      const text = foldText(`${lastName} ${firstName} ${login ?? ''} ${plan.world.classNames(person).join(' ')}`);
      if (!words.every((word) => text.includes(word))) return;
    }
    matching.push(index);
  });
  const items = matching.slice(query.offset, query.offset + query.limit).map((index) => plannedChange(plan, summary, index));
  return { total: matching.length, offset: query.offset, items };
}

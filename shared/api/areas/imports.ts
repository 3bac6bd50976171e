import { z } from '../../domain/zod.ts';
import type { ArgSchemas, NoArg } from '../define.ts';
import { noArg } from './no-arg.ts';
import { profiles, type Profile } from '../../domain/profile.ts';
import type { ActivationProgress } from '../../domain/publipostage.ts';
import {
  formatMegabytes,
  importLimits,
  mappingFields,
  type ColumnMapping,
  type ImportField,
  type ImportFormat,
  type MappingField,
} from '../../domain/imports.ts';

export const columnMappingSchema = z
  .object({
    columns: z.partialRecord(z.enum(mappingFields), z.number().int().min(0).max(500)),
    profile: z.enum(profiles).nullable(),
  })
  .strict() satisfies z.ZodType<ColumnMapping>;

export interface ImportFileInput {
  name: string;
  /** The file's bytes, base64-encoded (JSON over IPC and HTTP). */
  base64: string;
}

/** The mapping step of a CSV/XLSX Sésame does not recognise. */
export interface MappingStep {
  headers: string[];
  /** The first rows, to help the director recognise each column. */
  sample: string[][];
  mapping: ColumnMapping;
  /** True when this header set was mapped before and the mapping was remembered. */
  remembered: boolean;
  missing: MappingField[];
}

export interface AnalysedFile {
  index: number;
  name: string;
  size: number;
  format: ImportFormat | null;
  formatLabel: string;
  encoding: string | null;
  rows: number;
  /** French reason when the file is refused (nothing of it is imported). */
  refused: string | null;
  /** UAI of the school the export comes from (SIECLE, STS-Web). */
  uai: string | null;
  mapping: MappingStep | null;
}

export interface RowError {
  file: string;
  line: number;
  message: string;
}

export interface IgnoredRow {
  file: string;
  line: number;
  name: string;
  reason: string;
}

export interface PersonSummary {
  ref: string;
  profile: Profile;
  lastName: string;
  firstName: string;
  classes: string[];
  birthDate: string | null;
}

/** A guardian ↔ child match Sésame will not guess: the director picks the child or skips. */
export interface Ambiguity {
  id: string;
  file: string;
  line: number;
  guardian: { lastName: string; firstName: string };
  /** The child as the file writes it. */
  child: { label: string; className: string | null };
  kind: 'ambiguous' | 'not-found';
  candidates: PersonSummary[];
  /** The director's choice so far: a candidate's ref, or null to skip. */
  choice: string | null;
}

/** A field the director edited by hand, which the file would change. */
export interface Conflict {
  id: string;
  file: string;
  line: number;
  lastName: string;
  firstName: string;
  field: ImportField;
  label: string;
  current: string;
  incoming: string;
  /** 'current' (default) keeps the hand-typed value. */
  keep: 'current' | 'incoming';
}

export interface FieldChange {
  field: ImportField;
  label: string;
  before: string;
  after: string;
}

export type ChangeKind = 'create' | 'update' | 'unchanged';

export interface PlannedChange {
  ref: string;
  kind: ChangeKind;
  profile: Profile;
  lastName: string;
  firstName: string;
  login: string;
  classes: string[];
  file: string;
  line: number;
  changes: FieldChange[];
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  ignored: number;
  errors: number;
  conflicts: number;
  ambiguities: number;
  classesCreated: number;
  /** Accounts that were not in the ENT yet and that this ENT export names: they now carry its login and code. */
  joinedEnt: number;
  /** Accounts of the school file still not in the ENT once the import is written (no code to hand out). */
  notInEnt: number;
}

export interface ImportWarning {
  code: 'other-school';
  file: string;
  message: string;
}

export interface ImportAnalysis {
  analysisId: string;
  files: AnalysedFile[];
  counts: ImportCounts;
  errors: RowError[];
  ignored: IgnoredRow[];
  ambiguities: Ambiguity[];
  conflicts: Conflict[];
  warnings: ImportWarning[];
  /** The UAI the school file, which has none yet, will take from these files; null otherwise. */
  adoptedUai: string | null;
  classesCreated: string[];
  /**
   * The demo school in the school file: 'none'; 'ask', the director must agree to replace it
   * (nothing can be imported alongside it); 'replace', it goes with this import (undo brings it back).
   */
  demo: 'none' | 'ask' | 'replace';
  /** French reasons that forbid applying (refused file, mapping to finish); empty when ready. */
  blockers: string[];
}

export interface ChangesQuery {
  analysisId: string;
  kind?: ChangeKind;
  profile?: Profile;
  search?: string;
  offset: number;
  limit: number;
}

export interface ChangesPage {
  total: number;
  offset: number;
  items: PlannedChange[];
}

export interface ResolveArg {
  analysisId: string;
  mappings?: { file: number; mapping: ColumnMapping }[];
  choices?: { ambiguity: string; child: string | null }[];
  decisions?: { conflict: string; keep: 'current' | 'incoming' }[];
  /** Replace the demo school with these files (when the analysis says demo: 'ask'). */
  replaceDemo?: boolean;
}

export interface ApplyArg {
  analysisId: string;
  /** Required when a file comes from another school (its UAI differs). */
  acceptOtherSchool: boolean;
  jobId?: string;
}

export interface ImportResult {
  /** Null when nothing changed: no backup, no history entry. */
  runId: number | null;
  counts: ImportCounts;
  /** Ambiguities left unresolved: those links were not made. */
  skippedAmbiguities: number;
  backupPath: string | null;
  /** When the files carried the ENT's activation states (an ENT export): the progress they brought. */
  activation: ActivationProgress | null;
}

export interface ImportRunSummary {
  id: number;
  at: string;
  actor: string;
  files: { name: string; format: ImportFormat | null }[];
  counts: ImportCounts;
  activation: ActivationProgress | null;
  undoneAt: string | null;
  /** Only the most recent import still in force can be undone. */
  canUndo: boolean;
}

export interface UndoResult {
  runId: number;
  removed: number;
  restored: number;
}

export interface ImportsApi {
  /** Reads the files in the sandbox and plans the import; writes nothing. */
  'imports.analyse'(arg: { files: ImportFileInput[]; jobId?: string }): ImportAnalysis;
  /** One page of the planned changes, filtered. */
  'imports.changes'(arg: ChangesQuery): ChangesPage;
  /** Column mappings, ambiguity choices and conflict decisions: plans again; writes nothing. */
  'imports.resolve'(arg: ResolveArg): ImportAnalysis;
  /** Backs up the school file, then writes the plan in one transaction. */
  'imports.apply'(arg: ApplyArg): ImportResult;
  'imports.discard'(arg: { analysisId: string }): { discarded: boolean };
  /** Restores the accounts, classes and links exactly as they were before the last import. */
  'imports.undoLast'(arg: NoArg): UndoResult;
  'imports.history'(arg: NoArg): ImportRunSummary[];
}

const analysisId = z.string().min(1).max(64);
// The base64 of the biggest accepted file; the handler checks the decoded sizes with a French message.
const base64 = z
  .string()
  .max(
    Math.ceil((importLimits.maxFileBytes * 4) / 3) + 4 * 1024 * 1024,
    `Fichier trop volumineux : Sésame accepte au plus ${formatMegabytes(importLimits.maxFileBytes)} par fichier.`,
  );

export const importsSchemas = {
  'imports.analyse': z
    .object({
      files: z
        .array(z.object({ name: z.string().min(1).max(255), base64 }).strict())
        .min(1, 'Choisissez au moins un fichier.')
        .max(importLimits.maxFiles, `Importez au plus ${importLimits.maxFiles} fichiers à la fois.`),
      jobId: z.string().min(1).max(100).optional(),
    })
    .strict(),
  'imports.changes': z
    .object({
      analysisId,
      kind: z.enum(['create', 'update', 'unchanged']).optional(),
      profile: z.enum(profiles).optional(),
      search: z.string().max(200).optional(),
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(5000),
    })
    .strict(),
  'imports.resolve': z
    .object({
      analysisId,
      mappings: z.array(z.object({ file: z.number().int().min(0), mapping: columnMappingSchema }).strict()).max(50).optional(),
      choices: z
        .array(z.object({ ambiguity: z.string().min(1).max(200), child: z.string().min(1).max(200).nullable() }).strict())
        .max(100_000)
        .optional(),
      decisions: z
        .array(z.object({ conflict: z.string().min(1).max(200), keep: z.enum(['current', 'incoming']) }).strict())
        .max(100_000)
        .optional(),
      replaceDemo: z.boolean().optional(),
    })
    .strict(),
  'imports.apply': z
    .object({ analysisId, acceptOtherSchool: z.boolean(), jobId: z.string().min(1).max(100).optional() })
    .strict(),
  'imports.discard': z.object({ analysisId }).strict(),
  'imports.undoLast': noArg,
  'imports.history': noArg,
} satisfies ArgSchemas<ImportsApi>;

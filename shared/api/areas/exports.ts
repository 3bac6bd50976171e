import { z } from '../../domain/zod.ts';
import type { ArgSchemas } from '../define.ts';
import { exportFormats, exportKinds, type ExportDestination, type ExportedFile, type ExportPreview, type ExportSpec } from '../../domain/exports.ts';
import { selectionSchema } from '../../domain/selection.ts';

export interface ExportRequest extends ExportSpec {
  destination: ExportDestination;
  /** Given by the caller to follow progress events and cancel with system.cancel. */
  jobId?: string;
}

export interface ExportOutcome {
  files: ExportedFile[];
  /** Accounts in the selection. */
  selected: number;
  /** Of those, left out of the files (ENT import: accounts the ENT already has, guests). */
  skipped: number;
  /** Why they were left out, in French; null when none was. */
  skippedReason: string | null;
}

export interface ExportsApi {
  /** Counts and file names of an export, before it is written (instant). */
  'exports.preview'(arg: ExportSpec): ExportPreview;
  /** Writes the selection as a Word mail-merge workbook, a directory export or ENT import files. */
  'exports.create'(arg: ExportRequest): ExportOutcome;
  /** The three Word letter templates (élèves, parents, personnels) with the school's header. */
  'exports.wordTemplates'(arg: { destination: Exclude<ExportDestination, { to: 'file' }> }): { files: ExportedFile[] };
}

const absolutePath = z.string().min(1).max(4096);
const fileDestination = z.object({ to: z.literal('file'), path: absolutePath }).strict();
const folderDestination = z.object({ to: z.literal('folder'), path: absolutePath }).strict();
const downloadDestination = z.object({ to: z.literal('download') }).strict();

const spec = {
  kind: z.enum(exportKinds),
  format: z.enum(exportFormats),
  selection: selectionSchema,
};

export const exportsSchemas = {
  'exports.preview': z.object(spec).strict(),
  'exports.create': z
    .object({
      ...spec,
      destination: z.discriminatedUnion('to', [fileDestination, folderDestination, downloadDestination]),
      jobId: z.string().min(1).max(100).optional(),
    })
    .strict(),
  'exports.wordTemplates': z
    .object({ destination: z.discriminatedUnion('to', [folderDestination, downloadDestination]) })
    .strict(),
} satisfies ArgSchemas<ExportsApi>;

import { z } from '../../domain/zod.ts';
import type { ArgSchemas, NoArg } from '../define.ts';
import { noArg } from './no-arg.ts';
import type { LeftOut } from '../../domain/distribution.ts';
import { letterTextsChangeSchema, type LetterTextsChange } from '../../domain/letters.ts';
import {
  pdfOptionsSchema,
  publipostageChoicesSchema,
  publipostageTargetSchema,
  sheetsPerPageSchema,
  type DistributionFollowUp,
  type PdfOptions,
  type PublipostageChoices,
  type PublipostageSettings,
  type PublipostageTarget,
  type SheetsPerPage,
  type ShrunkSheets,
} from '../../domain/publipostage.ts';

export interface PdfRequest {
  /** Names the job in progress events and for system.cancel. */
  jobId: string;
  target: PublipostageTarget;
  options: PdfOptions;
  /** Write the PDF there (desktop « Enregistrer sous », command line): an absolute path ending in .pdf. */
  outPath: string | null;
  /** Keep the PDF in memory for the preview and « Enregistrer » (publipostage.document). */
  keep: boolean;
}

export interface PdfResult {
  /** Set when kept: read it with publipostage.document. */
  documentId: string | null;
  fileName: string;
  sheets: number;
  pages: number;
  bytes: number;
  savedTo: string | null;
  /** Selected accounts that got no sheet, and why (not in the ENT yet, blocked, pre-deleted). */
  leftOut: LeftOut;
  /** Sheets whose credentials were set smaller or broken to print whole: the preview names them. */
  shrunk: ShrunkSheets;
}

export interface PdfDocument {
  fileName: string;
  pages: number;
  /** The PDF file, base64: the renderer shows it (thumbnails, viewer) and saves or prints it. */
  base64: string;
}

/** « Imprimer » or « Ouvrir avec le lecteur PDF » in the desktop app. */
export const openPurposes = ['print', 'view'] as const;
export type OpenPurpose = (typeof openPurposes)[number];

export interface OpenedDocument {
  /** « print-dialog »: the system print dialog was shown; « viewer »: the PDF is open in the system's PDF reader. */
  openedWith: 'print-dialog' | 'viewer';
}

export interface PublipostageApi {
  'publipostage.settings'(arg: NoArg): PublipostageSettings;
  /** Letter texts (whole texts, per audience and state) and the default layout. */
  'publipostage.updateSettings'(arg: { texts?: LetterTextsChange; defaultLayout?: SheetsPerPage }): PublipostageSettings;
  /** Lays out the connection sheets; a long job (progress events, system.cancel). */
  'publipostage.generate'(arg: PdfRequest): PdfResult;
  'publipostage.document'(arg: { documentId: string }): PdfDocument;
  'publipostage.saveDocument'(arg: { documentId: string; path: string }): { savedTo: string };
  'publipostage.discardDocument'(arg: { documentId: string }): { discarded: boolean };
  /**
   * Desktop app only: hands a kept PDF to the system (the print dialog, or the PDF reader, where
   * the user prints). The browser prints from its own PDF viewer instead: `unavailable` there.
   */
  'publipostage.openDocument'(arg: { documentId: string; purpose: OpenPurpose }): OpenedDocument;
  /** Distribution follow-up: ticks (or unticks) the sheets of the target as handed out. */
  'publipostage.markHandedOut'(arg: { target: PublipostageTarget; handedOut: boolean }): { accounts: number; changed: number };
  /** Per class and school-wide: sheets handed out, accounts activated, and the progress brought by each ENT export. */
  'publipostage.followUp'(arg: NoArg): DistributionFollowUp;
  /** The page's last selection, sort, layout and options on this school file; null when it is to open on its defaults. */
  'publipostage.keptChoices'(arg: NoArg): { choices: PublipostageChoices | null };
  /** Keeps them as they change (a screen preference: no journal, no data-changed); null forgets them. */
  'publipostage.keepChoices'(arg: { choices: PublipostageChoices | null }): { kept: boolean };
}

const pdfPath = z
  .string()
  .min(1)
  .max(4096)
  .refine((path) => /\.pdf$/i.test(path), 'Le fichier doit porter l’extension .pdf.')
  .refine((path) => path.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(path) || path.startsWith('\\\\'), 'Chemin complet attendu.');

const documentId = z.string().min(10).max(100);

export const publipostageSchemas = {
  'publipostage.settings': noArg,
  'publipostage.updateSettings': z
    .object({ texts: letterTextsChangeSchema.optional(), defaultLayout: sheetsPerPageSchema.optional() })
    .strict(),
  'publipostage.generate': z
    .object({
      jobId: z.string().min(1).max(100),
      target: publipostageTargetSchema,
      options: pdfOptionsSchema,
      outPath: pdfPath.nullable(),
      keep: z.boolean(),
    })
    .strict(),
  'publipostage.document': z.object({ documentId }).strict(),
  'publipostage.saveDocument': z.object({ documentId, path: pdfPath }).strict(),
  'publipostage.discardDocument': z.object({ documentId }).strict(),
  'publipostage.openDocument': z.object({ documentId, purpose: z.enum(openPurposes) }).strict(),
  'publipostage.markHandedOut': z.object({ target: publipostageTargetSchema, handedOut: z.boolean() }).strict(),
  'publipostage.followUp': noArg,
  'publipostage.keptChoices': noArg,
  'publipostage.keepChoices': z.object({ choices: publipostageChoicesSchema.nullable() }).strict(),
} satisfies ArgSchemas<PublipostageApi>;

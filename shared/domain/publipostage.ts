import { z } from './zod.ts';
import { letterTextsSchema } from './letters.ts';
import type { Profile } from './profile.ts';
import { selectionSchema } from './selection.ts';
import { plural } from './wording.ts';

/** The three layouts of the consoles: A4 letter, two A5 halves, eight cut cards. */
export const sheetsPerPageSchema = z.union([z.literal(1), z.literal(2), z.literal(8)]);
export type SheetsPerPage = z.infer<typeof sheetsPerPageSchema>;
export const sheetsPerPageValues: readonly SheetsPerPage[] = [1, 2, 8];
export const layoutLabels: Record<SheetsPerPage, string> = {
  1: '1 par page (lettre A4)',
  2: '2 par page (A5, A4 paysage coupé en deux)',
  8: '8 par page (cartes à découper)',
};

/** Publipostage settings of Paramètres besides the school identity. */
export const publipostageSettingsSchema = z
  .object({
    texts: letterTextsSchema,
    defaultLayout: sheetsPerPageSchema,
  })
  .strict();
export type PublipostageSettings = z.infer<typeof publipostageSettingsSchema>;

/** Whose sheets: the shared selection, or named accounts (the user sheet's individual sheet). */
export const publipostageTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('selection'), selection: selectionSchema }).strict(),
  z.object({ kind: z.literal('accounts'), accountIds: z.array(z.number().int().positive()).min(1).max(50_000) }).strict(),
]);
export type PublipostageTarget = z.infer<typeof publipostageTargetSchema>;

export const pdfOptionsSchema = z
  .object({
    layout: sheetsPerPageSchema,
    /** A cover page per class (« CP A — 22 élèves, 38 parents »): sheets are then grouped by class. */
    coverPages: z.boolean(),
    /** A hand-out list per class (liste d'émargement) before its sheets. */
    handOutList: z.boolean(),
    /** The date printed on letters (AAAA-MM-JJ); today when absent. */
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'Date attendue au format AAAA-MM-JJ.')
      .optional(),
  })
  .strict();
export type PdfOptions = z.infer<typeof pdfOptionsSchema>;

/**
 * Sheets whose credentials did not fit their box at the layout's size: set smaller, or broken
 * on to several lines, so that they print whole (never cut). The preview says which.
 */
export interface ShrunkSheets {
  /** Sheets whose login (or code) was set noticeably smaller or on several lines. */
  count: number;
  /** « NOM Prénom » of the first ten of them, in print order. */
  names: string[];
  /** The ENT address, printed on every sheet, was set smaller or on several lines. */
  url: boolean;
}

export const noShrunkSheets: ShrunkSheets = { count: 0, names: [], url: false };

/** The preview's and the command line's note; null when every credential kept its size. */
export function shrunkMessage(shrunk: ShrunkSheets): string | null {
  const parts: string[] = [];
  if (shrunk.count > 0) {
    const others = shrunk.count - shrunk.names.length;
    const names = others > 0 ? `${shrunk.names.join(', ')} et ${plural(others, 'autre')}` : shrunk.names.join(', ');
    parts.push(
      shrunk.count === 1
        ? `1 fiche imprime son identifiant en plus petit ou sur plusieurs lignes pour qu’il tienne en entier : ${names}.`
        : `${plural(shrunk.count, 'fiche')} impriment leur identifiant en plus petit ou sur plusieurs lignes pour qu’il tienne en entier : ${names}.`,
    );
  }
  if (shrunk.url) parts.push('L’adresse de l’ENT est imprimée en plus petit ou sur deux lignes sur chaque fiche, pour tenir en entier.');
  return parts.length > 0 ? `${parts.join(' ')} Relisez ces fiches avant de les distribuer.` : null;
}

/** Accounts counted, and how many of them the ENT reported activated. */
export interface ActivationCount {
  accounts: number;
  activated: number;
}

/** What an import of ENT activation states changed: the state it left, and the rise it brought. */
export interface ActivationProgress extends ActivationCount {
  /** Accounts activated since the previous state (negative if the ENT reset some). */
  newlyActivated: number;
  /** The first ENT export of the school file: its activated accounts were so already. */
  first: boolean;
}

/**
 * Distribution follow-up of a class (MISSION §6): its pupils and teachers and the pupils'
 * guardians, how many got their sheet, how many activated their account.
 */
export interface ClassFollowUp extends ActivationCount {
  className: string;
  handedOut: number;
  /** Brought by the last ENT export imported; null before any. */
  newlyActivated: number | null;
  /** The class's activated share (0–1) after each export of `exports`, null where it did not exist. */
  history: (number | null)[];
}

/** One import of ENT activation states, school-wide. */
export interface ActivationExport extends ActivationProgress {
  runId: number;
  at: string;
  files: string[];
}

/** Sheets handed out and accounts activated, for the whole school or one profile. */
export interface FollowUpCount extends ActivationCount {
  handedOut: number;
}

export interface DistributionFollowUp {
  school: FollowUpCount;
  /** The profiles the school has, in the consoles' order (pupils, parents, teachers…). */
  profiles: (FollowUpCount & { profile: Profile })[];
  classes: ClassFollowUp[];
  /** The latest imports still in force that carried activation states, oldest first. */
  exports: ActivationExport[];
}

/**
 * What the director chose on the Publipostage page: the selection and its sort, the layout and
 * the distribution options (not the letter date, which is today's). Kept in the school file so
 * that leaving the page or closing Sésame loses none of it (issue #20).
 */
export const publipostageChoicesSchema = z
  .object({ selection: selectionSchema, options: pdfOptionsSchema.omit({ date: true }) })
  .strict();
export type PublipostageChoices = z.infer<typeof publipostageChoicesSchema>;

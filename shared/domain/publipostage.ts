import { z } from './zod.ts';
import { letterTextsSchema } from './letters.ts';
import { selectionSchema } from './selection.ts';

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

/** Hand-out progress of a class: its pupils and teachers and the pupils' guardians. */
export interface ClassHandOut {
  className: string;
  accounts: number;
  handedOut: number;
  notActivated: number;
}

import { z } from './zod.ts';
import { profiles } from './profile.ts';
import { entStatuses } from './account.ts';

/**
 * The filter model shared by the list, publipostage, mail and exports
 * (the consoles' "Filtrer la liste à publiposter"). An absent field means "no filter".
 */
export const yesNo = z.enum(['yes', 'no']);
export type YesNo = z.infer<typeof yesNo>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date attendue au format AAAA-MM-JJ.');

export const accountFilterSchema = z
  .object({
    profiles: z.array(z.enum(profiles)).max(5).optional(),
    classes: z.array(z.string().min(1).max(100)).max(500).optional(),
    levels: z.array(z.string().min(1).max(50)).max(50).optional(),
    activated: yesNo.optional(),
    email: yesNo.optional(),
    localAdmin: yesNo.optional(),
    blocked: yesNo.optional(),
    preDeleted: yesNo.optional(),
    /** Connection sheet handed out (suivi de la remise); a sheet with an outdated code counts as not handed out. */
    handedOut: yesNo.optional(),
    createdBefore: isoDate.optional(),
    createdSince: isoDate.optional(),
    sources: z.array(z.string().min(1).max(20)).max(10).optional(),
    /** « Pas encore dans l’ENT » ('pending') or already in it ('known'). */
    entStatus: z.enum(entStatuses).optional(),
    search: z.string().max(200).optional(),
    /** Per-column search boxes of the list (Nom, Prénom, Profil, Classe). */
    columns: z
      .object({
        lastName: z.string().max(100).optional(),
        firstName: z.string().max(100).optional(),
        profile: z.string().max(100).optional(),
        className: z.string().max(100).optional(),
      })
      .optional(),
  })
  .strict();
export type AccountFilter = z.infer<typeof accountFilterSchema>;

export const sortKeys = ['none', 'profile', 'class'] as const;
export type SortKey = (typeof sortKeys)[number];

/** Up to two keys, then always surname and first name (French collation). */
export const accountSortSchema = z.tuple([z.enum(sortKeys), z.enum(sortKeys)]);
export type AccountSort = z.infer<typeof accountSortSchema>;

export const selectionSchema = z
  .object({ filter: accountFilterSchema, sort: accountSortSchema })
  .strict();
export type Selection = z.infer<typeof selectionSchema>;

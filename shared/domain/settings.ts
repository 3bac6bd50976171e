import { z } from './zod.ts';

/** School identity and the texts its letters use (Paramètres). */
export const schoolSettingsSchema = z
  .object({
    schoolName: z.string().max(200),
    uai: z
      .string()
      .regex(/^(\d{7}[A-Z])?$/, 'Le numéro UAI compte 7 chiffres et une lettre, par exemple 0610999X.'),
    city: z.string().max(100),
    entName: z.string().max(100),
    entUrl: z.string().max(300),
    signature: z.string().max(200),
  })
  .strict();
export type SchoolSettings = z.infer<typeof schoolSettingsSchema>;

export const defaultSchoolSettings: SchoolSettings = {
  schoolName: '',
  uai: '',
  city: '',
  entName: 'ENT',
  entUrl: '',
  signature: 'La direction',
};

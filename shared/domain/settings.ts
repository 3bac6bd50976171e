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
    /** The school's logo for the letters, as a data: URL (PNG or JPEG, ≤ 512 KB); empty for none. */
    logo: z
      .string()
      .max(700_000, 'Le logo est trop lourd : choisissez une image de moins de 500 Ko.')
      .regex(/^(data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+={0,2})?$/, 'Le logo doit être une image PNG ou JPEG.'),
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
  logo: '',
};

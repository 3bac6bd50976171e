import { z } from '../../domain/zod.ts';
import type { ArgSchemas, NoArg } from '../define.ts';
import { eraseAllConfirmation } from '../../domain/privacy.ts';
import { schoolSettingsSchema, type SchoolSettings } from '../../domain/settings.ts';
import { noArg } from './no-arg.ts';

export interface SchoolInfo {
  settings: SchoolSettings;
  filePath: string;
  schemaVersion: number;
  accounts: number;
  classes: number;
  /** The file holds the « École de démonstration », fictitious data (a banner says so on every screen). */
  demo: boolean;
  /** What a real school must still fill in before any sheet is made (« le nom de l’école »…); empty when ready. */
  identityMissing: string[];
}

export interface SchoolApi {
  'school.info'(arg: NoArg): SchoolInfo;
  'school.updateSettings'(arg: Partial<SchoolSettings>): SchoolSettings;
  /** Fills the school file with « École de démonstration »; refuses a non-empty file unless replace. */
  'school.loadDemo'(arg: { replace: boolean }): { accounts: number; classes: number };
  /**
   * « Tout effacer », end of the school year: every account, class, link and journal entry is
   * erased for good (the school's settings stay); with deleteBackups, its backups too.
   */
  'school.eraseAll'(arg: { confirmation: typeof eraseAllConfirmation; deleteBackups: boolean }): { accounts: number; backupsDeleted: number };
}


export const schoolSchemas = {
  'school.info': noArg,
  'school.updateSettings': schoolSettingsSchema.partial().strict(),
  'school.loadDemo': z.object({ replace: z.boolean() }).strict(),
  'school.eraseAll': z
    .object({
      confirmation: z.literal(eraseAllConfirmation, { error: `Tapez ${eraseAllConfirmation} pour confirmer.` }),
      deleteBackups: z.boolean(),
    })
    .strict(),
} satisfies ArgSchemas<SchoolApi>;

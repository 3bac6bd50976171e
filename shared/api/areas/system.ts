import { z } from '../../domain/zod.ts';
import type { ArgSchemas, NoArg } from '../define.ts';
import { noArg } from './no-arg.ts';

export interface Versions {
  app: string;
  node: string;
  sqlite: string;
  electron: string | null;
}

/** Whether the open school file passed its start-up check (`PRAGMA quick_check`). */
export type SchoolFileState =
  | { status: 'ok' }
  /** Only `system.*` and `backups.*` answer until a backup is restored. */
  | { status: 'damaged'; message: string; detail: string }
  /** Encrypted and no key at hand here (« clé manquante ») or the key given does not fit (« clé incorrecte »): the recovery key opens it. */
  | { status: 'locked'; reason: 'missing-key' | 'wrong-key'; message: string };

export interface SystemStatus {
  filePath: string;
  backupFolder: string;
  file: SchoolFileState;
}

/** One bundled library or font, for « À propos ». */
export interface ComponentLicence {
  name: string;
  /** SPDX identifier, e.g. « MIT », « OFL-1.1 ». */
  licence: string;
  /** French, what Sésame uses it for. */
  role: string;
}

export interface SystemApi {
  'system.versions'(arg: NoArg): Versions;
  /** Asks a long job (import, PDF, mail) to stop; it ends with outcome « cancelled ». */
  'system.cancel'(arg: { jobId: string }): { cancelled: boolean };
  /** Where the school file and its backups are, and whether the file is sound: the first call of the renderer. */
  'system.status'(arg: NoArg): SystemStatus;
  'system.licences'(arg: NoArg): ComponentLicence[];
}

export const systemSchemas = {
  'system.versions': noArg,
  'system.cancel': z.object({ jobId: z.string().min(1).max(100) }).strict(),
  'system.status': noArg,
  'system.licences': noArg,
} satisfies ArgSchemas<SystemApi>;

import { z } from '../../domain/zod.ts';
import type { ArgSchemas, NoArg } from '../define.ts';
import { noArg } from './school.ts';

export interface Versions {
  app: string;
  node: string;
  sqlite: string;
  electron: string | null;
}

export interface SystemApi {
  'system.versions'(arg: NoArg): Versions;
  /** Asks a long job (import, PDF, mail) to stop; it ends with outcome « cancelled ». */
  'system.cancel'(arg: { jobId: string }): { cancelled: boolean };
}

export const systemSchemas = {
  'system.versions': noArg,
  'system.cancel': z.object({ jobId: z.string().min(1).max(100) }).strict(),
} satisfies ArgSchemas<SystemApi>;

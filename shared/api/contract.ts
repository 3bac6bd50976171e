import type { z } from 'zod';
import type { ArgOf, ValueOf } from './define.ts';
import type { DirectoryApi } from './areas/directory.ts';
import type { ImportsApi } from './areas/imports.ts';
import type { ExportsApi } from './areas/exports.ts';
import type { MailApi } from './areas/mail.ts';
import type { PublipostageApi } from './areas/publipostage.ts';
import type { SchoolApi } from './areas/school.ts';
import { systemSchemas, type SystemApi } from './areas/system.ts';
import type { BackupsApi } from './areas/backups.ts';
import type { EntTodoApi } from './areas/ent-todo.ts';
import type { EncryptionApi } from './areas/encryption.ts';

/**
 * The one contract between the core and every client. Method names are `area.verb`;
 * each takes one JSON object and answers a JSON value. Adding a method: its signature in
 * its area's interface, its schema beside it, its handler in electron/api/handlers.
 */
export interface SesameApi extends SchoolApi, DirectoryApi, ImportsApi, PublipostageApi, ExportsApi, MailApi, SystemApi, BackupsApi, EntTodoApi, EncryptionApi {}

export type ApiMethod = keyof SesameApi;
export type ApiArg<M extends ApiMethod> = ArgOf<SesameApi[M]>;
export type ApiValue<M extends ApiMethod> = ValueOf<SesameApi[M]>;

/**
 * Each area's argument schemas, built on the first call of that area: a script that lists
 * accounts never builds the schemas of imports or mail. The method names come from the schemas
 * (each area's `satisfies ArgSchemas<Area>` keeps them equal to its interface).
 */
const areaSchemas = {
  school: async () => (await import('./areas/school.ts')).schoolSchemas,
  directory: async () => (await import('./areas/directory.ts')).directorySchemas,
  imports: async () => (await import('./areas/imports.ts')).importsSchemas,
  publipostage: async () => (await import('./areas/publipostage.ts')).publipostageSchemas,
  exports: async () => (await import('./areas/exports.ts')).exportsSchemas,
  mail: async () => (await import('./areas/mail.ts')).mailSchemas,
  // Loaded with the contract: « Annuler » must answer at once, even in the middle of a mailing.
  system: async () => systemSchemas,
  backups: async () => (await import('./areas/backups.ts')).backupsSchemas,
  entTodo: async () => (await import('./areas/ent-todo.ts')).entTodoSchemas,
  encryption: async () => (await import('./areas/encryption.ts')).encryptionSchemas,
} satisfies Record<string, () => Promise<Record<string, z.ZodType>>>;

export type ApiArea = keyof typeof areaSchemas;

/** The area of `area.verb`, or null when no area has that name. */
export function areaOf(method: string): ApiArea | null {
  const area = method.slice(0, method.indexOf('.'));
  return Object.hasOwn(areaSchemas, area) ? (area as ApiArea) : null;
}

/** The argument schema of a method of the contract, or null when there is no such method. */
export async function argSchemaOf(method: string): Promise<z.ZodType | null> {
  const area = areaOf(method);
  if (!area) return null;
  const schemas: Record<string, z.ZodType> = loadedSchemas.get(area) ?? (await areaSchemas[area]());
  loadedSchemas.set(area, schemas);
  return Object.hasOwn(schemas, method) ? (schemas[method] as z.ZodType) : null;
}

/** Areas already loaded answer without another trip through the module loader. */
const loadedSchemas = new Map<ApiArea, Record<string, z.ZodType>>();

/** Every method of the contract (builds every area's schemas: for usage messages and tests). */
export async function allApiMethods(): Promise<ApiMethod[]> {
  const areas = await Promise.all(Object.values(areaSchemas).map((load) => load()));
  return areas.flatMap((schemas) => Object.keys(schemas)) as ApiMethod[];
}

/** What still answers while the school file is damaged or locked: enough to see it, restore a backup, or give its key. */
export function availableWhenDamaged(method: ApiMethod): boolean {
  return method.startsWith('system.') || method.startsWith('backups.') || method.startsWith('encryption.');
}

export { createClient, type ApiClient, type Transport } from './client.ts';

import type { ArgOf, ValueOf } from './define.ts';
import { directorySchemas, type DirectoryApi } from './areas/directory.ts';
import { importsSchemas, type ImportsApi } from './areas/imports.ts';
import { exportsSchemas, type ExportsApi } from './areas/exports.ts';
import { mailSchemas, type MailApi } from './areas/mail.ts';
import { publipostageSchemas, type PublipostageApi } from './areas/publipostage.ts';
import { schoolSchemas, type SchoolApi } from './areas/school.ts';
import { systemSchemas, type SystemApi } from './areas/system.ts';
import { backupsSchemas, type BackupsApi } from './areas/backups.ts';
import { entTodoSchemas, type EntTodoApi } from './areas/ent-todo.ts';
import { encryptionSchemas, type EncryptionApi } from './areas/encryption.ts';

/**
 * The one contract between the core and every client. Method names are `area.verb`;
 * each takes one JSON object and answers a JSON value. Adding a method: its signature in
 * its area's interface, its schema beside it, its handler in electron/api/handlers.
 */
export interface SesameApi extends SchoolApi, DirectoryApi, ImportsApi, PublipostageApi, ExportsApi, MailApi, SystemApi, BackupsApi, EntTodoApi, EncryptionApi {}

export type ApiMethod = keyof SesameApi;
export type ApiArg<M extends ApiMethod> = ArgOf<SesameApi[M]>;
export type ApiValue<M extends ApiMethod> = ValueOf<SesameApi[M]>;

export const argSchemas = {
  ...schoolSchemas,
  ...directorySchemas,
  ...importsSchemas,
  ...publipostageSchemas,
  ...exportsSchemas,
  ...mailSchemas,
  ...systemSchemas,
  ...backupsSchemas,
  ...entTodoSchemas,
  ...encryptionSchemas,
} as const;

/** What still answers while the school file is damaged or locked: enough to see it, restore a backup, or give its key. */
export function availableWhenDamaged(method: ApiMethod): boolean {
  return method.startsWith('system.') || method.startsWith('backups.') || method.startsWith('encryption.');
}

export const apiMethods = Object.keys(argSchemas) as ApiMethod[];

export function isApiMethod(name: string): name is ApiMethod {
  return Object.hasOwn(argSchemas, name);
}

export { createClient, type ApiClient, type Transport } from './client.ts';

import type { ApiArea, ApiArg, ApiMethod, ApiValue } from '../../../shared/api/contract.ts';
import type { CoreContext } from '../context.ts';
import { systemHandlers } from './system.ts';

type Handler<M extends ApiMethod> = (context: CoreContext, arg: ApiArg<M>) => ApiValue<M> | Promise<ApiValue<M>>;
export type Handlers = { [M in ApiMethod]: Handler<M> };
type AnyHandler = (context: CoreContext, arg: unknown) => unknown;

/**
 * Each area's handlers, loaded on the first call of that area: opening the app or listing
 * accounts never loads the PDF, spreadsheet, Word or mail code of the other areas.
 */
const areaHandlers: Record<ApiArea, () => Promise<object>> = {
  school: async () => (await import('./school.ts')).schoolHandlers,
  directory: async () => (await import('./directory.ts')).directoryHandlers,
  imports: async () => (await import('./imports.ts')).importsHandlers,
  publipostage: async () => (await import('./publipostage.ts')).publipostageHandlers,
  exports: async () => (await import('./exports.ts')).exportsHandlers,
  mail: async () => (await import('./mail.ts')).mailHandlers,
  // Loaded with dispatch: « Annuler » must answer at once, even in the middle of a mailing.
  system: async () => systemHandlers,
  backups: async () => (await import('./backups.ts')).backupsHandlers,
  entTodo: async () => (await import('./ent-todo.ts')).entTodoHandlers,
  encryption: async () => (await import('./encryption.ts')).encryptionHandlers,
};

/** One area's handlers, refusing a method declared in the wrong area (it could never be found). */
async function loadArea(area: ApiArea): Promise<Record<string, AnyHandler>> {
  const loaded = loadedAreas.get(area);
  if (loaded) return loaded;
  const handlers = (await areaHandlers[area]()) as Record<string, AnyHandler>;
  const stray = Object.keys(handlers).find((name) => !name.startsWith(`${area}.`));
  if (stray) throw new Error(`API method ${stray} declared in the handlers of ${area}`);
  loadedAreas.set(area, handlers);
  return handlers;
}

/** Areas already loaded answer without another trip through the module loader. */
const loadedAreas = new Map<ApiArea, Record<string, AnyHandler>>();

/** The handler of a method of the contract (the caller has checked the method exists). */
export async function handlerOf(area: ApiArea, method: ApiMethod): Promise<AnyHandler | undefined> {
  return (await loadArea(area))[method];
}

/** Every handler, refusing a method declared twice (tests of the contract as a whole). */
export async function allHandlers(): Promise<Handlers> {
  const all: Record<string, AnyHandler> = {};
  for (const area of Object.keys(areaHandlers) as ApiArea[]) {
    for (const [name, handler] of Object.entries(await loadArea(area))) {
      if (Object.hasOwn(all, name)) throw new Error(`API method declared twice: ${name}`);
      all[name] = handler;
    }
  }
  return all as Handlers;
}

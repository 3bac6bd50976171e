import type { ApiArg, ApiMethod, ApiValue } from '../../../shared/api/contract.ts';
import type { CoreContext } from '../context.ts';
import { backupsHandlers } from './backups.ts';
import { directoryHandlers } from './directory.ts';
import { encryptionHandlers } from './encryption.ts';
import { entTodoHandlers } from './ent-todo.ts';
import { importsHandlers } from './imports.ts';
import { exportsHandlers } from './exports.ts';
import { mailHandlers } from './mail.ts';
import { publipostageHandlers } from './publipostage.ts';
import { schoolHandlers } from './school.ts';
import { systemHandlers } from './system.ts';

type Handler<M extends ApiMethod> = (context: CoreContext, arg: ApiArg<M>) => ApiValue<M> | Promise<ApiValue<M>>;
export type Handlers = { [M in ApiMethod]: Handler<M> };

/** Merges the areas, refusing at start-up a method declared twice. */
function combine(...areas: object[]): Handlers {
  const all: Record<string, unknown> = {};
  for (const area of areas) {
    for (const [name, handler] of Object.entries(area)) {
      if (Object.hasOwn(all, name)) throw new Error(`API method declared twice: ${name}`);
      all[name] = handler;
    }
  }
  return all as Handlers;
}

export const handlers: Handlers = combine(
  schoolHandlers,
  directoryHandlers,
  importsHandlers,
  publipostageHandlers,
  exportsHandlers,
  mailHandlers,
  systemHandlers,
  backupsHandlers,
  entTodoHandlers,
  encryptionHandlers,
);

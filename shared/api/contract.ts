import type { ArgOf, ValueOf } from './define.ts';
import type { Result } from './result.ts';
import type { SesameEvent } from './events.ts';
import { directorySchemas, type DirectoryApi } from './areas/directory.ts';
import { importsSchemas, type ImportsApi } from './areas/imports.ts';
import { schoolSchemas, type SchoolApi } from './areas/school.ts';
import { systemSchemas, type SystemApi } from './areas/system.ts';

/**
 * The one contract between the core and every client. Method names are `area.verb`;
 * each takes one JSON object and answers a JSON value. Adding a method: its signature in
 * its area's interface, its schema beside it, its handler in electron/api/handlers.
 */
export interface SesameApi extends SchoolApi, DirectoryApi, ImportsApi, SystemApi {}

export type ApiMethod = keyof SesameApi;
export type ApiArg<M extends ApiMethod> = ArgOf<SesameApi[M]>;
export type ApiValue<M extends ApiMethod> = ValueOf<SesameApi[M]>;

export const argSchemas = {
  ...schoolSchemas,
  ...directorySchemas,
  ...importsSchemas,
  ...systemSchemas,
} as const;

export const apiMethods = Object.keys(argSchemas) as ApiMethod[];

export function isApiMethod(name: string): name is ApiMethod {
  return Object.hasOwn(argSchemas, name);
}

type AreaOf<M> = M extends `${infer A}.${string}` ? A : never;
type VerbsOf<A extends string> = {
  [M in ApiMethod as M extends `${A}.${infer V}` ? V : never]: (
    arg: ApiArg<M>,
  ) => Promise<Result<ApiValue<M>>>;
};

/** What the renderer (and tests) hold: `api.directory.list({...})`. */
export type ApiClient = { [A in AreaOf<ApiMethod>]: VerbsOf<A> };

/** A transport only needs to move one call and deliver events. */
export interface Transport {
  call(method: string, arg: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: SesameEvent) => void): () => void;
}

/** Builds the typed client over any transport. */
export function createClient(transport: Transport): ApiClient {
  return new Proxy({} as ApiClient, {
    get(_target, area) {
      if (typeof area !== 'string') return undefined;
      return new Proxy(
        {},
        {
          get(_inner, verb) {
            if (typeof verb !== 'string') return undefined;
            return (arg: unknown) => transport.call(`${area}.${verb}`, arg);
          },
        },
      );
    },
  });
}

import type { ApiArg, ApiMethod, ApiValue } from './contract.ts';
import type { SesameEvent } from './events.ts';
import type { Result } from './result.ts';

/** A transport only needs to move one call and deliver events. */
export interface Transport {
  call(method: string, arg: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: SesameEvent) => void): () => void;
}

type AreaOf<M> = M extends `${infer A}.${string}` ? A : never;
type VerbsOf<A extends string> = {
  [M in ApiMethod as M extends `${A}.${infer V}` ? V : never]: (
    arg: ApiArg<M>,
  ) => Promise<Result<ApiValue<M>>>;
};

/** What the renderer (and tests) hold: `api.directory.list({...})`. */
export type ApiClient = { [A in AreaOf<ApiMethod>]: VerbsOf<A> };

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

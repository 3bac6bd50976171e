import type { z } from 'zod';

/** Methods with nothing to say take an empty object, so every call carries one JSON object. */
export type NoArg = Record<string, never>;

export type AnyMethod = (arg: never) => unknown;
export type ArgOf<F> = F extends (arg: infer A) => unknown ? A : never;
export type ValueOf<F> = F extends (arg: never) => infer R ? R : never;

/**
 * The argument schema of each method of an area. `satisfies ArgSchemas<Area>` makes the
 * compiler check that every method has a schema whose output is exactly its argument type.
 */
export type ArgSchemas<T> = { [M in keyof T]: z.ZodType<ArgOf<T[M]>> };

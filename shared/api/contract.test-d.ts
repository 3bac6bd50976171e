import { describe, expectTypeOf, it } from 'vitest';
import type { ApiClient } from './client.ts';
import type { ApiArg, ApiMethod, ApiValue } from './contract.ts';
import type { ListPage, ListQuery } from './areas/directory.ts';
import type { Result } from './result.ts';

describe('the typed contract', () => {
  it('derives argument and value types per method', () => {
    expectTypeOf<ApiArg<'directory.list'>>().toEqualTypeOf<ListQuery>();
    expectTypeOf<ApiValue<'directory.list'>>().toEqualTypeOf<ListPage>();
  });

  it('gives the client one promise of Result per method, grouped by area', () => {
    expectTypeOf<ApiClient['directory']['list']>().parameter(0).toEqualTypeOf<ListQuery>();
    expectTypeOf<ApiClient['directory']['list']>().returns.toEqualTypeOf<Promise<Result<ListPage>>>();
    expectTypeOf<ApiClient['school']['loadDemo']>().parameter(0).toEqualTypeOf<{ replace: boolean }>();
  });

  it('names methods area.verb only', () => {
    expectTypeOf<ApiMethod>().toMatchTypeOf<`${string}.${string}`>();
  });
});

import { describe, expectTypeOf, it } from 'vitest';
import type { SchoolApi } from '../../../shared/api/areas/school.ts';
import type { ListPage, ListQuery } from '../../../shared/api/areas/directory.ts';
import type { CoreContext } from '../context.ts';
import type { Handlers } from './index.ts';
import type { AreaHandlers } from './types.ts';

describe('handlers typed from the contract', () => {
  it('take the context and the method’s argument', () => {
    expectTypeOf<AreaHandlers<SchoolApi>['school.loadDemo']>().parameter(0).toEqualTypeOf<CoreContext>();
    expectTypeOf<AreaHandlers<SchoolApi>['school.loadDemo']>().parameter(1).toEqualTypeOf<{ replace: boolean }>();
    expectTypeOf<Handlers['directory.list']>().parameter(1).toEqualTypeOf<ListQuery>();
  });

  it('answer the method’s value, sync or async', () => {
    expectTypeOf<Handlers['directory.list']>().returns.toEqualTypeOf<ListPage | Promise<ListPage>>();
  });
});

import type { ArgOf, ValueOf } from '../../../shared/api/define.ts';
import type { CoreContext } from '../context.ts';

/** The handlers of one area of the contract, typed from its interface. */
export type AreaHandlers<Area> = {
  [M in keyof Area]: (context: CoreContext, arg: ArgOf<Area[M]>) => ValueOf<Area[M]> | Promise<ValueOf<Area[M]>>;
};

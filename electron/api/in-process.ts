import type { Transport } from '../../shared/api/client.ts';
import type { Result } from '../../shared/api/result.ts';
import type { CoreContext } from './context.ts';
import { dispatch } from './dispatch.ts';

/** JSON round-trips both ways, so nothing that would not survive IPC or HTTP slips through. */
export function inProcessTransport(context: CoreContext): Transport {
  return {
    async call(method, arg) {
      const sent: unknown = arg === undefined ? undefined : JSON.parse(JSON.stringify(arg));
      const result = await dispatch(context, method, sent);
      return JSON.parse(JSON.stringify(result)) as Result<unknown>;
    },
    subscribe(listener) {
      return context.events.subscribe((event) => listener(JSON.parse(JSON.stringify(event))));
    },
  };
}

import type { Transport } from '../../shared/api/client.ts';
import type { Result } from '../../shared/api/result.ts';
import type { CoreContext } from './context.ts';
import { dispatch } from './dispatch.ts';
import { jsonCopy } from './json-copy.ts';

/** Copies as a JSON round trip would, both ways: nothing that would not survive IPC or HTTP slips through. */
export function inProcessTransport(context: CoreContext): Transport {
  return {
    async call(method, arg) {
      const sent = jsonCopy(arg);
      const result = await dispatch(context, method, sent);
      return jsonCopy(result) as Result<unknown>;
    },
    subscribe(listener) {
      return context.events.subscribe((event) => listener(jsonCopy(event) as typeof event));
    },
  };
}

import { createClient } from '../../../shared/api/client.ts';
import type { SesameEvent } from '../../../shared/api/events.ts';
import type { Result } from '../../../shared/api/result.ts';
import { createTransport } from './transport.ts';
import { toasts } from './components/toasts.svelte.ts';

const transport = createTransport();

/** The typed client: `await api.directory.list({...})` answers a Result. */
export const api = createClient(transport);

export function onEvent(listener: (event: SesameEvent) => void): () => void {
  return transport.subscribe(listener);
}

/** The value of a Result, or null after telling the user what went wrong. */
export function valueOrToast<T>(result: Result<T>): T | null {
  if (result.ok) return result.value;
  if (result.error.code !== 'cancelled') toasts.error(result.error.message);
  return null;
}

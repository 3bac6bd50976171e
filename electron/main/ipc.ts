import type { SesameEvent } from '../../shared/api/events.ts';
import { fail, type Result } from '../../shared/api/result.ts';
import type { CoreContext } from '../api/context.ts';
import { dispatch } from '../api/dispatch.ts';
import { isTrustedSender, type SenderFrame } from './security.ts';

/** What `ipcMain.handle` gives us that we use. */
export interface IpcCallEvent {
  senderFrame: SenderFrame | null;
}

/**
 * The one IPC channel: checks that the call comes from our own top-level app:// page, then
 * hands it to dispatch(), which rejects unknown methods and validates the argument.
 */
export function createCallHandler(context: CoreContext): (event: IpcCallEvent, method: unknown, arg: unknown) => Promise<Result<unknown>> {
  return async (event, method, arg) => {
    if (!isTrustedSender(event.senderFrame)) return fail('forbidden', 'Requête refusée : elle ne vient pas de la fenêtre de Sésame.');
    return dispatch(context, typeof method === 'string' ? method : '', arg);
  };
}

export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, event: SesameEvent): void;
}

/** Forwards every core event to the window while it exists; returns the unsubscribe. */
export function forwardEvents(context: CoreContext, target: EventTarget, channel: string): () => void {
  return context.events.subscribe((event) => {
    if (!target.isDestroyed()) target.send(channel, event);
  });
}

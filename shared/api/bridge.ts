import type { SesameEvent } from './events.ts';
import type { Result } from './result.ts';

/**
 * The only thing the Electron preload exposes to the page: `window.sesame`. One call, one event
 * stream; the web host gives the renderer the same two functions over HTTP and SSE.
 */
export interface SesameBridge {
  call(method: string, arg: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: SesameEvent) => void): () => void;
}

/** The IPC channels between the preload and the main process. */
export const ipcChannels = {
  /** renderer → main: `invoke(call, method, arg)` answers a Result. */
  call: 'sesame:call',
  /** main → renderer: one SesameEvent per message. */
  event: 'sesame:event',
} as const;

/** The custom protocol the window is served from (see electron/main/protocol.ts). */
export const appScheme = 'app';
export const appHost = 'sesame';
export const appEntryUrl = `${appScheme}://${appHost}/index.html`;

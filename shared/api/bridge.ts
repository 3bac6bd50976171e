import type { Transport } from './contract.ts';

/**
 * What the Electron preload exposes as `window.sesame`, and nothing more: one call, one event
 * stream. The renderer's client detects it and wraps it with createClient(); the web host gives
 * the same two functions over HTTP and SSE.
 */
export type SesameBridge = Transport;

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
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;

declare global {
  interface Window {
    /** Present in the desktop app only (undefined in the browser served by the web host). */
    sesame?: SesameBridge;
  }
}

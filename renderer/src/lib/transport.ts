import type { Transport } from '../../../shared/api/client.ts';
import type { SesameBridge } from '../../../shared/api/bridge.ts';
import type { SesameEvent } from '../../../shared/api/events.ts';
import { fail, type Result } from '../../../shared/api/result.ts';

declare global {
  interface Window {
    sesame?: SesameBridge;
  }
}

/**
 * True in the Electron window (its preload gives `window.sesame`), false in a browser on the web
 * host. The window opens no new tab or window: what a browser does that way, the desktop app
 * asks the main process to do through the API (publipostage.openDocument…).
 */
export function inDesktopApp(): boolean {
  return window.sesame !== undefined;
}

const tokenKey = 'sesame-token';

/** Web mode: the host prints `…/#token=…`; keep it for this tab and clean the address bar. */
function takeToken(): string {
  const match = /token=([\w-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(tokenKey, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(tokenKey) ?? '';
}

function httpTransport(): Transport {
  const token = takeToken();
  const headers = { 'Content-Type': 'application/json', 'X-Sesame-Token': token };
  return {
    async call(method, arg) {
      try {
        const response = await fetch('/api/call', { method: 'POST', headers, body: JSON.stringify({ method, arg }) });
        return (await response.json()) as Result<unknown>;
      } catch {
        return fail('unavailable', 'Sésame ne répond plus : le serveur local est-il toujours lancé ?');
      }
    },
    subscribe: sharedEventStream(token),
  };
}

/**
 * One SSE connection for every subscriber: a browser keeps at most six connections per host,
 * so a stream per subscriber would soon queue the API calls behind them.
 */
function sharedEventStream(token: string): Transport['subscribe'] {
  const listeners = new Set<(event: SesameEvent) => void>();
  let controller: AbortController | null = null;
  return (listener) => {
    listeners.add(listener);
    if (!controller) {
      controller = new AbortController();
      void streamEvents(controller.signal, token, (event) => {
        for (const each of [...listeners]) each(event);
      });
    }
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) {
        controller?.abort();
        controller = null;
      }
    };
  };
}

/** Server-sent events read with fetch, so the token travels in a header, not in a URL. */
async function streamEvents(signal: AbortSignal, token: string, listener: (event: SesameEvent) => void): Promise<void> {
  while (!signal.aborted) {
    try {
      const response = await fetch('/api/events', { headers: { 'X-Sesame-Token': token }, signal });
      if (!response.body) return;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').find((line) => line.startsWith('data: '));
          if (data) listener(JSON.parse(data.slice(6)) as SesameEvent);
        }
      }
    } catch {
      if (signal.aborted) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** The desktop bridge when running in Electron, the loopback host otherwise. */
export function createTransport(): Transport {
  const bridge = window.sesame;
  if (bridge) return { call: (method, arg) => bridge.call(method, arg), subscribe: (listener) => bridge.subscribe(listener) };
  return httpTransport();
}

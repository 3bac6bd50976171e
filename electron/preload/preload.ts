import { contextBridge, ipcRenderer } from 'electron';
import { ipcChannels, type SesameBridge } from '../../shared/api/bridge.ts';
import type { SesameEvent } from '../../shared/api/events.ts';

/*
 * The whole bridge: `window.sesame.call(method, arg)` and `window.sesame.subscribe(listener)`.
 * Nothing of Electron or Node reaches the page; the main process checks every call's sender
 * and validates its argument. Sandboxed preloads cannot load modules: this file is bundled
 * to a single CommonJS file (vite.electron.config.ts).
 */

// One IPC listener fans events out to every subscriber of the page.
const listeners = new Set<(event: SesameEvent) => void>();
ipcRenderer.on(ipcChannels.event, (_event, event: SesameEvent) => {
  for (const listener of [...listeners]) listener(event);
});

const bridge: SesameBridge = {
  call: (method, arg) => ipcRenderer.invoke(ipcChannels.call, String(method), arg),
  subscribe(listener) {
    const own = (event: SesameEvent) => listener(event);
    listeners.add(own);
    return () => {
      listeners.delete(own);
    };
  },
};

contextBridge.exposeInMainWorld('sesame', bridge);

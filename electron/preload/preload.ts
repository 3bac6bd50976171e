import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { ipcChannels, type SesameBridge } from '../../shared/api/bridge.ts';
import type { SesameEvent } from '../../shared/api/events.ts';

/*
 * The whole bridge: `window.sesame.call(method, arg)` and `window.sesame.subscribe(listener)`.
 * Nothing of Electron or Node reaches the page; the main process checks every call's sender
 * and validates its argument. Sandboxed preloads cannot load modules: this file is bundled
 * to a single CommonJS file (vite.electron.config.ts).
 */
const bridge: SesameBridge = {
  call: (method, arg) => ipcRenderer.invoke(ipcChannels.call, String(method), arg),
  subscribe(listener) {
    const forward = (_event: IpcRendererEvent, event: SesameEvent) => listener(event);
    ipcRenderer.on(ipcChannels.event, forward);
    return () => {
      ipcRenderer.removeListener(ipcChannels.event, forward);
    };
  },
};

contextBridge.exposeInMainWorld('sesame', bridge);

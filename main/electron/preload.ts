/**
 * The window's preload script: exposes `window.upstockDearSync` (`RendererBridge`) and nothing
 * else. A sandboxed preload can only require Electron's renderer modules, so this file imports
 * only types from the rest of the project. scripts/build-electron.mjs transpiles it alone to
 * CommonJS (out/main/electron/preload.cjs).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { IpcChannel, IpcEvents, RendererBridge } from '../../shared/ipc.js';

// `satisfies` makes the build fail when a channel or event of shared/ipc.ts is missing here,
// and rejects names that are not in the contract.
const CHANNELS = {
  'status:get': true,
  'dear:connect': true,
  'upstock:connect': true,
  'agent:disconnect': true,
  'products:list': true,
  'products:facets': true,
  'products:select': true,
  'sync:now': true,
  'sync:pause': true,
  'sync:resume': true,
  'runs:list': true,
  'orders:attention': true,
  'orders:retry': true,
  'settings:get': true,
  'settings:update': true,
  'notifications:list': true,
} satisfies Record<IpcChannel, true>;

const EVENTS = {
  'status:changed': true,
  'sync:progress': true,
  'notification:added': true,
} satisfies Record<keyof IpcEvents, true>;

function isChannel(name: unknown): name is IpcChannel {
  return typeof name === 'string' && Object.hasOwn(CHANNELS, name);
}

function isEvent(name: unknown): name is keyof IpcEvents {
  return typeof name === 'string' && Object.hasOwn(EVENTS, name);
}

const bridge: RendererBridge = {
  invoke(channel, request) {
    if (!isChannel(channel)) {
      return Promise.reject(new Error(`Unknown channel ${String(channel)}: not in shared/ipc.ts.`));
    }
    return ipcRenderer.invoke(channel, request);
  },
  on(event, listener) {
    if (!isEvent(event)) throw new Error(`Unknown event ${String(event)}: not in shared/ipc.ts.`);
    // The page gets the payload only, never Electron's event object (it contains the sender).
    const forward = (_event: IpcRendererEvent, payload: IpcEvents[typeof event]) =>
      listener(payload);
    ipcRenderer.on(event, forward);
    return () => {
      ipcRenderer.removeListener(event, forward);
    };
  },
};

contextBridge.exposeInMainWorld('upstockDearSync', bridge);

import type { IpcRendererEvent } from 'electron';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { IpcChannel, RendererBridge } from '../../shared/ipc.js';
import { requestSchemas } from '../../main/electron/ipc/request-schemas.js';

type Listener = (event: IpcRendererEvent, ...args: unknown[]) => void;

const electronMock = vi.hoisted(() => {
  const listeners = new Map<string, Set<Listener>>();
  const exposed: Record<string, unknown> = {};
  return {
    listeners,
    exposed,
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => {
        exposed[key] = api;
      },
    },
    ipcRenderer: {
      invoke: vi.fn((channel: string, request: unknown) => Promise.resolve({ channel, request })),
      on(channel: string, listener: Listener) {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(listener);
        return this as unknown as Electron.IpcRenderer;
      },
      removeListener(channel: string, listener: Listener) {
        listeners.get(channel)?.delete(listener);
        return this as unknown as Electron.IpcRenderer;
      },
    },
  };
});

vi.mock('electron', () => ({
  contextBridge: electronMock.contextBridge satisfies Pick<
    Electron.ContextBridge,
    'exposeInMainWorld'
  >,
  ipcRenderer: electronMock.ipcRenderer satisfies Pick<
    Electron.IpcRenderer,
    'invoke' | 'on' | 'removeListener'
  >,
}));

describe('preload bridge', () => {
  let bridge: RendererBridge;

  beforeAll(async () => {
    await import('../../main/electron/preload.js');
    bridge = electronMock.exposed.upstockDearSync as RendererBridge;
  });

  it('exposes only window.upstockDearSync', () => {
    expect(Object.keys(electronMock.exposed)).toEqual(['upstockDearSync']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
  });

  it('forwards every contract channel', async () => {
    for (const channel of Object.keys(requestSchemas) as IpcChannel[]) {
      await expect(bridge.invoke(channel, undefined as never)).resolves.toEqual({
        channel,
        request: undefined,
      });
    }
  });

  it('rejects a channel outside the contract', async () => {
    electronMock.ipcRenderer.invoke.mockClear();
    await expect(
      bridge.invoke('shell:openExternal' as IpcChannel, undefined as never),
    ).rejects.toThrow(/Unknown channel shell:openExternal/);
    expect(electronMock.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('passes event payloads without the Electron event', () => {
    const received: unknown[][] = [];
    const unsubscribe = bridge.on('sync:progress', (...args: unknown[]) => {
      received.push(args);
    });
    const progress = { job: 'prices', runId: 4, phase: 'price lists', done: 2, total: 5 };
    const fakeEvent = { sender: 'the ipcRenderer object' } as unknown as IpcRendererEvent;
    for (const listener of electronMock.listeners.get('sync:progress') ?? [])
      listener(fakeEvent, progress);
    expect(received).toEqual([[progress]]);

    unsubscribe();
    expect(electronMock.listeners.get('sync:progress')?.size).toBe(0);
  });

  it('rejects an event outside the contract', () => {
    expect(() => bridge.on('app:quit' as 'status:changed', () => undefined)).toThrow(
      /Unknown event app:quit/,
    );
  });
});

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { IpcMain } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  createIpcHandlers,
  type IpcHandlerDependencies,
} from '../../main/electron/ipc/handlers.js';
import {
  guardedHandler,
  IpcRequestRejectedError,
  registerIpcHandlers,
} from '../../main/electron/ipc/register.js';
import { requestSchemas } from '../../main/electron/ipc/request-schemas.js';
import { isTrustedSender } from '../../main/electron/ipc/trusted-sender.js';
import type { EngineApi } from '../../main/engine-types.js';
import { DEFAULT_SETTINGS } from '../../shared/settings.js';
import { makeStatus } from './helpers/status.js';

const RENDERER_INDEX = path.resolve(
  '/opt/upstock-dear-sync/resources/app.asar/out/renderer/index.html',
);
const OWN_FRAME = { url: pathToFileURL(RENDERER_INDEX).href, parent: null };
const ACCOUNT_ID = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const APPLICATION_KEY = 'a0b1c2d3-e4f5-4a6b-8c7d-8e9f0a1b2c3d';

function fakeEngine() {
  return {
    status: vi.fn(() => makeStatus()),
    connectDear: vi.fn(() => Promise.resolve({ company: 'Harbour Wholesale', currency: 'NZD' })),
    connectUpstock: vi.fn(() => Promise.resolve({ supplier: 'Harbour Wholesale' })),
    disconnect: vi.fn(() => Promise.resolve()),
    listProducts: vi.fn(() => ({ total: 0, products: [] })),
    productFacets: vi.fn(() => ({ categories: [], brands: [], statuses: [] })),
    selectProducts: vi.fn((ids: string[]) => ids.length),
    deselectProducts: vi.fn((ids: string[]) => ids.length),
    syncNow: vi.fn(() => Promise.resolve([])),
    pause: vi.fn(),
    resume: vi.fn(),
    runs: vi.fn(() => []),
    settings: vi.fn(() => DEFAULT_SETTINGS),
    updateSettings: vi.fn(() => DEFAULT_SETTINGS),
    on: vi.fn(() => () => undefined),
    start: vi.fn(() => Promise.resolve()),
    stop: vi.fn(() => Promise.resolve()),
    ordersNeedingAttention: vi.fn(() => [
      {
        kind: 'parked' as const,
        orderId: 'o-1',
        orderNumber: 'UP-1001',
        customer: 'Corner Cafe Ltd',
        reason: 'Unknown product',
        since: '2026-12-04T11:00:00.000Z',
      },
    ]),
    retryOrder: vi.fn((_orderId: string) => Promise.resolve()),
  } satisfies EngineApi;
}

function setUp(changes: Partial<IpcHandlerDependencies> = {}) {
  const engine = fakeEngine();
  const pauses = {
    pauseByMerchant: vi.fn<(until: Date | null) => void>(),
    resumeByMerchant: vi.fn(),
  };
  const onSettingsChanged = vi.fn();
  const handlers = createIpcHandlers({
    engine,
    pauses,
    notifications: {
      list: () => [{ id: 'n1', title: 't', body: 'b', at: '2026-12-04T12:00:00.000Z' }],
    },
    onSettingsChanged,
    now: () => Date.parse('2026-12-04T12:00:00.000Z'),
    ...changes,
  });
  const log = { error: vi.fn(), warn: vi.fn(), info: vi.fn(), debug: vi.fn() };
  const call = (
    channel: keyof typeof requestSchemas,
    request: unknown,
    frame: unknown = OWN_FRAME,
  ) =>
    guardedHandler(channel, { handlers, rendererIndex: RENDERER_INDEX, log })(
      { senderFrame: frame as never },
      request,
    );
  return { engine, pauses, onSettingsChanged, log, call };
}

describe('IPC request validation', () => {
  it('passes a valid request to the engine', async () => {
    const { engine, call } = setUp();
    await expect(
      call('dear:connect', { accountId: ACCOUNT_ID, applicationKey: APPLICATION_KEY }),
    ).resolves.toEqual({
      company: 'Harbour Wholesale',
      currency: 'NZD',
    });
    expect(engine.connectDear).toHaveBeenCalledWith({
      accountId: ACCOUNT_ID,
      applicationKey: APPLICATION_KEY,
    });
  });

  it.each([
    ['dear:connect', { accountId: 'not-a-guid', applicationKey: APPLICATION_KEY }, /accountId/],
    ['dear:connect', { accountId: ACCOUNT_ID }, /applicationKey/],
    ['products:select', { ids: [1, 2], selected: true }, /ids/],
    ['products:list', { limit: 1_000_000 }, /limit/],
    ['products:list', { search: 'x', extra: true }, /extra/],
    ['sync:now', { job: 'everything' }, /job/],
    ['sync:pause', { minutes: -5 }, /minutes/],
    ['sync:pause', { minutes: 1.5 }, /minutes/],
    ['orders:retry', { orderId: '' }, /orderId/],
    ['settings:update', { app: { startAtLogin: 'yes', updateChannel: 'latest' } }, /startAtLogin/],
    [
      'settings:update',
      { schedules: { ...DEFAULT_SETTINGS.schedules, prices: 'every minute' } },
      /prices/,
    ],
    ['status:get', { anything: true }, /status:get/],
    ['agent:disconnect', 'keep', /keepData|object/],
  ] as const)('rejects malformed %s', async (channel, request, field) => {
    const { engine, call, log } = setUp();
    const result = call(channel, request);
    await expect(result).rejects.toBeInstanceOf(IpcRequestRejectedError);
    await expect(result).rejects.toThrow(new RegExp(`Invalid request on ${channel}`));
    await expect(result).rejects.toThrow(field);
    for (const method of Object.values(engine)) expect(method).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalled();
  });

  it('accepts undefined and null for channels without a request', async () => {
    const { call } = setUp();
    await expect(call('status:get', undefined)).resolves.toMatchObject({
      ordersNeedingAttention: 0,
    });
    await expect(call('status:get', null)).resolves.toMatchObject({ ordersNeedingAttention: 0 });
  });
});

describe('IPC sender check', () => {
  it.each([
    ['a web page', { url: 'https://example.com/index.html', parent: null }],
    ['another local file', { url: pathToFileURL('/tmp/evil/index.html').href, parent: null }],
    ['a sub-frame', { url: OWN_FRAME.url, parent: {} }],
    ['a frame that is gone', null],
    ['a malformed URL', { url: 'not a url', parent: null }],
  ])('rejects %s', async (_name, frame) => {
    const { engine, call } = setUp();
    const result = call('sync:now', {}, frame);
    await expect(result).rejects.toBeInstanceOf(IpcRequestRejectedError);
    await expect(result).rejects.toThrow(/did not come from the Upstock Dear Sync window/);
    expect(engine.syncNow).not.toHaveBeenCalled();
  });

  it('accepts our page with a hash route', () => {
    expect(
      isTrustedSender({ url: `${OWN_FRAME.url}#/products?page=2`, parent: null }, RENDERER_INDEX),
    ).toBe(true);
  });
});

describe('IPC handlers', () => {
  it('registers every channel of the contract', () => {
    const handle = vi.fn<IpcMain['handle']>();
    const { log } = setUp();
    const channels = registerIpcHandlers({
      ipcMain: { handle },
      handlers: createIpcHandlers({
        engine: fakeEngine(),
        pauses: { pauseByMerchant: vi.fn(), resumeByMerchant: vi.fn() },
        notifications: { list: () => [] },
        onSettingsChanged: vi.fn(),
      }),
      rendererIndex: RENDERER_INDEX,
      log,
    });
    expect(handle.mock.calls.map((call) => call[0]).sort()).toEqual(
      Object.keys(requestSchemas).sort(),
    );
    expect(channels).toHaveLength(Object.keys(requestSchemas).length);
  });

  it('turns pause minutes into an end time', async () => {
    const { pauses, call } = setUp();
    await call('sync:pause', { minutes: 60 });
    await call('sync:pause', { minutes: null });
    expect(pauses.pauseByMerchant.mock.calls).toEqual([
      [new Date('2026-12-04T13:00:00.000Z')],
      [null],
    ]);
  });

  it('selects and deselects products', async () => {
    const { engine, call } = setUp();
    await expect(call('products:select', { ids: ['p1', 'p2'], selected: true })).resolves.toBe(2);
    await expect(call('products:select', { ids: ['p3'], selected: false })).resolves.toBe(1);
    expect(engine.selectProducts).toHaveBeenCalledWith(['p1', 'p2']);
    expect(engine.deselectProducts).toHaveBeenCalledWith(['p3']);
  });

  it('runs a manual sync', async () => {
    const { engine, call } = setUp();
    await call('sync:now', { job: 'prices' });
    expect(engine.syncNow).toHaveBeenCalledWith({ job: 'prices', trigger: 'manual' });
  });

  it('applies changed settings in the shell', async () => {
    const { engine, onSettingsChanged, call } = setUp();
    const patch = { app: { startAtLogin: false, updateChannel: 'beta' as const } };
    await call('settings:update', patch);
    expect(engine.updateSettings).toHaveBeenCalledWith(patch);
    expect(onSettingsChanged).toHaveBeenCalledWith(DEFAULT_SETTINGS);
  });

  it('lists the kept notifications', async () => {
    const { call } = setUp();
    await expect(call('notifications:list', undefined)).resolves.toEqual([
      { id: 'n1', title: 't', body: 'b', at: '2026-12-04T12:00:00.000Z' },
    ]);
  });

  it('retries an order through the engine', async () => {
    const { call, engine } = setUp();
    await call('orders:retry', { orderId: 'UP-1001' });
    expect(engine.retryOrder).toHaveBeenCalledWith('UP-1001');
  });

  it('lists orders needing attention', async () => {
    const { call } = setUp();
    const rows = (await call('orders:attention', undefined)) as { orderNumber: string }[];
    expect(rows.map((row) => row.orderNumber)).toEqual(['UP-1001']);
  });
});

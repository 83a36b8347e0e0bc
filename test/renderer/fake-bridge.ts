import type {
  CatalogProductRow,
  IpcChannel,
  IpcEvents,
  IpcRequest,
  IpcResponse,
  RendererBridge,
} from '../../shared/ipc.js';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings.js';
import { JOB_NAMES, type AgentStatus, type RunSummary } from '../../shared/sync.js';

type Handler<C extends IpcChannel> = (
  request: IpcRequest<C>,
) => Promise<IpcResponse<C>> | IpcResponse<C>;
type Handlers = { [C in IpcChannel]?: Handler<C> };

/** One recorded `invoke` call. */
export interface BridgeCall {
  channel: IpcChannel;
  request: unknown;
}

const CATEGORIES = ['Coffee', 'Tea', 'Cups'];
const BRANDS = ['Roastery', 'Leafy'];

/** Returns `count` products with predictable SKUs (SKU-00000...), categories and brands. */
export function makeProducts(count: number): CatalogProductRow[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `product-${index}`,
    sku: `SKU-${String(index).padStart(5, '0')}`,
    name: `Product ${index}`,
    type: 'Stock',
    status: index % 10 === 9 ? 'Deprecated' : 'Active',
    category: CATEGORIES[index % CATEGORIES.length] ?? null,
    brand: BRANDS[index % BRANDS.length] ?? null,
    sellable: true,
    selected: false,
    imported: false,
  }));
}

/** Returns a connected agent status with every job idle. */
export function makeStatus(overrides: Partial<AgentStatus> = {}): AgentStatus {
  return {
    dear: { connected: true, accountName: 'Bean Co', problem: null },
    upstock: { connected: true, accountName: 'Bean Co Wholesale', problem: null },
    paused: null,
    jobs: JOB_NAMES.map((job) => ({
      job,
      running: false,
      progress: null,
      lastRun: null,
      lastSuccessAt: null,
      nextRunAt: '2026-12-04T10:15:00.000Z',
    })),
    ordersNeedingAttention: 0,
    lastSuccessfulSyncAt: '2026-12-04T10:00:00.000Z',
    ...overrides,
  };
}

/** Returns a finished run with the given fields changed. */
export function makeRun(overrides: Partial<RunSummary> = {}): RunSummary {
  return {
    id: 1,
    job: 'products',
    trigger: 'manual',
    mode: 'incremental',
    status: 'succeeded',
    startedAt: '2026-12-04T10:00:00.000Z',
    finishedAt: '2026-12-04T10:00:05.000Z',
    counts: {},
    failures: [],
    unrepresentable: [],
    apiCalls: { dear: 1, upstock: 1 },
    error: null,
    ...overrides,
  };
}

/**
 * An in-memory stand-in for the preload bridge. It keeps a product catalog, the selection
 * and the settings like the engine would, records every call, and lets a test replace any
 * channel's handler or push events.
 */
export class FakeBridge implements RendererBridge {
  readonly calls: BridgeCall[] = [];
  products: CatalogProductRow[];
  settings: Settings = structuredClone(DEFAULT_SETTINGS);
  status: AgentStatus = makeStatus();
  private readonly handlers: Handlers = {};
  private readonly listeners = new Map<string, Set<(payload: never) => void>>();

  constructor(productCount = 0) {
    this.products = makeProducts(productCount);
  }

  /** Replaces the handler of one channel. */
  handle<C extends IpcChannel>(channel: C, handler: Handler<C>): void {
    (this.handlers as Record<string, unknown>)[channel] = handler;
  }

  /** Returns the requests sent on one channel, oldest first. */
  requests<C extends IpcChannel>(channel: C): IpcRequest<C>[] {
    return this.calls
      .filter((call) => call.channel === channel)
      .map((call) => call.request as IpcRequest<C>);
  }

  /** Delivers an event to the window's listeners. */
  emit<E extends keyof IpcEvents>(event: E, payload: IpcEvents[E]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      (listener as (value: IpcEvents[E]) => void)(payload);
    }
  }

  async invoke<C extends IpcChannel>(channel: C, request: IpcRequest<C>): Promise<IpcResponse<C>> {
    this.calls.push({ channel, request });
    const handler = (this.handlers as Record<string, Handler<C> | undefined>)[channel];
    if (handler) return handler(request);
    return this.defaultResponse(channel, request) as IpcResponse<C>;
  }

  on<E extends keyof IpcEvents>(event: E, listener: (payload: IpcEvents[E]) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as (payload: never) => void);
    this.listeners.set(event, set);
    return () => set.delete(listener as (payload: never) => void);
  }

  private defaultResponse(channel: IpcChannel, request: unknown): unknown {
    switch (channel) {
      case 'status:get':
        return this.status;
      case 'products:list':
        return this.listProducts(request as IpcRequest<'products:list'>);
      case 'products:facets':
        return { categories: CATEGORIES, brands: BRANDS, statuses: ['Active', 'Deprecated'] };
      case 'products:select':
        return this.select(request as IpcRequest<'products:select'>);
      case 'settings:get':
        return this.settings;
      case 'settings:update':
        this.settings = { ...this.settings, ...(request as Partial<Settings>) };
        return this.settings;
      case 'runs:list':
      case 'orders:attention':
      case 'notifications:list':
      case 'sync:now':
        return [];
      default:
        return undefined;
    }
  }

  private listProducts(query: IpcRequest<'products:list'>): IpcResponse<'products:list'> {
    const search = query.search?.toLowerCase();
    const matching = this.products.filter(
      (product) =>
        (!search ||
          product.sku.toLowerCase().includes(search) ||
          product.name.toLowerCase().includes(search)) &&
        (!query.category || product.category === query.category) &&
        (!query.brand || product.brand === query.brand) &&
        (!query.status || product.status === query.status) &&
        (query.imported === undefined || product.imported === query.imported) &&
        (query.selected === undefined || product.selected === query.selected),
    );
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 100;
    return { total: matching.length, products: matching.slice(offset, offset + limit) };
  }

  private select({ ids, selected }: IpcRequest<'products:select'>): number {
    const wanted = new Set(ids);
    let changed = 0;
    this.products = this.products.map((product) => {
      if (!wanted.has(product.id) || product.selected === selected) return product;
      changed += 1;
      return { ...product, selected };
    });
    return changed;
  }
}

/** Installs a fake bridge as `window.upstockDearSync` and returns it. */
export function installFakeBridge(productCount = 0): FakeBridge {
  const bridge = new FakeBridge(productCount);
  window.upstockDearSync = bridge;
  return bridge;
}

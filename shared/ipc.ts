import type { AgentStatus, JobName, JobProgress, RunSummary } from './sync.js';
import type { Settings } from './settings.js';

/**
 * The one contract between the window and the main process. Every channel is declared here
 * once with its request and response types; the preload bridge and the main-process handlers
 * are both typed from this map, and the handlers validate each request at run time with zod.
 */

export interface CatalogProductRow {
  id: string;
  sku: string;
  name: string;
  type: string;
  status: string;
  category: string | null;
  brand: string | null;
  sellable: boolean;
  selected: boolean;
  /** True once Upstock has accepted the product. */
  imported: boolean;
}

/**
 * One order needing the merchant's attention. `parked` orders were not pushed and can be retried
 * once the cause is fixed. `edited-after-push` rows are informational: the order changed in
 * Upstock after its sale was created, the two now differ, and the sale must be changed by hand.
 * `totals-changed-in-cin7` rows are informational too: Cin7 Core changed the sale order total
 * on authorisation (automatic discounts or deals), so the merchant checks the invoice.
 */
export interface OrderAttentionRow {
  kind: 'parked' | 'edited-after-push' | 'totals-changed-in-cin7';
  orderId: string;
  orderNumber: string;
  customer: string;
  reason: string;
  since: string;
}

export interface IpcContract {
  'status:get': { request: void; response: AgentStatus };
  'dear:connect': {
    request: { accountId: string; applicationKey: string };
    response: { company: string; currency: string };
  };
  'upstock:connect': { request: { token: string }; response: { supplier: string } };
  'agent:disconnect': { request: { keepData: boolean }; response: void };
  'products:list': {
    request: {
      search?: string;
      category?: string;
      brand?: string;
      status?: string;
      imported?: boolean;
      selected?: boolean;
      offset?: number;
      limit?: number;
    };
    response: { total: number; products: CatalogProductRow[] };
  };
  'products:facets': {
    request: void;
    response: { categories: string[]; brands: string[]; statuses: string[] };
  };
  'products:select': { request: { ids: string[]; selected: boolean }; response: number };
  'sync:now': { request: { job?: JobName }; response: RunSummary[] };
  'sync:pause': { request: { minutes: number | null }; response: void };
  'sync:resume': { request: void; response: void };
  'runs:list': { request: { job?: JobName; limit?: number }; response: RunSummary[] };
  'orders:attention': { request: void; response: OrderAttentionRow[] };
  'orders:retry': { request: { orderId: string }; response: void };
  'settings:get': { request: void; response: Settings };
  'settings:update': { request: Partial<Settings>; response: Settings };
  'notifications:list': {
    request: void;
    response: { id: string; title: string; body: string; at: string }[];
  };
}

export type IpcChannel = keyof IpcContract;
export type IpcRequest<C extends IpcChannel> = IpcContract[C]['request'];
export type IpcResponse<C extends IpcChannel> = IpcContract[C]['response'];

/** Events the main process pushes to the window. */
export interface IpcEvents {
  'status:changed': AgentStatus;
  'sync:progress': JobProgress;
  'notification:added': { id: string; title: string; body: string; at: string };
}

/** The API the preload script exposes on `window.upstockDearSync`. */
export interface RendererBridge {
  invoke<C extends IpcChannel>(channel: C, request: IpcRequest<C>): Promise<IpcResponse<C>>;
  on<E extends keyof IpcEvents>(event: E, listener: (payload: IpcEvents[E]) => void): () => void;
}

import type { CatalogProductRow, OrderAttentionRow } from '../shared/ipc.js';
import type { AgentStatus, JobName, JobProgress, RunSummary, RunTrigger } from '../shared/sync.js';
import type { Settings } from '../shared/settings.js';

/** Credentials as the merchant types them on connect. */
export interface DearCredentials {
  accountId: string;
  applicationKey: string;
}

/** One Cin7 Core product as the Products screen and `products list` show it. */
export type CatalogProduct = CatalogProductRow;

export interface CatalogQuery {
  search?: string;
  category?: string;
  brand?: string;
  status?: string;
  imported?: boolean;
  selected?: boolean;
  /**
   * Also lists Cin7 Core services (Type "Service"), which the Products screen leaves out; the
   * command line uses it to name a service the merchant tried to select.
   */
  includeServices?: boolean;
  offset?: number;
  limit?: number;
}

/**
 * The interface the CLI and the Electron shell use to drive the agent. The engine owns the store, the
 * clients, the job runner and the scheduler; it never imports `electron`.
 */
export interface EngineApi {
  status(): AgentStatus;
  /** Checks the credentials with `GET /me`, stores the key in the vault, returns the company. */
  connectDear(credentials: DearCredentials): Promise<{ company: string; currency: string }>;
  connectUpstock(token: string): Promise<{ supplier: string }>;
  /** Removes secrets and stops every job; `keepData: false` also wipes the local store. */
  disconnect(options: { keepData: boolean }): Promise<void>;

  listProducts(query: CatalogQuery): { total: number; products: CatalogProduct[] };
  productFacets(): { categories: string[]; brands: string[]; statuses: string[] };
  /** Throws when an ID is a Cin7 Core service: Upstock does not sell services. */
  selectProducts(ids: string[]): number;
  deselectProducts(ids: string[]): number;

  /** Runs one job now (or the import jobs in order when `job` is omitted); waits for the end. */
  syncNow(options?: {
    job?: JobName;
    trigger?: RunTrigger;
    mode?: 'incremental' | 'full';
  }): Promise<RunSummary[]>;
  pause(until: Date | null): void;
  resume(): void;
  runs(options?: { job?: JobName; limit?: number }): RunSummary[];

  /** Returns the orders parked as needing the merchant's attention, oldest first. */
  ordersNeedingAttention(): OrderAttentionRow[];
  /**
   * Marks a parked order for another push, then runs the orders job (when connected) and
   * resolves when it ends. Throws when the order is not parked.
   */
  retryOrder(orderId: string): Promise<void>;

  settings(): Settings;
  updateSettings(patch: DeepPartial<Settings>): Settings;

  on(event: 'status', listener: (status: AgentStatus) => void): () => void;
  on(event: 'progress', listener: (progress: JobProgress) => void): () => void;

  /**
   * Fails runs left by stopped processes, connects with the stored credentials and starts the
   * scheduler, unless `schedule` is false (one-shot commands).
   */
  start(options?: { schedule?: boolean }): Promise<void>;
  stop(): Promise<void>;
}

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

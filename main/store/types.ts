import type {
  EntityCounts,
  JobName,
  RecordFailure,
  RunMode,
  RunStatus,
  RunSummary,
  RunTrigger,
  UnrepresentableRule,
} from '../../shared/sync.js';

/** The Cin7 Core products the merchant chose to sell in Upstock, by Cin7 Core product ID. */
export interface SelectionRepository {
  select(productIds: string[]): number;
  deselect(productIds: string[]): number;
  isSelected(productId: string): boolean;
  listSelected(): string[];
  clear(): void;
}

/** Which Upstock record a Cin7 Core record became, and the hash of what was last sent. */
export interface Mapping {
  entity: 'product' | 'customer' | 'priceList' | 'customerPriceList';
  dearId: string;
  upstockId: string | null;
  /** Hash of the payload Upstock last accepted; null until a send is confirmed. */
  contentHash: string | null;
  updatedAt: string;
}

export interface MappingRepository {
  get(entity: Mapping['entity'], dearId: string): Mapping | null;
  list(entity: Mapping['entity']): Mapping[];
  /** Records many confirmed sends in one transaction. */
  upsertMany(rows: Omit<Mapping, 'updatedAt'>[]): void;
  remove(entity: Mapping['entity'], dearId: string): void;
}

/** Sync cursors, such as the ModifiedSince of the last product pass, stored as strings. */
export interface CursorRepository {
  get(name: string): string | null;
  set(name: string, value: string): void;
  delete(name: string): void;
}

export interface RunRepository {
  /** Records a new run with status "running" and returns its ID. */
  start(job: JobName, trigger: RunTrigger, mode: RunMode): number;
  /** Records the outcome of a run; throws when `runId` does not exist. */
  finish(
    runId: number,
    outcome: {
      status: RunStatus;
      counts: Record<string, EntityCounts>;
      failures: RecordFailure[];
      unrepresentable: UnrepresentableRule[];
      apiCalls: { dear: number; upstock: number };
      error: string | null;
    },
  ): void;
  get(runId: number): RunSummary | null;
  /** Newest first; at most `limit` runs (50 when omitted). */
  list(options?: { job?: JobName; limit?: number }): RunSummary[];
  /** The newest run of `job` that ended "succeeded" or "partial", or null. */
  lastSuccessful(job: JobName): RunSummary | null;
  /** Marks runs left "running" by a crash as failed; returns how many. */
  failAbandoned(reason: string): number;
}

/**
 * The local copy of Cin7 Core data: raw records as the API returned them, so prices can be
 * recomputed and the window can list every product without calling Cin7 Core.
 */
export interface CatalogRepository {
  upsertProducts(rows: { id: string; raw: unknown; lastModifiedOn: string }[]): void;
  upsertCustomers(rows: { id: string; raw: unknown; lastModifiedOn: string }[]): void;
  getProduct(id: string): unknown | null;
  getCustomer(id: string): unknown | null;
  /**
   * Streams every cached product (raw) in ID order, parsing one row at a time. Until the loop
   * ends (or breaks), the store serves reads but throws on writes ("connection is busy"), so
   * collect changes and write them after the loop.
   */
  allProducts(): Iterable<unknown>;
  /** Streams every cached customer (raw) in ID order, with the same rule as `allProducts`. */
  allCustomers(): Iterable<unknown>;
  productCount(): number;
  customerCount(): number;
  /** IDs present in the cache; a full pass compares them with what it saw to find removals. */
  productIds(): string[];
  customerIds(): string[];
  deleteProducts(ids: string[]): void;
  deleteCustomers(ids: string[]): void;
  setReference(name: string, raw: unknown): void;
  getReference(name: string): { raw: unknown; fetchedAt: string } | null;
}

export interface Store {
  readonly path: string;
  readonly selection: SelectionRepository;
  readonly mappings: MappingRepository;
  readonly cursors: CursorRepository;
  readonly runs: RunRepository;
  readonly catalog: CatalogRepository;
  /**
   * Runs `fn` in one SQLite transaction and returns its result. If `fn` throws, every write
   * it made is rolled back and the error is rethrown. `fn` must be synchronous; nested calls
   * become savepoints.
   */
  transaction<T>(fn: () => T): T;
  close(): void;
  /** Deletes every table's rows (used by "disconnect and delete local data"). */
  wipe(): void;
}

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
import type { LockOwner } from './lock-owner.js';

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
  /**
   * Marks as failed the runs left "running" by a process that is gone, and returns how many.
   * A run's owner is gone when it ran on this host and its pid no longer exists, or when it
   * ran on another host and holds no live job lock lease. Runs of this store's own owner, and
   * of a live process on this host (the desktop app while the command line starts), are left
   * alone. Runs recorded before owners were kept count as gone.
   */
  failAbandoned(reason: string): number;
  /**
   * Marks as failed the runs left "running" by any other owner that are of `scope.jobs` or
   * belong to one of `scope.ownerIds`, and returns how many. Call it only while holding the
   * job lock of the group those jobs share, passing the owner the lock was taken over from:
   * every run holds its group's lock while it runs, so such a run has stopped.
   */
  failInterrupted(
    scope: { jobs: readonly JobName[]; ownerIds?: readonly string[] },
    reason: string,
  ): number;
}

/** The process holding a job group's lock, as stored in `job_locks`. */
export interface JobLockHolder {
  group: string;
  /** The job that took the lock (null when unknown). */
  job: string | null;
  ownerId: string;
  pid: number;
  hostname: string;
  acquiredAt: string;
  /** When the holder last renewed its lease. */
  heartbeatAt: string;
  /** When the lease ends unless it is renewed; after that another process may take it over. */
  expiresAt: string;
}

/**
 * Cross-process locks, one per job group, so the desktop app and the command line sharing a
 * data folder never run the same group at once. Locks are leases held by `owner`.
 */
export interface JobLockRepository {
  /** This store's owner: the current process, unless a test opened the store as another. */
  readonly owner: LockOwner;
  /**
   * Takes `group`'s lock for `leaseMs` in one atomic statement when it is free, its lease has
   * expired, its holder was a process on this host that is gone, or this owner holds it. Else
   * returns the holder (null when it released in between, so the caller may try again).
   * `tookOverFrom` is the expired or dead holder replaced, whose runs have stopped.
   */
  tryAcquire(
    group: string,
    job: string,
    leaseMs: number,
  ):
    | { acquired: true; holder: null; tookOverFrom: JobLockHolder | null }
    | { acquired: false; holder: JobLockHolder | null };
  /** Extends this owner's lease by `leaseMs` from now; false when another owner took it over. */
  renew(group: string, leaseMs: number): boolean;
  /** Drops this owner's lock on `group`; false when it did not hold it. */
  release(group: string): boolean;
  /** Returns the current holder of `group`, expired or not, or null. */
  holder(group: string): JobLockHolder | null;
  /** Every lock row, by group. */
  list(): JobLockHolder[];
  /** Returns whether `ownerId` holds a lock whose lease has not expired. */
  hasLiveLease(ownerId: string): boolean;
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
  /** Cross-process job group locks. */
  readonly locks: JobLockRepository;
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

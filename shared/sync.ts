/**
 * Types shared by the engine (main process) and the window (renderer). Everything here is
 * plain JSON: money travels as decimal strings such as "12.5000", dates as ISO 8601 strings.
 */

/** The scheduled jobs. `orders` and `shipments` move sales; the others import into Upstock. */
export type JobName = 'reference' | 'products' | 'customers' | 'prices' | 'orders' | 'shipments';

export const JOB_NAMES: readonly JobName[] = [
  'reference',
  'products',
  'customers',
  'prices',
  'orders',
  'shipments',
];

/** The trigger that started a run. */
export type RunTrigger = 'schedule' | 'manual' | 'startup' | 'resume' | 'sandbox';

/** The scope of a run. An incremental pass reads only changes since the cursor. */
export type RunMode = 'incremental' | 'full';

/** Progress of a running job, reported after every page or batch. */
export interface JobProgress {
  job: JobName;
  runId: number;
  phase: string;
  done: number;
  /** Null while the total is not known yet. */
  total: number | null;
}

/** Counts for one entity (products, customers, price lists, orders...). */
export interface EntityCounts {
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  failed: number;
}

/** One record that could not be synced, with what to do about it. */
export interface RecordFailure {
  entity: string;
  /** The Cin7 Core or Upstock ID of the record, or "(missing ID)" with its position. */
  recordId: string;
  /** SKU, customer name or order number, when known, so a merchant can find the record. */
  label?: string;
  field?: string;
  reason: string;
}

/**
 * A pricing rule that Upstock price lists cannot express, reported instead of dropped. The
 * `foreign-currency` kind lists customers whose Cin7 Core currency is not the base currency.
 */
export interface UnrepresentableRule {
  kind: 'quantity-discount' | 'deal' | 'markup-discount' | 'free-shipping' | 'foreign-currency';
  ruleName: string;
  /** How many selected products (or customers, for deals) the rule touches. */
  affected: number;
  detail: string;
}

export type RunStatus = 'running' | 'succeeded' | 'partial' | 'failed' | 'cancelled';

/** The outcome of one job run, as stored in the run history. */
export interface RunSummary {
  id: number;
  job: JobName;
  trigger: RunTrigger;
  mode: RunMode;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  counts: Record<string, EntityCounts>;
  failures: RecordFailure[];
  unrepresentable: UnrepresentableRule[];
  apiCalls: { dear: number; upstock: number };
  /** Set when the whole run stopped, for example "credentials rejected". */
  error: string | null;
}

export function emptyCounts(): EntityCounts {
  return { created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };
}

/** Connection state of one side. */
export interface ConnectionStatus {
  connected: boolean;
  /** Cin7 Core company name or Upstock supplier name, from the last successful check. */
  accountName: string | null;
  /** Set when the last call was rejected (bad credentials) or could not reach the service. */
  problem: 'credentials-rejected' | 'offline' | 'throttled' | null;
}

/** The job scheduler's view of one job. */
export interface JobState {
  job: JobName;
  running: boolean;
  progress: JobProgress | null;
  lastRun: RunSummary | null;
  lastSuccessAt: string | null;
  nextRunAt: string | null;
}

/** Everything the tray and the window show at a glance. */
export interface AgentStatus {
  dear: ConnectionStatus;
  upstock: ConnectionStatus;
  paused: { until: string | null; indefinitely: boolean } | null;
  jobs: JobState[];
  ordersNeedingAttention: number;
  lastSuccessfulSyncAt: string | null;
}

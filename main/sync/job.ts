import type { Settings } from '../../shared/settings.js';
import type { JobName, RunMode, RunTrigger } from '../../shared/sync.js';
import type { Store } from '../store/types.js';
import type { DearPort, UpstockPort } from './ports.js';
import type { JobResult, RunRecorder } from './run-recorder.js';

/** Progress a job reports after each page or batch; the runner adds the job name and run ID. */
export interface ProgressUpdate {
  phase: string;
  done: number;
  /** Null while the total is not known. */
  total: number | null;
}

/** What a job gets for one run. */
export interface JobContext {
  runId: number;
  job: JobName;
  mode: RunMode;
  trigger: RunTrigger;
  dear: DearPort;
  upstock: UpstockPort;
  store: Store;
  settings: Settings;
  /** Aborted when the run is cancelled (pause, disconnect, stop); jobs stop at the next step. */
  signal: AbortSignal;
  report(progress: ProgressUpdate): void;
  /** Counts, failures and unrepresentable rules of this run. */
  result: RunRecorder;
  /** The time the run started, from the local clock. */
  startedAt: Date;
}

/**
 * A job the runner can start. `run` must be idempotent and resumable: after a crash at any
 * point, running it again reaches the same end state without duplicates. It may record into
 * `ctx.result`, return a `JobResult`, or both.
 */
export interface Job {
  name: JobName;
  run(ctx: JobContext): Promise<JobResult | void>;
}

/** Throws the signal's reason when the run was cancelled. */
export function throwIfCancelled(ctx: Pick<JobContext, 'signal'>): void {
  if (ctx.signal.aborted) throw ctx.signal.reason ?? new Error('The run was cancelled');
}

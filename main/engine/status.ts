import {
  JOB_NAMES,
  type AgentStatus,
  type ConnectionStatus,
  type JobName,
  type JobState,
} from '../../shared/sync.js';
import type { Store } from '../store/types.js';
import type { JobRunner } from '../sync/runner.js';
import type { Scheduler } from '../sync/scheduler.js';

/** The parts of the engine the tray status is built from. */
export interface StatusSources {
  store: Store;
  runner: JobRunner;
  scheduler: Scheduler;
  dear: ConnectionStatus;
  upstock: ConnectionStatus;
  ordersNeedingAttention: number;
}

/** Builds what the tray and the window show at a glance, from the run history and the runner. */
export function buildStatus(sources: StatusSources): AgentStatus {
  const { store, runner, scheduler } = sources;
  const jobs: JobState[] = JOB_NAMES.filter((job) => runner.isRegistered(job)).map((job) => ({
    job,
    running: runner.isRunning(job),
    progress: runner.progress(job),
    lastRun: store.runs.list({ job, limit: 1 })[0] ?? null,
    lastSuccessAt: store.runs.lastSuccessful(job)?.finishedAt ?? null,
    nextRunAt: scheduler.nextRunAt(job)?.toISOString() ?? null,
  }));

  return {
    dear: { ...sources.dear },
    upstock: { ...sources.upstock },
    paused: scheduler.pauseState(),
    jobs,
    ordersNeedingAttention: sources.ordersNeedingAttention,
    lastSuccessfulSyncAt: lastSuccessfulSync(store),
  };
}

/** The jobs that send records to Upstock; each must have succeeded for a sync to count. */
const SYNC_JOBS: readonly JobName[] = ['products', 'customers', 'prices'];

/**
 * Returns the time since which every kind of record reached Upstock: the oldest of the last
 * successes of the products, customers and prices jobs, or null until each has succeeded once.
 * Reading the catalog alone (`products list` on an empty data folder runs the reference and
 * products jobs) therefore does not count as a sync.
 */
export function lastSuccessfulSync(store: Store): string | null {
  const times: string[] = [];
  for (const job of SYNC_JOBS) {
    const finishedAt = store.runs.lastSuccessful(job)?.finishedAt;
    if (!finishedAt) return null;
    times.push(finishedAt);
  }
  return times.sort()[0] ?? null;
}

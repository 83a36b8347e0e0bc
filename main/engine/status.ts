import {
  JOB_NAMES,
  type AgentStatus,
  type ConnectionStatus,
  type JobState,
} from '../../shared/sync.js';
import type { Store } from '../store/types.js';
import type { JobRunner } from '../sync/runner.js';
import { IMPORT_SEQUENCE, type Scheduler } from '../sync/scheduler.js';

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

  const importSuccesses = jobs
    .filter((state) => IMPORT_SEQUENCE.includes(state.job) && state.lastSuccessAt)
    .map((state) => state.lastSuccessAt!)
    .sort();
  return {
    dear: { ...sources.dear },
    upstock: { ...sources.upstock },
    paused: scheduler.pauseState(),
    jobs,
    ordersNeedingAttention: sources.ordersNeedingAttention,
    lastSuccessfulSyncAt: importSuccesses.at(-1) ?? null,
  };
}

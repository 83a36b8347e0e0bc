import type { AgentStatus, JobState } from '../../../shared/sync.js';

const idleJob = (job: JobState['job']): JobState => ({
  job,
  running: false,
  progress: null,
  lastRun: null,
  lastSuccessAt: null,
  nextRunAt: null,
});

/** Returns a connected, idle, in-sync status with `changes` applied on top. */
export function makeStatus(changes: Partial<AgentStatus> = {}): AgentStatus {
  return {
    dear: { connected: true, accountName: 'Harbour Wholesale', problem: null },
    upstock: { connected: true, accountName: 'Harbour Wholesale (Upstock)', problem: null },
    paused: null,
    jobs: [idleJob('products'), idleJob('prices')],
    ordersNeedingAttention: 0,
    lastSuccessfulSyncAt: '2026-12-04T09:30:00.000Z',
    ...changes,
  };
}

/** Returns the status with one job running. */
export function runningStatus(): AgentStatus {
  const status = makeStatus();
  status.jobs[0] = { ...status.jobs[0]!, running: true };
  return status;
}

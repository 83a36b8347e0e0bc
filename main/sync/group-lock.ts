import type { JobName, RunMode, RunSummary, RunTrigger } from '../../shared/sync.js';
import { getLogger } from '../log/logger.js';
import type { JobLockHolder, JobLockRepository, Store } from '../store/types.js';

const log = getLogger('sync');

/** Timing of a job group's cross-process lease. Every value is in milliseconds. */
export interface GroupLockTiming {
  /** A lease not renewed within this time may be taken over by another process. */
  leaseMs: number;
  /** How often a running job renews its lease; well under `leaseMs`. */
  renewMs: number;
  /** How long a manual run waits for another process to finish the group before giving up. */
  waitMs: number;
  /** How often a waiting run checks the lock again. */
  pollMs: number;
}

/**
 * Two minutes of lease renewed every 20 s, so a crashed holder on another host blocks a group
 * for at most two minutes (one on this host is detected at once by its pid). A manual run
 * waits up to 10 minutes, about one incremental cycle of a large merchant.
 */
export const DEFAULT_GROUP_LOCK_TIMING: GroupLockTiming = {
  leaseMs: 120_000,
  renewMs: 20_000,
  waitMs: 600_000,
  pollMs: 1_000,
};

/**
 * Returns whether a run with `trigger` waits for another process to release its group. A run
 * the merchant requested (manual, sandbox) waits. Automatic runs (schedule, startup, resume)
 * skip, because the other process is already doing the same work.
 */
export function waitsForLock(trigger: RunTrigger): boolean {
  return trigger === 'manual' || trigger === 'sandbox';
}

/** Names the process holding a group, as logs, the status and run reports show it. */
export function describeHolder(holder: JobLockHolder | null, job: JobName, group: string): string {
  if (!holder) return `Another Upstock Dear Sync process is running the ${group} jobs`;
  const running = holder.job ?? `the ${group} jobs`;
  return (
    `Another Upstock Dear Sync process (pid ${holder.pid} on ${holder.hostname}, since ` +
    `${holder.acquiredAt}) is running ${running}, which shares the ${group} lock with ${job}`
  );
}

/** The outcome of waiting for a group's lock. */
export type LockAttempt =
  | { acquired: true; tookOverFrom: JobLockHolder | null }
  | { acquired: false; reason: string; cancelled: boolean; holder: JobLockHolder | null };

/**
 * Takes `group`'s cross-process lock for `job`. When another live process owns it, a run that
 * waits (see `waitsForLock`) checks again every `pollMs` for at most `waitMs`, calling
 * `onWait` once with the holder; any other run gives up at once. Returns why it gave up,
 * with `cancelled` set when `signal` aborted the wait. A lock that the store cannot reach
 * (SQLite busy past its timeout) counts as held and is tried again.
 */
export async function acquireGroupLock(options: {
  locks: JobLockRepository;
  group: string;
  job: JobName;
  trigger: RunTrigger;
  timing: GroupLockTiming;
  signal: AbortSignal;
  onWait(holder: JobLockHolder | null, reason: string): void;
}): Promise<LockAttempt> {
  const { locks, group, job, timing, signal } = options;
  const waits = waitsForLock(options.trigger);
  const deadline = Date.now() + timing.waitMs;
  let announced = false;
  let reason = describeHolder(null, job, group);
  let lastHolder: JobLockHolder | null = null;
  const maxAttempts = Math.ceil(timing.waitMs / Math.max(1, timing.pollMs)) + 1;

  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    if (signal.aborted) {
      const why = `The run was cancelled while waiting: ${reason}`;
      return { acquired: false, reason: why, cancelled: true, holder: lastHolder };
    }
    let holder: JobLockHolder | null = null;
    try {
      const result = locks.tryAcquire(group, job, timing.leaseMs);
      if (result.acquired) return { acquired: true, tookOverFrom: result.tookOverFrom };
      holder = result.holder;
    } catch (error) {
      log.warn(`Could not read the ${group} job lock for ${job}; trying again`, error);
    }
    lastHolder = holder;
    reason = describeHolder(holder, job, group);
    if (!waits) {
      log.info(`Skipped the ${options.trigger} run of ${job}: ${reason}`);
      return { acquired: false, reason: `Skipped: ${reason}.`, cancelled: false, holder };
    }
    if (!announced) {
      announced = true;
      log.info(`The ${options.trigger} run of ${job} waits: ${reason}`);
      options.onWait(holder, reason);
    }
    const left = deadline - Date.now();
    if (left <= 0) break;
    await sleep(Math.min(timing.pollMs, left), signal);
  }

  const minutes = Math.max(1, Math.round(timing.waitMs / 60_000));
  const gaveUp =
    `${reason}. This ${options.trigger} run waited ${minutes} minute(s) and did not start; ` +
    `run it again when the other process has finished, or quit that process.`;
  log.warn(`Gave up waiting to run ${job}: ${gaveUp}`);
  return { acquired: false, reason: gaveUp, cancelled: false, holder: lastHolder };
}

/** A lease held while a job runs: renewed on a timer and on request, released once. */
export class GroupLease {
  private lastRenewAt = Date.now();
  private readonly timer: NodeJS.Timeout;
  private released = false;

  /**
   * Starts renewing `group`'s lease every `timing.renewMs`. `onLost` runs once when another
   * process has taken the lock over (this process stopped renewing for longer than the lease).
   */
  constructor(
    private readonly locks: JobLockRepository,
    private readonly group: string,
    private readonly timing: GroupLockTiming,
    private readonly onLost: (message: string) => void,
  ) {
    this.timer = setInterval(() => this.renew(), timing.renewMs);
    this.timer.unref();
  }

  /** Renews the lease when the last renewal is older than `renewMs`; jobs call it on progress. */
  renewIfDue(): void {
    if (Date.now() - this.lastRenewAt >= this.timing.renewMs) this.renew();
  }

  /** Stops renewing and drops the lock; a failure is logged, and the lease then just expires. */
  release(): void {
    if (this.released) return;
    this.released = true;
    clearInterval(this.timer);
    try {
      this.locks.release(this.group);
    } catch (error) {
      log.warn(`Could not release the ${this.group} job lock; it expires with its lease`, error);
    }
  }

  private renew(): void {
    if (this.released) return;
    let held: boolean;
    try {
      held = this.locks.renew(this.group, this.timing.leaseMs);
    } catch (error) {
      log.warn(`Could not renew the ${this.group} job lock; trying again`, error);
      return;
    }
    this.lastRenewAt = Date.now();
    if (held) return;
    clearInterval(this.timer);
    this.released = true;
    const message =
      `Another Upstock Dear Sync process took over the ${this.group} jobs after this ` +
      `process went ${Math.round(this.timing.leaseMs / 1000)} s without renewing its lock ` +
      `(the PC was asleep or very busy); this run stopped so the two do not sync the same records.`;
    log.error(message);
    this.onLost(message);
  }
}

/**
 * Returns the summary of a run that never started because another process held its group.
 * It is not stored in the run history (ID 0), so the other process's run stays the job's
 * latest there.
 */
export function lockedOutSummary(
  job: JobName,
  request: { trigger: RunTrigger; mode: RunMode },
  reason: string,
): RunSummary {
  const now = new Date().toISOString();
  return {
    id: 0,
    job,
    trigger: request.trigger,
    mode: request.mode,
    status: 'cancelled',
    startedAt: now,
    finishedAt: now,
    counts: {},
    failures: [],
    unrepresentable: [],
    apiCalls: { dear: 0, upstock: 0 },
    error: reason,
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Fails the group's runs that another process left "running": this process holds the group's
 * lock now, so they have stopped. A store error is logged; the runs are then failed later.
 */
export function failInterruptedRuns(
  store: Store,
  jobs: JobName[],
  tookOverFrom: JobLockHolder | null,
): void {
  try {
    store.runs.failInterrupted(
      { jobs, ...(tookOverFrom ? { ownerIds: [tookOverFrom.ownerId] } : {}) },
      'The Upstock Dear Sync process running this job stopped before it finished',
    );
  } catch (error) {
    log.warn(`Could not check for interrupted runs of ${jobs.join(', ')}`, error);
  }
}

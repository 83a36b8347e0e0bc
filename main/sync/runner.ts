import { EventEmitter } from 'node:events';
import type { Settings } from '../../shared/settings.js';
import type { JobName, JobProgress, RunMode, RunSummary, RunTrigger } from '../../shared/sync.js';
import { getLogger } from '../log/logger.js';
import type { JobLockHolder, Store } from '../store/types.js';
import {
  acquireGroupLock,
  DEFAULT_GROUP_LOCK_TIMING,
  failInterruptedRuns,
  GroupLease,
  lockedOutSummary,
  type GroupLockTiming,
} from './group-lock.js';
import type { Job, JobContext } from './job.js';
import type { DearPort, UpstockPort } from './ports.js';
import { describeOutcome, type ServiceProblem } from './run-outcome.js';
import { RunRecorder } from './run-recorder.js';

const log = getLogger('sync');

/** The clients a run uses; null while a side is not connected. */
export interface RunnerClients {
  dear: DearPort;
  upstock: UpstockPort;
}

export interface JobRunnerOptions {
  store: Store;
  settings: () => Settings;
  clients: () => RunnerClients | null;
  /** Lease, renewal and wait times of the cross-process group lock; defaults for the app. */
  lockTiming?: Partial<GroupLockTiming>;
}

/** A request to run a job. */
export interface RunRequest {
  trigger: RunTrigger;
  mode: RunMode;
}

interface ActiveRun {
  mode: RunMode;
  promise: Promise<RunSummary>;
  controller: AbortController;
  /** A run requested while this one is going and not covered by it; at most one. */
  next: { mode: RunMode; trigger: RunTrigger; promise: Promise<RunSummary> } | null;
}

export interface RunnerEvents {
  progress: [JobProgress];
  'run-started': [{ job: JobName; runId: number; trigger: RunTrigger; mode: RunMode }];
  'run-finished': [RunSummary];
  /** A run ended by a connection problem (null `problem`: a run of that service succeeded). */
  connection: [{ service: ServiceProblem['service']; problem: ServiceProblem['problem'] | null }];
  /**
   * Another process owns the job's group: `waiting` when a run starts waiting for it,
   * `locked-out` when a run skipped or gave up (its summary's error gives the reason), `acquired` when a
   * waiting run got the lock.
   */
  'lock-wait': [
    {
      job: JobName;
      group: string;
      state: 'waiting' | 'locked-out' | 'acquired';
      holder: JobLockHolder | null;
      reason: string;
    },
  ];
}

/**
 * Runs registered jobs, one run of each job at a time. A request for a job that is already
 * running joins that run when the run covers it (a full run covers an incremental request).
 * Otherwise it is queued once, to start when the current run ends. Jobs in the same group (the
 * import jobs share "catalog") also run one after another, because they write the same
 * mappings. Every run is recorded in `store.runs`.
 *
 * Across processes sharing the data folder (the desktop app and the command line), each run
 * also holds its group's lock in `store.locks`, renewed while it runs. When another live
 * process holds it, a manual run waits (up to `lockTiming.waitMs`) and an automatic one skips;
 * either way a run that did not start resolves with a "cancelled" summary of ID 0 that is not
 * stored, whose error names the other process.
 */
export class JobRunner extends EventEmitter<RunnerEvents> {
  private readonly jobs = new Map<JobName, { job: Job; group: string }>();
  private readonly active = new Map<JobName, ActiveRun>();
  private readonly groupTails = new Map<string, Promise<void>>();
  private readonly progressByJob = new Map<JobName, JobProgress>();
  private readonly lockTiming: GroupLockTiming;

  constructor(private readonly options: JobRunnerOptions) {
    super();
    this.lockTiming = { ...DEFAULT_GROUP_LOCK_TIMING, ...options.lockTiming };
  }

  /** Registers a job; `group` defaults to the job's own name. Replaces an earlier registration. */
  register(job: Job, options: { group?: string } = {}): void {
    this.jobs.set(job.name, { job, group: options.group ?? job.name });
  }

  isRegistered(name: JobName): boolean {
    return this.jobs.has(name);
  }

  isRunning(name: JobName): boolean {
    return this.active.has(name);
  }

  /** Returns the last progress of a running job, or null. */
  progress(name: JobName): JobProgress | null {
    return this.active.has(name) ? (this.progressByJob.get(name) ?? null) : null;
  }

  /**
   * Runs a job, or joins its current run, and resolves with the run's summary when it ends.
   * Never rejects for a job failure, because the summary records it as "failed". Throws for an unknown job.
   */
  run(name: JobName, request: RunRequest): Promise<RunSummary> {
    const registered = this.jobs.get(name);
    if (!registered) throw new Error(`No job named "${name}" is registered with the runner`);

    const current = this.active.get(name);
    if (current) {
      if (current.mode === 'full' || request.mode === 'incremental') {
        log.info(
          `Job ${name} is already running (${current.mode}); the ${request.trigger} request joins it`,
        );
        return current.promise;
      }
      if (current.next) {
        current.next.mode = 'full';
        return current.next.promise;
      }
      const next = {
        mode: request.mode,
        trigger: request.trigger,
        promise: null as unknown as Promise<RunSummary>,
      };
      next.promise = current.promise.then(() =>
        this.run(name, { mode: next.mode, trigger: next.trigger }),
      );
      current.next = next;
      log.info(`Job ${name} is running incrementally; a full run is queued after it`);
      return next.promise;
    }

    const controller = new AbortController();
    const run: ActiveRun = {
      mode: request.mode,
      controller,
      next: null,
      promise: null as unknown as Promise<RunSummary>,
    };
    // The run leaves the active list before "run-finished" is emitted, so a status built in
    // that event's listeners shows the job finished. The `finally` covers a run that threw.
    const release = () => {
      if (this.active.get(name) === run) this.active.delete(name);
    };
    run.promise = this.inGroup(registered.group, () =>
      this.executeLocked(registered.job, registered.group, request, controller, release),
    ).finally(release);
    this.active.set(name, run);
    return run.promise;
  }

  /** Runs jobs one after another; stops after a run that failed or was cancelled. */
  async runSequence(names: readonly JobName[], request: RunRequest): Promise<RunSummary[]> {
    const summaries: RunSummary[] = [];
    for (const name of names) {
      if (!this.jobs.has(name)) continue;
      const summary = await this.run(name, request);
      summaries.push(summary);
      if (summary.status === 'failed' || summary.status === 'cancelled') break;
    }
    return summaries;
  }

  /** Cancels every running job; each stops at its next page or batch and is recorded "cancelled". */
  cancelAll(reason: string): void {
    for (const [name, run] of this.active) {
      log.info(`Cancelling job ${name}: ${reason}`);
      run.controller.abort(new Error(`The run was cancelled: ${reason}`));
    }
  }

  /** Resolves when no job is running. */
  async idle(): Promise<void> {
    while (this.active.size > 0) {
      await Promise.allSettled([...this.active.values()].map((run) => run.promise));
    }
  }

  private inGroup<T>(group: string, task: () => Promise<T>): Promise<T> {
    const previous = this.groupTails.get(group) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.groupTails.set(group, tail);
    void tail.then(() => {
      if (this.groupTails.get(group) === tail) this.groupTails.delete(group);
    });
    return result;
  }

  /** Jobs registered in `group`, which share its lock. */
  private jobsInGroup(group: string): JobName[] {
    return [...this.jobs].filter(([, entry]) => entry.group === group).map(([name]) => name);
  }

  /** Takes the group's cross-process lock, runs the job under it and releases it. */
  private async executeLocked(
    job: Job,
    group: string,
    request: RunRequest,
    controller: AbortController,
    release: () => void,
  ): Promise<RunSummary> {
    const { store } = this.options;
    let waited = false;
    const attempt = await acquireGroupLock({
      locks: store.locks,
      group,
      job: job.name,
      trigger: request.trigger,
      timing: this.lockTiming,
      signal: controller.signal,
      onWait: (holder, reason) => {
        waited = true;
        const progress: JobProgress = {
          job: job.name,
          runId: 0,
          phase: `Waiting: ${reason}`,
          done: 0,
          total: null,
        };
        this.progressByJob.set(job.name, progress);
        this.emit('progress', progress);
        this.emit('lock-wait', { job: job.name, group, state: 'waiting', holder, reason });
      },
    });
    this.progressByJob.delete(job.name);

    if (!attempt.acquired) {
      release();
      this.emit('lock-wait', {
        job: job.name,
        group,
        state: 'locked-out',
        holder: attempt.holder,
        reason: attempt.reason,
      });
      return lockedOutSummary(job.name, request, attempt.reason);
    }
    if (waited) {
      this.emit('lock-wait', { job: job.name, group, state: 'acquired', holder: null, reason: '' });
    }

    const lease = new GroupLease(store.locks, group, this.lockTiming, (message) =>
      controller.abort(new Error(message)),
    );
    try {
      failInterruptedRuns(store, this.jobsInGroup(group), attempt.tookOverFrom);
      return await this.execute(job, request, controller, release, lease);
    } finally {
      lease.release();
    }
  }

  private async execute(
    job: Job,
    request: RunRequest,
    controller: AbortController,
    release: () => void,
    lease: GroupLease,
  ): Promise<RunSummary> {
    const { store } = this.options;
    const runId = store.runs.start(job.name, request.trigger, request.mode);
    const startedAt = new Date();
    const recorder = new RunRecorder();
    const clients = this.options.clients();
    this.emit('run-started', {
      job: job.name,
      runId,
      trigger: request.trigger,
      mode: request.mode,
    });
    log.info(`Run ${runId} of ${job.name} started (${request.mode}, ${request.trigger})`);

    const callsBefore = {
      dear: clients?.dear.stats.calls ?? 0,
      upstock: clients?.upstock.stats?.calls ?? 0,
    };
    let failure: unknown = undefined;
    try {
      if (!clients) throw new Error('Connect Cin7 Core and Upstock before syncing');
      const ctx: JobContext = {
        runId,
        job: job.name,
        mode: request.mode,
        trigger: request.trigger,
        dear: clients.dear,
        upstock: clients.upstock,
        store,
        settings: this.options.settings(),
        signal: controller.signal,
        result: recorder,
        startedAt,
        report: (update) => {
          lease.renewIfDue();
          const progress: JobProgress = { job: job.name, runId, ...update };
          this.progressByJob.set(job.name, progress);
          this.emit('progress', progress);
        },
      };
      const returned = await job.run(ctx);
      if (returned) recorder.merge(returned);
    } catch (error) {
      failure = error ?? new Error('The job failed without an error');
    }

    const result = recorder.snapshot();
    const outcome = describeOutcome(result, failure, controller.signal.aborted);
    // NOTE: the counts are deltas of the shared clients' counters, so a job of another group
    // running at the same time (orders during an import) adds its calls to this run's.
    const apiCalls = {
      dear: (clients?.dear.stats.calls ?? 0) - callsBefore.dear,
      upstock: (clients?.upstock.stats?.calls ?? 0) - callsBefore.upstock,
    };
    store.runs.finish(runId, { ...result, status: outcome.status, apiCalls, error: outcome.error });
    this.progressByJob.delete(job.name);

    if (outcome.status === 'cancelled')
      log.info(`Run ${runId} of ${job.name} cancelled: ${outcome.error}`);
    else if (failure !== undefined)
      log.error(`Run ${runId} of ${job.name} failed: ${outcome.error}`, failure);
    else log.info(`Run ${runId} of ${job.name} ${outcome.status}`, result.counts, apiCalls);
    if (outcome.problem) this.emit('connection', outcome.problem);
    else if (failure === undefined && clients) {
      this.emit('connection', { service: 'dear', problem: null });
      this.emit('connection', { service: 'upstock', problem: null });
    }

    const summary = store.runs.get(runId);
    if (!summary) throw new Error(`Run ${runId} of ${job.name} vanished from the run history`);
    // The next process may take the group as soon as the run is recorded as finished.
    lease.release();
    release();
    this.emit('run-finished', summary);
    return summary;
  }
}

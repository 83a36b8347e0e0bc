import cron, { type ScheduledTask } from 'node-cron';
import type { Settings } from '../../shared/settings.js';
import type { JobName, RunMode } from '../../shared/sync.js';
import { getLogger } from '../log/logger.js';
import type { CursorRepository } from '../store/types.js';
import type { JobRunner } from './runner.js';

const log = getLogger('sync');

/** The import jobs in the order a sync runs them: prices need products and customers cached. */
export const IMPORT_SEQUENCE: readonly JobName[] = ['reference', 'products', 'customers', 'prices'];

/** Store cursor holding the pause: an ISO time, or "indefinitely". */
export const PAUSE_CURSOR = 'agent.pausedUntil';

type ScheduleName = keyof Settings['schedules'];

/** The jobs and mode each schedule in the settings starts. */
const SCHEDULED_WORK: Record<ScheduleName, { jobs: readonly JobName[]; mode: RunMode }> = {
  reference: { jobs: ['reference'], mode: 'incremental' },
  catalog: { jobs: ['products', 'customers'], mode: 'incremental' },
  prices: { jobs: ['prices'], mode: 'incremental' },
  orders: { jobs: ['orders'], mode: 'incremental' },
  shipments: { jobs: ['shipments'], mode: 'incremental' },
  fullResync: { jobs: IMPORT_SEQUENCE, mode: 'full' },
};

/** The pause as the tray shows it. */
export interface PauseState {
  until: string | null;
  indefinitely: boolean;
}

/**
 * Starts jobs on the cron expressions in `settings.schedules` with node-cron, unless the
 * agent is paused. The pause is kept in the store, so it survives a restart. A pause with an
 * end time lifts itself at the first tick after that time.
 */
export class Scheduler {
  private tasks = new Map<ScheduleName, ScheduledTask>();
  private started = false;

  constructor(
    private readonly runner: JobRunner,
    private readonly settings: () => Settings,
    private readonly cursors: CursorRepository,
    private readonly onChange: () => void = () => {},
  ) {}

  /** Creates one task per valid schedule. An invalid cron expression is logged and skipped. */
  start(): void {
    this.stop();
    this.started = true;
    const schedules = this.settings().schedules;
    for (const name of Object.keys(SCHEDULED_WORK) as ScheduleName[]) {
      const expression = schedules[name];
      if (!cron.validate(expression)) {
        log.error(
          `Schedule ${name} has the invalid cron expression "${expression}"; it will not run. Fix it in the settings.`,
        );
        continue;
      }
      const task = cron.createTask(expression, () => this.tick(name), {
        name: `sync-${name}`,
        noOverlap: false,
      });
      void task.start();
      this.tasks.set(name, task);
    }
    log.info(`Scheduler started with ${this.tasks.size} schedules`);
  }

  /** Stops and removes every task; running jobs carry on. */
  stop(): void {
    for (const task of this.tasks.values()) void task.destroy();
    this.tasks.clear();
    this.started = false;
  }

  /** Applies changed schedules by recreating the tasks, when the scheduler is started. */
  reschedule(): void {
    if (this.started) this.start();
    this.onChange();
  }

  /** Returns the next time the schedule that starts `job` fires, or null. */
  nextRunAt(job: JobName): Date | null {
    let next: Date | null = null;
    for (const [name, task] of this.tasks) {
      if (name === 'fullResync' || !SCHEDULED_WORK[name].jobs.includes(job)) continue;
      const at = task.getNextRun();
      if (at && (!next || at < next)) next = at;
    }
    return next;
  }

  /** Pauses scheduled runs until `until`, or indefinitely when null. Running jobs finish. */
  pause(until: Date | null): void {
    this.cursors.set(PAUSE_CURSOR, until ? until.toISOString() : 'indefinitely');
    log.info(
      until
        ? `Scheduled syncs paused until ${until.toISOString()}`
        : 'Scheduled syncs paused indefinitely',
    );
    this.onChange();
  }

  resume(): void {
    this.cursors.delete(PAUSE_CURSOR);
    log.info('Scheduled syncs resumed');
    this.onChange();
  }

  /** Returns the pause, or null when not paused. A pause whose time has passed is lifted here. */
  pauseState(now = new Date()): PauseState | null {
    const stored = this.cursors.get(PAUSE_CURSOR);
    if (!stored) return null;
    if (stored === 'indefinitely') return { until: null, indefinitely: true };
    const until = new Date(stored);
    if (Number.isNaN(until.getTime()) || until <= now) {
      this.resume();
      return null;
    }
    return { until: until.toISOString(), indefinitely: false };
  }

  /** Runs one schedule's jobs now, as a scheduled tick would, unless paused. */
  async tick(name: ScheduleName): Promise<void> {
    if (this.pauseState()) {
      log.info(`Skipped the ${name} schedule: syncs are paused`);
      return;
    }
    const work = SCHEDULED_WORK[name];
    try {
      await this.runner.runSequence(work.jobs, { trigger: 'schedule', mode: work.mode });
    } catch (error) {
      log.error(`The ${name} schedule failed to start its jobs`, error);
    }
  }
}

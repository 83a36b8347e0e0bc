import type { JobName, RunMode, RunStatus, RunSummary, RunTrigger } from '../../shared/sync.js';
import { getLogger } from '../log/logger.js';
import { isOwnerGoneFromThisHost, isProcessAlive, type LockOwner } from './lock-owner.js';
import { nowIso, type PrepareCached } from './statements.js';
import type { JobLockRepository, RunRepository } from './types.js';

/** Runs listed when the caller gives no limit. */
const DEFAULT_LIST_LIMIT = 50;

interface RunRow {
  id: number;
  job: JobName;
  trigger: RunTrigger;
  mode: RunMode;
  status: RunStatus;
  started_at: string;
  finished_at: string | null;
  counts_json: string;
  failures_json: string;
  unrepresentable_json: string;
  api_calls_json: string;
  error: string | null;
}

function toRunSummary(row: RunRow): RunSummary {
  return {
    id: row.id,
    job: row.job,
    trigger: row.trigger,
    mode: row.mode,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    counts: JSON.parse(row.counts_json) as RunSummary['counts'],
    failures: JSON.parse(row.failures_json) as RunSummary['failures'],
    unrepresentable: JSON.parse(row.unrepresentable_json) as RunSummary['unrepresentable'],
    apiCalls: JSON.parse(row.api_calls_json) as RunSummary['apiCalls'],
    error: row.error,
  };
}

interface RunningRow {
  id: number;
  job: JobName;
  owner_id: string | null;
  owner_pid: number | null;
  owner_host: string | null;
}

/**
 * Creates the run history repository over an open, migrated database. Runs are recorded as
 * `owner`'s; `locks` and `alive` tell whether another owner is still there.
 */
export function createRunRepository(
  prepare: PrepareCached,
  owner: LockOwner,
  locks: Pick<JobLockRepository, 'hasLiveLease'>,
  alive: (pid: number) => boolean = isProcessAlive,
): RunRepository {
  const log = getLogger('store');

  const failRuns = (ids: number[], reason: string): number => {
    const statement = prepare(
      `UPDATE runs SET status = 'failed', finished_at = ?, error = ?
       WHERE id = ? AND status = 'running'`,
    );
    const finishedAt = nowIso();
    let changed = 0;
    for (const id of ids) changed += statement.run(finishedAt, reason, id).changes;
    return changed;
  };

  const isGone = (row: RunningRow): boolean => {
    if (row.owner_id === null) return true;
    if (row.owner_host === owner.hostname) {
      return isOwnerGoneFromThisHost(
        { pid: row.owner_pid, hostname: row.owner_host },
        owner,
        alive,
      );
    }
    return !locks.hasLiveLease(row.owner_id);
  };

  return {
    start: (job, trigger, mode) => {
      const result = prepare(
        `INSERT INTO runs (job, trigger, mode, status, started_at, owner_id, owner_pid, owner_host)
         VALUES (?, ?, ?, 'running', ?, ?, ?, ?)`,
      ).run(job, trigger, mode, nowIso(), owner.id, owner.pid, owner.hostname);
      return Number(result.lastInsertRowid);
    },

    finish: (runId, outcome) => {
      const result = prepare(
        `UPDATE runs SET status = ?, finished_at = ?, counts_json = ?, failures_json = ?,
           unrepresentable_json = ?, api_calls_json = ?, error = ?
         WHERE id = ?`,
      ).run(
        outcome.status,
        nowIso(),
        JSON.stringify(outcome.counts),
        JSON.stringify(outcome.failures),
        JSON.stringify(outcome.unrepresentable),
        JSON.stringify(outcome.apiCalls),
        outcome.error,
        runId,
      );
      if (result.changes === 0) {
        throw new Error(`Run ${runId} not found in the run history, so it cannot be finished.`);
      }
    },

    get: (runId) => {
      const row = prepare('SELECT * FROM runs WHERE id = ?').get(runId) as RunRow | undefined;
      return row ? toRunSummary(row) : null;
    },

    list: (options = {}) => {
      const limit = Math.max(1, Math.floor(options.limit ?? DEFAULT_LIST_LIMIT));
      const rows = options.job
        ? prepare('SELECT * FROM runs WHERE job = ? ORDER BY id DESC LIMIT ?').all(
            options.job,
            limit,
          )
        : prepare('SELECT * FROM runs ORDER BY id DESC LIMIT ?').all(limit);
      return (rows as RunRow[]).map(toRunSummary);
    },

    // A partial run finished its pass with some records failing, so it counts as successful.
    lastSuccessful: (job) => {
      const row = prepare(
        `SELECT * FROM runs WHERE job = ? AND status IN ('succeeded', 'partial')
         ORDER BY id DESC LIMIT 1`,
      ).get(job) as RunRow | undefined;
      return row ? toRunSummary(row) : null;
    },

    failAbandoned: (reason) => {
      const running = prepare(
        `SELECT id, job, owner_id, owner_pid, owner_host FROM runs
         WHERE status = 'running' AND (owner_id IS NULL OR owner_id <> ?)`,
      ).all(owner.id) as RunningRow[];
      const gone = running.filter(isGone);
      const changed = failRuns(
        gone.map((row) => row.id),
        reason,
      );
      if (changed > 0) {
        const described = gone
          .map(
            (row) =>
              `${row.id} (${row.job}, pid ${row.owner_pid ?? '?'} on ${row.owner_host ?? '?'})`,
          )
          .join(', ');
        log.warn(`Marked ${changed} abandoned run(s) as failed: ${described}: ${reason}`);
      }
      const live = running.length - gone.length;
      if (live > 0) {
        log.info(`Left ${live} run(s) of other Upstock Dear Sync processes that are still running`);
      }
      return changed;
    },

    failInterrupted: (scope, reason) => {
      const rows = prepare(
        `SELECT id, job, owner_id, owner_pid, owner_host FROM runs
         WHERE status = 'running' AND (owner_id IS NULL OR owner_id <> ?)`,
      ).all(owner.id) as RunningRow[];
      const owners = new Set(scope.ownerIds ?? []);
      const stale = rows.filter(
        (row) =>
          scope.jobs.includes(row.job) || (row.owner_id !== null && owners.has(row.owner_id)),
      );
      const changed = failRuns(
        stale.map((row) => row.id),
        reason,
      );
      if (changed > 0) {
        log.warn(
          `Marked run(s) ${stale.map((row) => `${row.id} (${row.job})`).join(', ')} of a stopped process as failed: ${reason}`,
        );
      }
      return changed;
    },
  };
}

import type { JobName, RunMode, RunStatus, RunSummary, RunTrigger } from '../../shared/sync.js';
import { getLogger } from '../log/logger.js';
import { nowIso, type PrepareCached } from './statements.js';
import type { RunRepository } from './types.js';

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

/** Creates the run history repository over an open, migrated database. */
export function createRunRepository(prepare: PrepareCached): RunRepository {
  const log = getLogger('store');

  return {
    start: (job, trigger, mode) => {
      const result = prepare(
        `INSERT INTO runs (job, trigger, mode, status, started_at)
         VALUES (?, ?, ?, 'running', ?)`,
      ).run(job, trigger, mode, nowIso());
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
      const result = prepare(
        `UPDATE runs SET status = 'failed', finished_at = ?, error = ? WHERE status = 'running'`,
      ).run(nowIso(), reason);
      if (result.changes > 0) {
        log.warn(`Marked ${result.changes} abandoned run(s) as failed: ${reason}`);
      }
      return result.changes;
    },
  };
}

import {
  emptyCounts,
  type AgentStatus,
  type EntityCounts,
  type RecordFailure,
  type RunStatus,
  type RunSummary,
  type UnrepresentableRule,
} from '../../shared/sync.js';
import { EXIT, type ExitCode } from './errors.js';
import { formatTable, replaceControlCharacters } from './output.js';

/** One record failure with the job that reported it. */
export interface ReportedFailure extends RecordFailure {
  job: string;
}

/** The report `sync --once --json` prints: the outcome of every run of one cycle. */
export interface SyncReport {
  /** True when every run succeeded and no record failed (skips are deliberate, not failures). */
  ok: boolean;
  /** Counts per entity, summed over the runs. */
  entities: Record<string, EntityCounts>;
  failures: ReportedFailure[];
  unrepresentable: UnrepresentableRule[];
  apiCalls: { dear: number; upstock: number };
  runs: {
    id: number;
    job: string;
    mode: string;
    status: RunStatus;
    error: string | null;
    apiCalls: { dear: number; upstock: number };
  }[];
}

/** Sums the runs of one cycle into a report. */
export function buildSyncReport(runs: RunSummary[]): SyncReport {
  const entities: Record<string, EntityCounts> = {};
  const failures: ReportedFailure[] = [];
  const unrepresentable: UnrepresentableRule[] = [];
  const apiCalls = { dear: 0, upstock: 0 };

  for (const run of runs) {
    for (const [entity, counts] of Object.entries(run.counts)) {
      const total = (entities[entity] ??= emptyCounts());
      total.created += counts.created;
      total.updated += counts.updated;
      total.unchanged += counts.unchanged;
      total.skipped += counts.skipped;
      total.failed += counts.failed;
    }
    for (const failure of run.failures) failures.push({ job: run.job, ...failure });
    unrepresentable.push(...run.unrepresentable);
    apiCalls.dear += run.apiCalls.dear;
    apiCalls.upstock += run.apiCalls.upstock;
  }

  const ok =
    runs.every((run) => run.status === 'succeeded') &&
    failures.length === 0 &&
    Object.values(entities).every((counts) => counts.failed === 0);
  return {
    ok,
    entities,
    failures,
    unrepresentable,
    apiCalls,
    runs: runs.map((run) => ({
      id: run.id,
      job: run.job,
      mode: run.mode,
      status: run.status,
      error: run.error,
      apiCalls: run.apiCalls,
    })),
  };
}

/**
 * Returns the exit status for a cycle: 0 when `report.ok`. A failed run gives 3 for rejected
 * credentials and 4 for a connection problem (both read from `status`), else 6. Runs that
 * finished with failed records give 5.
 */
export function exitCodeFor(report: SyncReport, status: AgentStatus): ExitCode {
  if (report.ok) return EXIT.ok;
  const failedRun = report.runs.some(
    (run) => run.status === 'failed' || run.status === 'cancelled',
  );
  if (failedRun) {
    const problems = [status.dear.problem, status.upstock.problem];
    if (problems.includes('credentials-rejected')) return EXIT.credentials;
    if (problems.includes('offline') || problems.includes('throttled')) return EXIT.unreachable;
    return EXIT.jobFailed;
  }
  return EXIT.recordsFailed;
}

/** Formats the report as the summary table, failures and rules a person reads. */
export function formatSyncReport(report: SyncReport): string[] {
  const lines: string[] = [];
  const entityRows = Object.entries(report.entities).map(([entity, counts]) => [
    entity,
    counts.created,
    counts.updated,
    counts.unchanged,
    counts.skipped,
    counts.failed,
  ]);
  if (entityRows.length > 0) {
    lines.push(
      ...formatTable(
        ['entity', 'created', 'updated', 'unchanged', 'skipped', 'failed'],
        entityRows,
        ['created', 'updated', 'unchanged', 'skipped', 'failed'],
      ),
    );
  } else {
    lines.push('No records were read or sent.');
  }
  lines.push(
    '',
    `API calls: Cin7 Core ${report.apiCalls.dear}, Upstock ${report.apiCalls.upstock}`,
  );

  for (const run of report.runs) {
    if (run.status !== 'succeeded' && run.status !== 'partial') {
      lines.push(`Job ${run.job} ${run.status}${run.error ? `: ${run.error}` : ''}`);
    }
  }
  if (report.failures.length > 0) {
    lines.push('', `${report.failures.length} records failed:`);
    for (const failure of report.failures) lines.push(`  ${describeFailure(failure)}`);
  }
  if (report.unrepresentable.length > 0) {
    lines.push('', 'Pricing rules Upstock price lists cannot express (apply them in Cin7 Core):');
    for (const rule of report.unrepresentable) {
      lines.push(`  ${rule.kind} "${rule.ruleName}" (${rule.affected} affected): ${rule.detail}`);
    }
  }
  return lines;
}

/**
 * Formats one failure as `entity ID (label) field: reason`. Control characters from Cin7 Core
 * or Upstock text are replaced by U+FFFD, so a record's name cannot clear the terminal.
 */
export function describeFailure(failure: ReportedFailure): string {
  const label = failure.label ? ` (${failure.label})` : '';
  const field = failure.field ? ` ${failure.field}` : '';
  return replaceControlCharacters(
    `${failure.entity} ${failure.recordId}${label}${field}: ${failure.reason}`,
  );
}

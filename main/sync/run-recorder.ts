import {
  emptyCounts,
  type EntityCounts,
  type RecordFailure,
  type UnrepresentableRule,
} from '../../shared/sync.js';

/** A job's report of its run. The runner adds the API call counts and the status. */
export interface JobResult {
  counts: Record<string, EntityCounts>;
  failures: RecordFailure[];
  unrepresentable: UnrepresentableRule[];
}

/** Maximum failures kept per run. Later ones are counted in a closing summary entry. */
const MAX_FAILURES = 1_000;

/**
 * Collects counts per entity, record failures and unrepresentable rules during a run. A
 * failure repeated for the same record, field and reason is kept once.
 */
export class RunRecorder {
  private readonly counts = new Map<string, EntityCounts>();
  private readonly failures: RecordFailure[] = [];
  private readonly failureKeys = new Set<string>();
  private droppedFailures = 0;
  private readonly rules = new Map<string, UnrepresentableRule>();

  /** Adds `n` to one outcome of an entity ("products", "customers", "priceLists"). */
  count(entity: string, outcome: keyof EntityCounts, n = 1): void {
    if (n === 0) return;
    const counts = this.counts.get(entity) ?? emptyCounts();
    counts[outcome] += n;
    this.counts.set(entity, counts);
  }

  fail(failure: RecordFailure): void {
    const key = `${failure.entity}\u0000${failure.recordId}\u0000${failure.field ?? ''}\u0000${failure.reason}`;
    if (this.failureKeys.has(key)) return;
    this.failureKeys.add(key);
    if (this.failures.length >= MAX_FAILURES) {
      this.droppedFailures += 1;
      return;
    }
    this.failures.push(failure);
  }

  /** Records a rule once per rule name and kind; a later report replaces an earlier one. */
  unrepresentable(rule: UnrepresentableRule): void {
    this.rules.set(`${rule.kind}\u0000${rule.ruleName}`, rule);
  }

  hasFailures(): boolean {
    return this.failures.length > 0;
  }

  /** Merges a job's returned result into this recorder. */
  merge(result: JobResult): void {
    for (const [entity, counts] of Object.entries(result.counts)) {
      for (const outcome of Object.keys(counts) as (keyof EntityCounts)[]) {
        this.count(entity, outcome, counts[outcome]);
      }
    }
    for (const failure of result.failures) this.fail(failure);
    for (const rule of result.unrepresentable) this.unrepresentable(rule);
  }

  /** Returns a copy of everything recorded so far. */
  snapshot(): JobResult {
    const failures = [...this.failures];
    if (this.droppedFailures > 0) {
      failures.push({
        entity: 'run',
        recordId: '(more)',
        reason: `${this.droppedFailures} more failures were not kept; fix the ones listed and sync again to see the rest.`,
      });
    }
    return {
      counts: Object.fromEntries(
        [...this.counts].map(([entity, counts]) => [entity, { ...counts }]),
      ),
      failures,
      unrepresentable: [...this.rules.values()],
    };
  }
}

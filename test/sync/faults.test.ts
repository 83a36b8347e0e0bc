import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/sync.js';
import { startHarness, type SyncHarness } from './harness.js';
import { comparableState } from './snapshot.js';

const harnesses: SyncHarness[] = [];

afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});

async function harness(): Promise<SyncHarness> {
  const h = await startHarness({ pageSize: 10 });
  harnesses.push(h);
  h.selectAll();
  return h;
}

/** Syncs until every job succeeds; each attempt is a new sync, as the scheduler would start. */
async function syncUntilClean(h: SyncHarness, maxAttempts: number): Promise<RunSummary[][]> {
  const attempts: RunSummary[][] = [];
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    const summaries = await h.syncAll();
    attempts.push(summaries);
    if (summaries.length === 4 && summaries.every((s) => s.status === 'succeeded')) break;
  }
  return attempts;
}

describe('faults on 20% of calls', () => {
  it('end in the same Upstock state as a clean run', async () => {
    const clean = await harness();
    await clean.syncAll();

    const faulty = await harness();
    faulty.dearSim.control.setFaults({
      seed: 7,
      probabilities: {
        'throttle-429': 0.04,
        'throttle-503': 0.04,
        'http-500': 0.04,
        timeout: 0.04,
        reset: 0.04,
      },
    });
    faulty.upstockSim.control.setFaults({
      share: 0.2,
      kinds: ['500', 'reset', 'lost-response', '429'],
      retryAfterSeconds: 0,
      seed: 7,
    });

    const attempts = await syncUntilClean(faulty, 5);

    const last = attempts.at(-1)!;
    expect(last.map((s) => s.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    const faultedDear = faulty.dearSim.control.calls().filter((c) => c.fault !== null).length;
    const faultedUpstock = faulty.upstockSim.control.calls().filter((c) => c.fault !== null).length;
    expect(faultedDear).toBeGreaterThan(0);
    expect(faultedUpstock).toBeGreaterThan(0);
    expect(comparableState(faulty.upstockSim.control.state())).toEqual(
      comparableState(clean.upstockSim.control.state()),
    );
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DearClient } from '../../main/dear/client.js';
import { collectRecords } from '../../main/dear/paging.js';
import { getSharedLimiter, RateLimiter } from '../../main/dear/limiter.js';
import {
  SAMPLE_ACCOUNT_ID,
  SAMPLE_APPLICATION_KEY,
  type DearSimulator,
} from '../../main/simulators/dear/server.js';
import { startSampleSimulator } from './helpers.js';

// A time-scaled budget: 6 calls per 600 ms stands for Cin7 Core's calls per minute.
const BUDGET = { callsPerWindow: 6, windowMs: 600 };

let sim: DearSimulator;

beforeAll(async () => {
  sim = await startSampleSimulator();
});

afterAll(async () => {
  await sim.close();
});

beforeEach(() => {
  sim.control.reset();
  sim.control.setRateLimit({ calls: BUDGET.callsPerWindow, windowMs: BUDGET.windowMs });
});

/** Max number of calls the simulator logged inside any span of `windowMs`. */
function maxCallsInAnyWindow(windowMs: number): number {
  const times = sim.control
    .calls()
    .map((call) => Date.parse(call.at))
    .sort((a, b) => a - b);
  let max = 0;
  for (let first = 0; first < times.length; first += 1) {
    const start = times[first] as number;
    const inWindow = times.slice(first).filter((time) => time < start + windowMs).length;
    max = Math.max(max, inWindow);
  }
  return max;
}

function newClient(limiter?: RateLimiter): DearClient {
  return new DearClient({
    baseUrl: sim.url,
    accountId: SAMPLE_ACCOUNT_ID,
    applicationKey: SAMPLE_APPLICATION_KEY,
    limiter,
    limiterOptions: BUDGET,
    pageSize: 5,
    maxRetries: 0,
  });
}

async function runTwoJobs(first: DearClient, second: DearClient): Promise<void> {
  await Promise.all([
    collectRecords(first.listProducts({ includeDeprecated: true })),
    collectRecords(second.listCustomers()),
    first.me(),
    second.taxRules(),
  ]);
}

describe('shared rate limiter', () => {
  it('keeps two clients within budget', async () => {
    const first = newClient();
    const second = newClient();
    await runTwoJobs(first, second);

    const calls = first.stats.calls + second.stats.calls;
    expect(calls).toBe(sim.control.calls().length);
    expect(calls).toBeGreaterThan(BUDGET.callsPerWindow * 2);
    expect(first.stats.throttled + second.stats.throttled).toBe(0);
    expect(maxCallsInAnyWindow(BUDGET.windowMs)).toBeLessThanOrEqual(BUDGET.callsPerWindow);
  });

  it('counts retries against the same budget', async () => {
    // Page 1 fails three times and succeeds on the fourth and last attempt.
    sim.control.setFaults({ next: ['http-500', 'reset', 'http-500'] });
    const client = new DearClient({
      baseUrl: sim.url,
      accountId: SAMPLE_ACCOUNT_ID,
      applicationKey: SAMPLE_APPLICATION_KEY,
      limiterOptions: BUDGET,
      pageSize: 10,
    });
    await collectRecords(client.listProducts());

    expect(client.stats.retries).toBe(3);
    expect(client.stats.throttled).toBe(0);
    expect(maxCallsInAnyWindow(BUDGET.windowMs)).toBeLessThanOrEqual(BUDGET.callsPerWindow);
  });

  it('separate limiters overrun the key', async () => {
    // Control case for the two tests above: the same load without sharing overruns the key.
    const first = newClient(new RateLimiter(BUDGET));
    const second = newClient(new RateLimiter(BUDGET));
    const outcome = await runTwoJobs(first, second).then(
      () => 'finished',
      () => 'failed',
    );

    expect(first.stats.throttled + second.stats.throttled).toBeGreaterThan(0);
    expect(['finished', 'failed']).toContain(outcome);
  });

  it('shares one limiter per key', () => {
    const shared = getSharedLimiter(SAMPLE_ACCOUNT_ID, SAMPLE_APPLICATION_KEY);
    newClient();
    expect(getSharedLimiter(SAMPLE_ACCOUNT_ID, SAMPLE_APPLICATION_KEY)).toBe(shared);
    expect(shared.callsPerWindow).toBe(BUDGET.callsPerWindow);
  });
});

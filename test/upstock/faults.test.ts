import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { UpstockClient } from '../../main/upstock/client.js';
import {
  UpstockApiError,
  UpstockAuthError,
  UpstockNetworkError,
  UpstockThrottledError,
} from '../../main/upstock/errors.js';
import type { UpstockSimulator } from '../../main/simulators/upstock/server.js';
import { customer, product, startPair } from './harness.js';

let sim: UpstockSimulator;
let client: UpstockClient;

beforeAll(async () => {
  ({ sim, client } = await startPair());
});

afterAll(async () => {
  await sim.close();
});

beforeEach(() => {
  sim.control.reset();
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

describe('authentication', () => {
  it('throws UpstockAuthError for a wrong token', async () => {
    const wrongToken = 'wrong-token-7f3a9c';
    const intruder = new UpstockClient({ baseUrl: sim.url, token: wrongToken, retryBaseMs: 1 });

    const error = await rejection(intruder.account());

    expect(error).toBeInstanceOf(UpstockAuthError);
    expect((error as UpstockAuthError).status).toBe(401);
    expect((error as UpstockAuthError).problemType).toBe('unauthorized');
    expect((error as Error).message).not.toContain(wrongToken);
    expect(intruder.stats.calls).toBe(1);
  });
});

describe('rate limits', () => {
  it('retries a 429 after Retry-After', async () => {
    sim.control.setFaults({ next: ['429'], retryAfterSeconds: 1 });

    const account = await client.account();

    expect(account.name).toContain('Harbourside');
    expect(sim.control.calls().map((call) => call.status)).toEqual([429, 200]);
    expect(client.stats.throttled).toBeGreaterThan(0);
  });

  it('waits out the simulator rate limit window', async () => {
    const limited = await startPair({ rateLimit: { calls: 2, windowMs: 1000 } });
    try {
      for (let i = 0; i < 3; i++) await limited.client.account();

      const statuses = limited.sim.control.calls().map((call) => call.status);
      expect(statuses).toEqual([200, 200, 429, 200]);
      expect(limited.sim.control.calls()[2]?.fault).toBe('rate-limit');
    } finally {
      await limited.sim.close();
    }
  });

  it('throws UpstockThrottledError when retries run out', async () => {
    const impatient = new UpstockClient({
      baseUrl: sim.url,
      token: sim.token,
      retryBaseMs: 1,
      maxRetries: 1,
    });
    sim.control.setFaults({ next: ['429', '429'], retryAfterSeconds: 0 });

    const error = await rejection(impatient.account());

    expect(error).toBeInstanceOf(UpstockThrottledError);
    expect((error as UpstockThrottledError).retryAfterMs).toBe(0);
    expect(impatient.stats.calls).toBe(2);
  });

  it('fails at once when Retry-After is longer than allowed', async () => {
    const strict = new UpstockClient({
      baseUrl: sim.url,
      token: sim.token,
      maxRetryAfterMs: 1000,
    });
    sim.control.setFaults({ next: ['429'], retryAfterSeconds: 3600 });

    const error = await rejection(strict.account());

    expect((error as UpstockThrottledError).retryAfterMs).toBe(3_600_000);
    expect(strict.stats.calls).toBe(1);
  });
});

describe('server faults', () => {
  it('retries 500s and connection resets', async () => {
    sim.control.setFaults({ next: ['500', 'reset', '500'] });

    const response = await client.upsertProducts([product(1)]);

    expect(response.counts.created).toBe(1);
    expect(sim.control.calls().map((call) => call.fault)).toEqual(['500', 'reset', '500', null]);
  });

  it('reports unchanged after a lost response', async () => {
    sim.control.setFaults({ next: ['lost-response'] });

    const response = await client.upsertProducts([product(1)]);

    expect(response.results[0]?.result).toBe('unchanged');
    expect(sim.control.state().products).toHaveLength(1);
  });

  it('claims again after the claim response was lost', async () => {
    await client.upsertProducts([product(1)]);
    await client.upsertCustomers([customer(1)]);
    const placed = sim.control.placeOrder({
      customerExternalId: 'dear-customer-1',
      lines: [{ productExternalId: 'dear-product-1', quantity: '1', unitPrice: '2.0000' }],
      status: 'approved',
    });
    sim.control.setFaults({ next: ['lost-response'] });

    const claim = await client.claimOrder(placed.id, 'office-pc-1');

    const renewed = await client.renewClaim(placed.id, claim.claimToken);
    expect(renewed.agentId).toBe('office-pc-1');
  });

  it('syncs a catalog through seeded random faults', async () => {
    sim.control.setFaults({ share: 0.3, kinds: ['500', 'reset', 'lost-response'], seed: 42 });
    const products = Array.from({ length: 60 }, (_, i) => product(i));

    for (let start = 0; start < products.length; start += 5) {
      const response = await client.upsertProducts(products.slice(start, start + 5));
      expect(response.counts.failed).toBe(0);
    }

    expect(sim.control.state().products).toHaveLength(60);
    expect(sim.control.calls().some((call) => call.fault !== null)).toBe(true);
  });

  it('gives up with UpstockApiError after the retries', async () => {
    const brief = new UpstockClient({
      baseUrl: sim.url,
      token: sim.token,
      retryBaseMs: 1,
      maxRetries: 2,
    });
    sim.control.setFaults({ next: ['500', '500', '500'] });

    const error = await rejection(brief.account());

    expect(error).toBeInstanceOf(UpstockApiError);
    expect((error as UpstockApiError).status).toBe(500);
    expect(brief.stats.retries).toBe(2);
  });
});

describe('network errors', () => {
  it('throws UpstockNetworkError when nothing listens', async () => {
    const pair = await startPair({}, { maxRetries: 1 });
    await pair.sim.close();

    const error = await rejection(pair.client.account());

    expect(error).toBeInstanceOf(UpstockNetworkError);
    expect((error as UpstockNetworkError).code).toBe('ECONNREFUSED');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { largeSeed } from '../../main/sample/large-seed.js';
import { UPSTOCK_WRITES_IN_FLIGHT } from '../../main/sync/jobs/bounded-sends.js';
import type { UpstockClient } from '../../main/upstock/client.js';
import { startHarness, type SyncHarness } from './harness.js';
import { comparableState } from './snapshot.js';

const harnesses: SyncHarness[] = [];

afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});

type WriteMethod = 'upsertProducts' | 'upsertCustomers' | 'putPriceList';

/**
 * Wraps one write method of the harness's Upstock client so it counts the calls running at
 * once. `failCall`, when given, makes that call (1-based) reject without reaching Upstock.
 */
function countInFlight(
  upstock: UpstockClient,
  method: WriteMethod,
  failCall?: number,
): { max: () => number; started: () => number } {
  const original = upstock[method].bind(upstock) as (...args: unknown[]) => Promise<unknown>;
  let running = 0;
  let max = 0;
  let started = 0;
  (upstock as unknown as Record<WriteMethod, unknown>)[method] = async (...args: unknown[]) => {
    started += 1;
    if (started === failCall) throw new Error(`Connection to Upstock reset on call ${started}`);
    running += 1;
    max = Math.max(max, running);
    try {
      return await original(...args);
    } finally {
      running -= 1;
    }
  };
  return { max: () => max, started: () => started };
}

async function harness(products: number, customers: number): Promise<SyncHarness> {
  const h = await startHarness({ seed: largeSeed(products, customers) });
  harnesses.push(h);
  h.selectAll();
  return h;
}

describe('concurrent Upstock writes', () => {
  it('keep four batches and lists in flight', async () => {
    const h = await harness(2_500, 1_200);
    const products = countInFlight(h.upstock, 'upsertProducts');
    const customers = countInFlight(h.upstock, 'upsertCustomers');
    const lists = countInFlight(h.upstock, 'putPriceList');

    const summaries = await h.syncAll('full');

    expect(summaries.map((s) => s.status)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
    expect(products.started()).toBeGreaterThan(UPSTOCK_WRITES_IN_FLIGHT);
    expect(products.max()).toBe(UPSTOCK_WRITES_IN_FLIGHT);
    expect(customers.max()).toBeGreaterThan(1);
    expect(customers.max()).toBeLessThanOrEqual(UPSTOCK_WRITES_IN_FLIGHT);
    expect(lists.started()).toBeGreaterThan(UPSTOCK_WRITES_IN_FLIGHT);
    expect(lists.max()).toBeLessThanOrEqual(UPSTOCK_WRITES_IN_FLIGHT);
    expect(lists.max()).toBeGreaterThan(1);

    const state = h.upstockSim.control.state();
    const recorded = h.store.mappings.list('product').filter((m) => m.contentHash);
    expect(recorded).toHaveLength(state.products.length);
    const listKeys = new Set(state.priceLists.map((list) => list.key));
    for (const customer of state.customers) {
      if (customer.priceListKey !== null) expect(listKeys.has(customer.priceListKey)).toBe(true);
    }
  });

  it('record the lists accepted before a failed put', async () => {
    const clean = await harness(600, 300);
    await clean.syncAll('full');

    const h = await harness(600, 300);
    const lists = countInFlight(h.upstock, 'putPriceList', 2);
    const failed = await h.syncAll('full');

    expect(failed.map((s) => s.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'failed']);
    // The failure stops new puts; the puts already running finish and are recorded.
    expect(lists.started()).toBe(UPSTOCK_WRITES_IN_FLIGHT);
    const held = h.upstockSim.control
      .state()
      .priceLists.map((list) => list.key)
      .sort();
    expect(held).toHaveLength(UPSTOCK_WRITES_IN_FLIGHT - 1);
    const recorded = h.store.mappings
      .list('priceList')
      .map((mapping) => mapping.dearId)
      .sort();
    expect(recorded).toEqual(held);
    // Customers move to a list only after every list was put.
    for (const customer of h.upstockSim.control.state().customers)
      expect(customer.priceListKey).toBeNull();

    const retried = await h.syncAll('full');
    expect(retried.map((s) => s.status)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
    expect(comparableState(h.upstockSim.control.state())).toEqual(
      comparableState(clean.upstockSim.control.state()),
    );
  });
});

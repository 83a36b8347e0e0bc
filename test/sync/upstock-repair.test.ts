import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/sync.js';
import { UpstockClient } from '../../main/upstock/client.js';
import type { WireCustomerInput, WireProductInput } from '../../main/upstock/wire.js';
import { startHarness, type SyncHarness } from './harness.js';
import { comparableState } from './snapshot.js';

let h: SyncHarness;

beforeEach(async () => {
  h = await startHarness();
  h.selectAll();
});

afterEach(async () => {
  await h.close();
});

/** Wipes the Upstock simulator through its HTTP control API, as an operator would. */
async function wipeUpstock(): Promise<void> {
  const response = await fetch(`${h.upstockSim.origin}_control/reset`, { method: 'POST' });
  expect(response.ok).toBe(true);
}

/** Creates a second client on the same account, for changes made in Upstock behind the agent's back. */
function handClient(): UpstockClient {
  return new UpstockClient({ baseUrl: h.upstockSim.url, token: h.upstockSim.token });
}

function countsOf(summaries: RunSummary[], job: string, entity: string) {
  const summary = summaries.find((s) => s.job === job);
  return summary?.counts[entity] ?? { created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };
}

function expectNoErrors(summaries: RunSummary[]): void {
  expect(summaries.map((s) => s.job)).toEqual(['reference', 'products', 'customers', 'prices']);
  for (const summary of summaries) expect(summary.error, summary.job).toBeNull();
}

function upstockListCalls(): number {
  return h.upstockSim.control
    .calls()
    .filter((call) => call.method === 'GET' && /\/v1\/(products|customers)$/.test(call.path))
    .length;
}

describe('full resync against what Upstock stores', () => {
  it('re-creates everything after Upstock is wiped', async () => {
    expectNoErrors(await h.syncAll());
    const before = h.upstockSim.control.state();
    expect(before.products.length).toBeGreaterThan(40);
    expect(before.priceLists.length).toBeGreaterThan(0);

    await wipeUpstock();
    expect(h.upstockSim.control.state().products).toHaveLength(0);
    const summaries = await h.syncAll('full');
    expectNoErrors(summaries);

    const after = h.upstockSim.control.state();
    expect(comparableState(after)).toEqual(comparableState(before));
    const products = countsOf(summaries, 'products', 'products');
    expect(products.created).toBe(before.products.length);
    expect(products.unchanged).toBe(0);
    const customers = countsOf(summaries, 'customers', 'customers');
    expect(customers.created).toBe(before.customers.length);
    expect(customers.unchanged).toBe(0);
    const priceLists = countsOf(summaries, 'prices', 'priceLists');
    expect(priceLists.created).toBe(before.priceLists.length);
    expect(priceLists.unchanged).toBe(0);
    const assignments = countsOf(summaries, 'prices', 'assignments');
    expect(assignments.updated).toBe(before.customers.length);
  });

  it('re-sends only the records Upstock lost', async () => {
    expectNoErrors(await h.syncAll());
    const before = h.upstockSim.control.state();
    const kept = before.products.slice(0, 20);
    await wipeUpstock();
    const restored = await handClient().upsertProducts(
      kept.map(({ id: _id, createdAt: _c, updatedAt: _u, ...input }) => input as WireProductInput),
    );
    expect(restored.counts.created).toBe(kept.length);

    const summaries = await h.syncAll('full');
    expectNoErrors(summaries);

    const products = countsOf(summaries, 'products', 'products');
    expect(products.created).toBe(before.products.length - kept.length);
    expect(products.updated).toBe(0);
    expect(products.unchanged).toBe(kept.length);
    expect(comparableState(h.upstockSim.control.state())).toEqual(comparableState(before));
  });

  it('restores records edited in Upstock', async () => {
    expectNoErrors(await h.syncAll());
    const before = h.upstockSim.control.state();
    const product = before.products.find((p) => p.availability === 'available')!;
    const customer = before.customers[0]!;
    const hand = handClient();
    const { id: _p, createdAt: _pc, updatedAt: _pu, ...productInput } = product;
    await hand.upsertProducts([{ ...productInput, name: 'Renamed by hand' }]);
    const { id: _c, createdAt: _cc, updatedAt: _cu, ...customerInput } = customer;
    await hand.upsertCustomers([
      { ...(customerInput as WireCustomerInput), salesRep: 'Someone else' },
    ]);

    const summaries = await h.syncAll('full');
    expectNoErrors(summaries);

    const products = countsOf(summaries, 'products', 'products');
    expect(products.updated).toBe(1);
    expect(products.created).toBe(0);
    const customers = countsOf(summaries, 'customers', 'customers');
    expect(customers.updated).toBe(1);
    expect(customers.created).toBe(0);
    expect(comparableState(h.upstockSim.control.state())).toEqual(comparableState(before));
  });

  it('sends nothing when Upstock has everything', async () => {
    expectNoErrors(await h.syncAll());
    const before = h.upstockSim.control.state();
    const writesBefore = h.upstockSim.control.calls().filter((c) => c.method !== 'GET').length;

    const summaries = await h.syncAll('full');
    expectNoErrors(summaries);

    const writes = h.upstockSim.control.calls().filter((c) => c.method !== 'GET').length;
    expect(writes).toBe(writesBefore);
    expect(countsOf(summaries, 'products', 'products').unchanged).toBe(before.products.length);
    expect(countsOf(summaries, 'customers', 'customers').unchanged).toBe(before.customers.length);
    expect(countsOf(summaries, 'prices', 'priceLists').unchanged).toBe(before.priceLists.length);
  });

  it('reassigns customers whose price list is gone', async () => {
    expectNoErrors(await h.syncAll());
    const before = h.upstockSim.control.state();
    // Upstock keeps the customers but lost every price list, as after a partial restore: the
    // customers are put back on no list, the state a list's deletion leaves behind.
    await wipeUpstock();
    const hand = handClient();
    await hand.upsertProducts(
      before.products.map(
        ({ id: _id, createdAt: _c, updatedAt: _u, ...input }) => input as WireProductInput,
      ),
    );
    await hand.upsertCustomers(
      before.customers.map(
        ({ id: _id, createdAt: _c, updatedAt: _u, ...input }) =>
          ({ ...input, priceListKey: null }) as WireCustomerInput,
      ),
    );

    const summaries = await h.syncAll('full');
    expectNoErrors(summaries);

    expect(countsOf(summaries, 'products', 'products').created).toBe(0);
    expect(countsOf(summaries, 'prices', 'priceLists').created).toBe(before.priceLists.length);
    expect(countsOf(summaries, 'prices', 'assignments').updated).toBe(before.customers.length);
    expect(comparableState(h.upstockSim.control.state())).toEqual(comparableState(before));
  });
});

describe('incremental pass after Upstock lost records', () => {
  it('does not list Upstock records', async () => {
    expectNoErrors(await h.syncAll());
    await wipeUpstock();

    expectNoErrors(await h.syncAll('incremental'));

    expect(upstockListCalls()).toBe(0);
  });

  it('reads the account at most once per cycle', async () => {
    expectNoErrors(await h.syncAll('full'));

    const accountReads = h.upstockSim.control
      .calls()
      .filter((call) => call.path.endsWith('/v1/account')).length;
    expect(accountReads).toBeLessThanOrEqual(1);
    expect(upstockListCalls()).toBe(2);
  });
});

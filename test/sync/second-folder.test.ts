import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type SqliteStore } from '../../main/store/open.js';
import { customersJob } from '../../main/sync/jobs/customers.js';
import { pricesJob } from '../../main/sync/jobs/prices.js';
import { productsJob } from '../../main/sync/jobs/products.js';
import { referenceJob } from '../../main/sync/jobs/reference.js';
import { JobRunner } from '../../main/sync/runner.js';
import { UpstockClient } from '../../main/upstock/client.js';
import { createDearClient, startHarness, type SyncHarness } from './harness.js';

let h: SyncHarness;
let secondDir: string;
let secondStore: SqliteStore;

beforeEach(async () => {
  h = await startHarness();
  h.selectAll();
  secondDir = mkdtempSync(join(tmpdir(), 'uds-second-'));
  secondStore = openStore(secondDir);
  secondStore.selection.select(h.seed.products.map((product) => product.ID));
});

afterEach(async () => {
  secondStore.close();
  rmSync(secondDir, { recursive: true, force: true });
  await h.close();
});

/** A runner for a second agent: its own data folder, the same two simulators. */
function secondRunner(): JobRunner {
  const upstock = new UpstockClient({
    baseUrl: h.upstockSim.url,
    token: h.upstockSim.token,
    retryBaseMs: 5,
  });
  const dear = createDearClient(h.dearSim.url);
  const runner = new JobRunner({
    store: secondStore,
    settings: () => h.settings,
    clients: () => ({ dear, upstock }),
  });
  for (const job of [referenceJob, productsJob, customersJob, pricesJob])
    runner.register(job, { group: 'catalog' });
  return runner;
}

function assignedLists(): Map<string, string | null> {
  const state = h.upstockSim.control.state();
  return new Map(state.customers.map((customer) => [customer.externalId, customer.priceListKey]));
}

describe('second data folder', () => {
  it('customers job keeps Upstock price lists', async () => {
    await h.syncAll();
    const before = assignedLists();
    expect([...before.values()].every((key) => typeof key === 'string')).toBe(true);

    const runner = secondRunner();
    await runner.run('reference', { trigger: 'manual', mode: 'incremental' });
    const summary = await runner.run('customers', { trigger: 'manual', mode: 'incremental' });

    expect(summary.error).toBeNull();
    expect(assignedLists()).toEqual(before);
  });

  it('prices job then records the assignments', async () => {
    await h.syncAll();
    const before = assignedLists();

    const runner = secondRunner();
    await runner.runSequence(['reference', 'products', 'customers', 'prices'], {
      trigger: 'manual',
      mode: 'incremental',
    });

    expect(assignedLists()).toEqual(before);
    const recorded = secondStore.mappings.list('customerPriceList');
    expect(recorded).toHaveLength(before.size);
  });
});

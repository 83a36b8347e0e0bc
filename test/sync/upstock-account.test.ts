import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunMode, RunSummary } from '../../shared/sync.js';
import { configureLogging } from '../../main/log/logger.js';
import {
  startUpstockSimulator,
  type UpstockSimulator,
} from '../../main/simulators/upstock/server.js';
import { customersJob } from '../../main/sync/jobs/customers.js';
import { pricesJob } from '../../main/sync/jobs/prices.js';
import { productsJob } from '../../main/sync/jobs/products.js';
import { referenceJob } from '../../main/sync/jobs/reference.js';
import { JobRunner } from '../../main/sync/runner.js';
import { IMPORT_SEQUENCE } from '../../main/sync/scheduler.js';
import { MAPPINGS_ACCOUNT_CURSOR } from '../../main/sync/upstock-account.js';
import { UpstockClient } from '../../main/upstock/client.js';
import { startHarness, type SyncHarness } from './harness.js';
import { comparableState } from './snapshot.js';

let h: SyncHarness;
let other: UpstockSimulator | null = null;
let logDir: string;

beforeAll(async () => {
  logDir = await mkdtemp(join(tmpdir(), 'uds-account-log-'));
  configureLogging({ logDir, consoleLevel: false, fileLevel: 'info' });
});

afterAll(async () => {
  configureLogging({ consoleLevel: 'warn' });
  await rm(logDir, { recursive: true, force: true });
});

beforeEach(async () => {
  h = await startHarness();
  h.selectAll();
});

afterEach(async () => {
  await h.close();
  await other?.close();
  other = null;
});

/** Runs the import jobs over the harness's store and Cin7 Core, against another Upstock. */
function syncTo(sim: UpstockSimulator, mode: RunMode = 'incremental'): Promise<RunSummary[]> {
  const upstock = new UpstockClient({ baseUrl: sim.url, token: sim.token, retryBaseMs: 5 });
  const runner = new JobRunner({
    store: h.store,
    settings: () => h.settings,
    clients: () => ({ dear: h.dear, upstock }),
  });
  for (const job of [referenceJob, productsJob, customersJob, pricesJob])
    runner.register(job, { group: 'catalog' });
  return runner.runSequence(IMPORT_SEQUENCE, { trigger: 'manual', mode });
}

/** Reads the log once it contains `text`, because electron-log may write the file later. */
async function logContaining(text: string): Promise<string> {
  let content = '';
  for (let attempt = 0; attempt < 40 && !content.includes(text); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    content = await readFile(join(logDir, 'agent.log'), 'utf8').catch(() => '');
  }
  return content;
}

function expectNoErrors(summaries: RunSummary[]): void {
  expect(summaries).toHaveLength(4);
  for (const summary of summaries) expect(summary.error, summary.job).toBeNull();
}

describe('mappings tied to the Upstock account', () => {
  it('sends everything to a new account', async () => {
    expectNoErrors(await h.syncAll());
    expect(h.store.cursors.get(MAPPINGS_ACCOUNT_CURSOR)).toBe('sup_00000001');
    other = await startUpstockSimulator({
      port: 0,
      account: { supplierId: 'sup_00000077', name: 'Other Wholesale' },
    });

    const summaries = await syncTo(other);
    expectNoErrors(summaries);

    expect(comparableState(other.control.state())).toEqual(
      comparableState(h.upstockSim.control.state()),
    );
    const products = summaries.find((s) => s.job === 'products')!.counts.products!;
    expect(products.created).toBe(other.control.state().products.length);
    expect(h.store.cursors.get(MAPPINGS_ACCOUNT_CURSOR)).toBe('sup_00000077');
    const log = await logContaining('sup_00000077');
    expect(log).toMatch(/Upstock account changed from sup_00000001 .* to sup_00000077/);
  });

  it('sends everything when the base URL changes', async () => {
    expectNoErrors(await h.syncAll());
    other = await startUpstockSimulator({ port: 0 });
    expect(other.control.state().account.supplierId).toBe('sup_00000001');
    h.settings.upstock.baseUrl = other.url;

    const summaries = await syncTo(other);
    expectNoErrors(summaries);

    expect(comparableState(other.control.state())).toEqual(
      comparableState(h.upstockSim.control.state()),
    );
    const customers = summaries.find((s) => s.job === 'customers')!.counts.customers!;
    expect(customers.created).toBe(other.control.state().customers.length);
  });

  it('keeps the mappings for the same account', async () => {
    expectNoErrors(await h.syncAll());
    const writesBefore = h.upstockSim.control.calls().filter((c) => c.method !== 'GET').length;

    expectNoErrors(await syncTo(h.upstockSim));

    const writes = h.upstockSim.control.calls().filter((c) => c.method !== 'GET').length;
    expect(writes).toBe(writesBefore);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings.js';
import type { RunMode, RunSummary } from '../../shared/sync.js';
import { DearClient } from '../../main/dear/client.js';
import { RateLimiter } from '../../main/dear/limiter.js';
import { sampleSeed, type DearSeed } from '../../main/sample/sample-merchant.js';
import {
  SAMPLE_ACCOUNT_ID,
  SAMPLE_APPLICATION_KEY,
  startDearSimulator,
  type DearSimulator,
} from '../../main/simulators/dear/server.js';
import {
  startUpstockSimulator,
  type UpstockSimulator,
} from '../../main/simulators/upstock/server.js';
import { openStore, type SqliteStore } from '../../main/store/open.js';
import { customersJob } from '../../main/sync/jobs/customers.js';
import { pricesJob } from '../../main/sync/jobs/prices.js';
import { productsJob } from '../../main/sync/jobs/products.js';
import { referenceJob } from '../../main/sync/jobs/reference.js';
import { JobRunner } from '../../main/sync/runner.js';
import { IMPORT_SEQUENCE } from '../../main/sync/scheduler.js';
import { UpstockClient } from '../../main/upstock/client.js';

/** Both simulators on 127.0.0.1, a store in a temp folder, clients and a runner. */
export interface SyncHarness {
  dearSim: DearSimulator;
  upstockSim: UpstockSimulator;
  seed: DearSeed;
  dataDir: string;
  store: SqliteStore;
  dear: DearClient;
  upstock: UpstockClient;
  runner: JobRunner;
  settings: Settings;
  /** Runs reference, products, customers and prices in order. */
  syncAll(mode?: RunMode): Promise<RunSummary[]>;
  /** Selects every product of the seed. */
  selectAll(): void;
  close(): Promise<void>;
}

/**
 * Starts the harness. The Cin7 Core simulator does not throttle, and the clients retry fast
 * (the limiter's short window scales the retry waits down), so fault tests stay quick.
 */
export async function startHarness(
  options: { seed?: DearSeed; pageSize?: number } = {},
): Promise<SyncHarness> {
  const seed = options.seed ?? sampleSeed();
  const dearSim = await startDearSimulator({
    port: 0,
    seed,
    rateLimit: { calls: 0, windowMs: 60_000 },
  });
  const upstockSim = await startUpstockSimulator({ port: 0 });
  const dataDir = mkdtempSync(join(tmpdir(), 'uds-sync-'));
  const store = openStore(dataDir);
  const dear = createDearClient(dearSim.url, options.pageSize);
  const upstock = new UpstockClient({
    baseUrl: upstockSim.url,
    token: upstockSim.token,
    retryBaseMs: 5,
    timeoutMs: 2_000,
    maxRetries: 6,
  });
  const settings = structuredClone(DEFAULT_SETTINGS);
  const runner = new JobRunner({
    store,
    settings: () => settings,
    clients: () => ({ dear, upstock }),
  });
  for (const job of [referenceJob, productsJob, customersJob, pricesJob])
    runner.register(job, { group: 'catalog' });

  return {
    dearSim,
    upstockSim,
    seed,
    dataDir,
    store,
    dear,
    upstock,
    runner,
    settings,
    syncAll: (mode = 'incremental') =>
      runner.runSequence(IMPORT_SEQUENCE, { trigger: 'manual', mode }),
    selectAll: () => {
      store.selection.select(seed.products.map((product) => product.ID));
    },
    close: async () => {
      await runner.idle();
      store.close();
      await dearSim.close();
      await upstockSim.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Creates a Cin7 Core client for the simulator with its own fast limiter and short timeouts. */
export function createDearClient(url: string, pageSize?: number): DearClient {
  return new DearClient({
    baseUrl: url,
    accountId: SAMPLE_ACCOUNT_ID,
    applicationKey: SAMPLE_APPLICATION_KEY,
    limiter: new RateLimiter({ callsPerWindow: 100_000, windowMs: 600 }),
    timeoutMs: 1_500,
    maxRetries: 6,
    ...(pageSize ? { pageSize } : {}),
  });
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DearCredentialsError } from '../../main/dear/errors.js';
import { createEngine, type Engine } from '../../main/engine.js';
import type { SecretVault } from '../../main/engine/credentials.js';
import { sampleSeed } from '../../main/sample/sample-merchant.js';
import { SettingsStore } from '../../main/settings/index.js';
import { openStore } from '../../main/store/open.js';
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
import { EnvCredentialSource } from '../../main/vault/index.js';
import { exitedOwner } from '../store/owners.js';

/** Secrets kept in memory; the keychain itself is covered by the vault's own tests. */
class MemoryVault implements SecretVault {
  dearKey: string | null = null;
  upstockToken: string | null = null;
  async getDearKey() {
    return this.dearKey;
  }
  async setDearKey(key: string) {
    this.dearKey = key;
  }
  async getUpstockToken() {
    return this.upstockToken;
  }
  async setUpstockToken(token: string) {
    this.upstockToken = token;
  }
  async clear() {
    this.dearKey = null;
    this.upstockToken = null;
  }
}

let dearSim: DearSimulator;
let upstockSim: UpstockSimulator;
let dataDir: string;
let engine: Engine;
let vault: MemoryVault;

function newEngine(options: { env?: boolean } = {}): Engine {
  return createEngine({
    dataDir,
    settingsStore: new SettingsStore({ cwd: dataDir }),
    ...(options.env
      ? {
          envCredentials: new EnvCredentialSource({
            DEAR_ACCOUNT_ID: SAMPLE_ACCOUNT_ID,
            DEAR_APPLICATION_KEY: SAMPLE_APPLICATION_KEY,
            UPSTOCK_API_TOKEN: upstockSim.token,
          }),
        }
      : { vault }),
    dearBaseUrl: dearSim.url,
    upstockBaseUrl: upstockSim.url,
    rateLimit: { callsPerWindow: 10_000, windowMs: 1_000 },
  });
}

beforeEach(async () => {
  dearSim = await startDearSimulator({
    port: 0,
    seed: sampleSeed(),
    rateLimit: { calls: 0, windowMs: 60_000 },
  });
  upstockSim = await startUpstockSimulator({ port: 0 });
  dataDir = mkdtempSync(join(tmpdir(), 'uds-engine-'));
  vault = new MemoryVault();
  engine = newEngine();
  await engine.start();
});

afterEach(async () => {
  await engine.stop();
  await dearSim.close();
  await upstockSim.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function connectBoth(): Promise<void> {
  await engine.connectDear({
    accountId: SAMPLE_ACCOUNT_ID,
    applicationKey: SAMPLE_APPLICATION_KEY,
  });
  await engine.connectUpstock(upstockSim.token);
}

describe('Engine', () => {
  it('rejects a wrong Application Key', async () => {
    await expect(
      engine.connectDear({
        accountId: SAMPLE_ACCOUNT_ID,
        applicationKey: '00000000-0000-4000-8000-000000000000',
      }),
    ).rejects.toBeInstanceOf(DearCredentialsError);

    expect(engine.status().dear.connected).toBe(false);
    expect(vault.dearKey).toBeNull();
  });

  it('connects and stores the secrets', async () => {
    const dear = await engine.connectDear({
      accountId: SAMPLE_ACCOUNT_ID,
      applicationKey: SAMPLE_APPLICATION_KEY,
    });
    const upstock = await engine.connectUpstock(upstockSim.token);

    expect(dear).toEqual({ company: 'Harbour Roasters Wholesale', currency: 'NZD' });
    expect(upstock.supplier.length).toBeGreaterThan(0);
    expect(vault.dearKey).toBe(SAMPLE_APPLICATION_KEY);
    expect(vault.upstockToken).toBe(upstockSim.token);
    expect(engine.settings().dear.accountId).toBe(SAMPLE_ACCOUNT_ID);
    const status = engine.status();
    expect(status.dear).toEqual({
      connected: true,
      accountName: 'Harbour Roasters Wholesale',
      problem: null,
    });
    expect(status.upstock.connected).toBe(true);
  });

  it('lists, selects and imports products', async () => {
    await connectBoth();
    await engine.syncNow({ job: 'products' });
    const listed = engine.listProducts({ search: 'coffee', limit: 5 });
    expect(listed.total).toBeGreaterThan(0);
    expect(listed.products.length).toBeLessThanOrEqual(5);
    expect(listed.products.every((p) => !p.selected && !p.imported)).toBe(true);

    const ids = engine.listProducts({ limit: 1000 }).products.map((p) => p.id);
    expect(engine.selectProducts(ids)).toBe(ids.length);
    const summaries = await engine.syncNow();

    expect(summaries.map((s) => s.job)).toEqual(['reference', 'products', 'customers', 'prices']);
    const imported = engine.listProducts({ imported: true, limit: 1000 });
    expect(imported.total).toBe(sampleSeed().products.filter((p) => p.Type !== 'Service').length);
    expect(engine.deselectProducts(ids.slice(0, 3))).toBe(3);
    expect(engine.listProducts({ selected: false, limit: 1000 }).total).toBe(3);
    const facets = engine.productFacets();
    expect(facets.statuses).toContain('Active');
    expect(facets.categories.length).toBeGreaterThan(1);
  });

  it('reports jobs and the last sync in its status', async () => {
    await connectBoth();
    const events: string[] = [];
    engine.on('progress', (p) => events.push(p.job));
    await engine.syncNow();

    const status = engine.status();
    expect(status.lastSuccessfulSyncAt).not.toBeNull();
    const products = status.jobs.find((j) => j.job === 'products')!;
    expect(products.lastRun?.status).toBe('succeeded');
    expect(products.nextRunAt).not.toBeNull();
    expect(products.running).toBe(false);
    expect(events).toContain('products');
    expect(engine.runs({ job: 'prices' })).toHaveLength(1);
  });

  it('pauses and resumes', async () => {
    const until = new Date(Date.now() + 3_600_000);
    engine.pause(until);
    expect(engine.status().paused).toEqual({ until: until.toISOString(), indefinitely: false });

    engine.resume();
    expect(engine.status().paused).toBeNull();
  });

  it('deletes local data on disconnect', async () => {
    await connectBoth();
    await engine.syncNow();

    await engine.disconnect({ keepData: false });

    expect(engine.listProducts({}).total).toBe(0);
    expect(engine.runs()).toHaveLength(0);
    expect(vault.dearKey).toBeNull();
    expect(engine.status().dear.connected).toBe(false);
    expect(engine.settings().dear.accountId).toBeNull();
  });

  it('starts from environment credentials', async () => {
    await engine.stop();
    engine = newEngine({ env: true });
    await engine.start();

    const [summary] = await engine.syncNow({ job: 'reference' });

    expect(summary?.status).toBe('succeeded');
    expect(engine.status().dear.connected).toBe(true);
  });

  it('marks runs a crash left running as failed', async () => {
    await engine.stop();
    // A process that recorded a run and then died, as a crash of the app would leave it.
    const crashed = openStore(dataDir, { owner: exitedOwner() });
    const runId = crashed.runs.start('products', 'manual', 'incremental');
    crashed.close();
    engine = newEngine();
    await engine.start();

    expect(engine.store.runs.get(runId)?.status).toBe('failed');
  });
});

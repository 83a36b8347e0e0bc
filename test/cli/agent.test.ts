import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AgentStatus } from '../../shared/sync.js';
import type { SyncReport } from '../../main/cli/run-report.js';
import { parseJson, startCliWorld, type CliWorld } from './cli-harness.js';

type SyncJson = SyncReport & { exitCode: number };

describe('agent sync against the simulators', () => {
  let world: CliWorld;

  beforeAll(async () => {
    world = await startCliWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  it('selects all products and syncs once', async () => {
    const select = await world.agent(['products', 'select', '--all', '--json']);
    expect(select.stderr).not.toContain('Error');
    expect(select.exitCode).toBe(0);
    const selection = parseJson<{ selected: number; servicesLeftOut: string[] }>(select);
    expect(selection.selected).toBeGreaterThan(0);
    expect(selection.servicesLeftOut.length).toBeGreaterThan(0);

    const sync = await world.agent(['sync', '--once', '--json']);
    expect(sync.exitCode).toBe(0);
    const report = parseJson<SyncJson>(sync);
    expect(report.ok).toBe(true);
    expect(report.failures).toEqual([]);

    const state = world.upstock.control.state();
    expect(report.entities.products?.created).toBe(state.products.length);
    expect(state.products.length).toBe(selection.selected);
    expect(report.entities.customers?.created).toBe(state.customers.length);
    expect(report.entities.priceLists?.created).toBe(state.priceLists.length);
    expect(report.apiCalls.dear).toBeGreaterThan(0);
    expect(report.runs.map((run) => run.job)).toEqual([
      'reference',
      'products',
      'customers',
      'prices',
      'orders',
      'shipments',
    ]);
  });

  it('reports status as JSON', async () => {
    const result = await world.agent(['status', '--json']);
    expect(result.exitCode).toBe(0);
    const status = parseJson<AgentStatus & { dataDir: string }>(result);
    expect(status.dataDir).toBe(world.dataDir);
    expect(status.dear.connected).toBe(true);
    expect(status.upstock.connected).toBe(true);
    const products = status.jobs.find((job) => job.job === 'products');
    expect(products?.lastRun?.status).toBe('succeeded');
    expect(status.lastSuccessfulSyncAt).not.toBeNull();
  });

  it('rejects an unknown SKU without changing the selection', async () => {
    const before = await world.agent(['products', 'list', '--selected', '--json']);
    const selectedBefore = parseJson<{ total: number }>(before).total;

    const result = await world.agent(['products', 'deselect', 'NO-SUCH-SKU', 'COF-HOUSE-1KG']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('Unknown SKU NO-SUCH-SKU');
    expect(result.stderr).toContain('Nothing was changed');
    expect(result.stderr).not.toMatch(/\n\s+at /);

    const after = await world.agent(['products', 'list', '--selected', '--json']);
    expect(parseJson<{ total: number }>(after).total).toBe(selectedBefore);
  });

  it('rejects selecting a service by SKU', async () => {
    const result = await world.agent(['products', 'select', 'SVC-FREIGHT']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('SVC-FREIGHT is a service');
  });

  it('exits 2 on an invalid job name', async () => {
    const result = await world.agent(['sync', '--once', '--job', 'everything']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('everything');
  });

  it('lists exit codes in help', async () => {
    const result = await world.agent(['--help']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Exit status:');
    expect(result.stdout).toContain('5  the sync ran but some records failed');
  });

  it('names the missing environment secret', async () => {
    const result = await world.agent(['sync', '--once'], { UPSTOCK_API_TOKEN: '' });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('UPSTOCK_API_TOKEN');
  });
});

describe('agent sync with a malformed product', () => {
  let world: CliWorld;
  const badSku = 'BAD-NAME-TOO-LONG';
  let badId = '';

  beforeAll(async () => {
    world = await startCliWorld();
    const [added] = world.dear.control.addProducts([
      { SKU: badSku, Name: 'N'.repeat(300), PriceTier1: 10 },
    ]);
    badId = added!.ID;
  });
  afterAll(async () => {
    await world.close();
  });

  it('exits non-zero and lists the product with a reason', async () => {
    const select = await world.agent(['products', 'select', badSku, 'COF-HOUSE-1KG']);
    expect(select.exitCode).toBe(0);

    const sync = await world.agent(['sync', '--once', '--json']);
    expect(sync.exitCode).toBe(5);
    const report = parseJson<SyncJson>(sync);
    expect(report.ok).toBe(false);
    expect(report.exitCode).toBe(5);
    const failure = report.failures.find(
      (entry) => entry.recordId.toLowerCase() === badId.toLowerCase(),
    );
    expect(failure, JSON.stringify(report.failures)).toBeDefined();
    expect(failure?.reason.length).toBeGreaterThan(0);
    expect(failure?.field).toBe('Name');

    const codes = world.upstock.control.state().products.map((product) => product.code);
    expect(codes).toContain('COF-HOUSE-1KG');
    expect(codes).not.toContain(badSku);
  });
});

describe('agent disconnect', () => {
  let world: CliWorld;

  beforeAll(async () => {
    world = await startCliWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  it('requires a data flag without a terminal', async () => {
    const result = await world.agent(['disconnect']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--keep-data or --delete-data');
  });

  it('deletes the local data', async () => {
    expect((await world.agent(['products', 'select', '--all'])).exitCode).toBe(0);
    expect((await world.agent(['sync', '--once', '--job', 'products'])).exitCode).toBe(0);

    const result = await world.agent(['disconnect', '--delete-data', '--json']);
    expect(result.exitCode).toBe(0);
    expect(parseJson<{ keptData: boolean }>(result).keptData).toBe(false);

    const db = new Database(join(world.dataDir, 'agent.sqlite'), { readonly: true });
    try {
      const tables = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .all() as { name: string }[];
      expect(tables.length).toBeGreaterThan(0);
      for (const { name } of tables) {
        if (name === 'schema_migrations' || name === 'migrations') continue;
        const { count } = db.prepare(`SELECT COUNT(*) AS count FROM "${name}"`).get() as {
          count: number;
        };
        expect(count, `rows left in ${name}`).toBe(0);
      }
    } finally {
      db.close();
    }
  });
});

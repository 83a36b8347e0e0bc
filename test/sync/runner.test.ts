import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DearClient } from '../../main/dear/client.js';
import { RateLimiter } from '../../main/dear/limiter.js';
import { SAMPLE_ACCOUNT_ID } from '../../main/simulators/dear/server.js';
import type { Job } from '../../main/sync/job.js';
import { JobRunner } from '../../main/sync/runner.js';
import { Scheduler } from '../../main/sync/scheduler.js';
import { startHarness, type SyncHarness } from './harness.js';

let h: SyncHarness;

beforeEach(async () => {
  h = await startHarness();
  h.selectAll();
});

afterEach(async () => {
  await h.close();
});

describe('JobRunner', () => {
  it('joins a request for a running job', async () => {
    const first = h.runner.run('products', { trigger: 'manual', mode: 'incremental' });
    const second = h.runner.run('products', { trigger: 'schedule', mode: 'incremental' });

    const [a, b] = await Promise.all([first, second]);

    expect(a.id).toBe(b.id);
    expect(h.store.runs.list({ job: 'products' })).toHaveLength(1);
  });

  it('shares the lock with scheduled runs', async () => {
    const scheduler = new Scheduler(h.runner, () => h.settings, h.store.cursors);
    const manual = h.runner.run('products', { trigger: 'manual', mode: 'incremental' });
    const tick = scheduler.tick('catalog');

    await Promise.all([manual, tick]);

    const productRuns = h.store.runs.list({ job: 'products' });
    expect(productRuns).toHaveLength(1);
    expect(productRuns[0]?.trigger).toBe('manual');
    expect(h.store.runs.list({ job: 'customers' })).toHaveLength(1);
  });

  it('queues one full run behind an incremental one', async () => {
    const incremental = h.runner.run('products', { trigger: 'manual', mode: 'incremental' });
    const full = h.runner.run('products', { trigger: 'manual', mode: 'full' });
    const fullAgain = h.runner.run('products', { trigger: 'schedule', mode: 'full' });

    const [a, b, c] = await Promise.all([incremental, full, fullAgain]);

    expect(b.id).not.toBe(a.id);
    expect(c.id).toBe(b.id);
    expect(b.mode).toBe('full');
    expect(h.store.runs.list({ job: 'products' })).toHaveLength(2);
  });

  it('never runs two jobs of a group at once', async () => {
    let running = 0;
    let maxRunning = 0;
    const slow = (name: 'orders' | 'shipments'): Job => ({
      name,
      run: async () => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((resolve) => setTimeout(resolve, 30));
        running -= 1;
      },
    });
    h.runner.register(slow('orders'), { group: 'sales' });
    h.runner.register(slow('shipments'), { group: 'sales' });

    await Promise.all([
      h.runner.run('orders', { trigger: 'manual', mode: 'incremental' }),
      h.runner.run('shipments', { trigger: 'manual', mode: 'incremental' }),
    ]);

    expect(maxRunning).toBe(1);
  });

  it('records counts, failures and API calls', async () => {
    const [reference, products] = await h.syncAll();

    // me, tiers, tax rules, locations, discount rules, carriers, contacts and deals.
    expect(reference?.apiCalls.dear).toBe(8);
    // One product page from Cin7 Core; the Upstock account read and one product batch.
    expect(products?.apiCalls).toEqual({ dear: 1, upstock: 2 });
    const stored = h.store.runs.get(products!.id);
    expect(stored?.counts.products?.created).toBe(
      h.seed.products.filter((p) => p.Type !== 'Service').length,
    );
    expect(stored?.status).toBe('succeeded');
  });

  it('ends the run as credentials rejected', async () => {
    const badDear = new DearClient({
      baseUrl: h.dearSim.url,
      accountId: SAMPLE_ACCOUNT_ID,
      applicationKey: '00000000-0000-4000-8000-000000000000',
      limiter: new RateLimiter({ callsPerWindow: 1000, windowMs: 1000 }),
    });
    const runner = new JobRunner({
      store: h.store,
      settings: () => h.settings,
      clients: () => ({ dear: badDear, upstock: h.upstock }),
    });
    runner.register((await import('../../main/sync/jobs/reference.js')).referenceJob);
    const problems: string[] = [];
    runner.on('connection', (event) => problems.push(`${event.service}:${event.problem}`));

    const summary = await runner.run('reference', { trigger: 'manual', mode: 'full' });

    expect(summary.status).toBe('failed');
    expect(summary.error).toBe('credentials rejected');
    expect(badDear.stats.calls).toBe(1);
    expect(problems).toEqual(['dear:credentials-rejected']);
  });

  it('records a run without clients as failed', async () => {
    const runner = new JobRunner({
      store: h.store,
      settings: () => h.settings,
      clients: () => null,
    });
    runner.register({ name: 'prices', run: async () => {} });

    const summary = await runner.run('prices', { trigger: 'manual', mode: 'incremental' });

    expect(summary.status).toBe('failed');
    expect(summary.error).toMatch(/Connect Cin7 Core and Upstock/);
  });

  it('cancels a running job', async () => {
    h.runner.register({
      name: 'orders',
      run: (ctx) =>
        new Promise((_resolve, reject) => {
          ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason));
        }),
    });
    const run = h.runner.run('orders', { trigger: 'manual', mode: 'incremental' });
    await new Promise((resolve) => setImmediate(resolve));

    h.runner.cancelAll('test');
    const summary = await run;

    expect(summary.status).toBe('cancelled');
    expect(h.runner.isRunning('orders')).toBe(false);
  });

  it('reports progress with the run ID', async () => {
    const progress: string[] = [];
    h.runner.on('progress', (p) => progress.push(`${p.job}#${p.runId}:${p.phase}`));

    const summary = await h.runner.run('products', { trigger: 'manual', mode: 'full' });

    expect(progress).toContain(`products#${summary.id}:sending products to Upstock`);
    expect(progress.some((p) => p.startsWith(`products#${summary.id}:reading products`))).toBe(
      true,
    );
  });
});

import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AgentStatus, RunSummary } from '../../shared/sync.js';
import type { Engine } from '../../main/engine.js';
import { startOrdersWorld, type OrdersWorld } from '../orders/fixtures/harness.js';
import { startConnectedEngine } from './connected-engine.js';

let world: OrdersWorld;
let dataDir: string;
let engine: Engine;

beforeAll(async () => {
  world = await startOrdersWorld();
});
afterAll(() => world.close());

beforeEach(async () => {
  ({ engine, dataDir } = await startConnectedEngine(world, 'uds-engine-status-'));
});

afterEach(async () => {
  await engine.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('Engine status events around a run', () => {
  it('last status event shows the run finished', async () => {
    const statuses: AgentStatus[] = [];
    engine.on('status', (status) => statuses.push(status));

    const [summary] = await engine.syncNow({ job: 'reference' });

    const states = statuses.map((status) => status.jobs.find((job) => job.job === 'reference'));
    expect(states.some((state) => state?.running === true)).toBe(true);
    const last = states.at(-1);
    expect(last?.running).toBe(false);
    expect(last?.progress).toBeNull();
    expect(last?.lastRun?.id).toBe(summary?.id);
    expect(last?.lastRun?.status).toBe('succeeded');
  });

  it('releases the job before run-finished', async () => {
    const seen: { summary: RunSummary; running: boolean }[] = [];
    engine.runner.on('run-finished', (summary) =>
      seen.push({ summary, running: engine.runner.isRunning(summary.job) }),
    );

    await engine.syncNow({ job: 'reference' });
    await engine.syncNow({ job: 'orders' });

    expect(seen.map((entry) => entry.summary.job)).toEqual(['reference', 'orders']);
    expect(seen.every((entry) => !entry.running)).toBe(true);
  });

  it('starts a new run from run-finished', async () => {
    const runs: number[] = [];
    let again: Promise<RunSummary> | null = null;
    engine.runner.on('run-finished', (summary) => {
      runs.push(summary.id);
      if (!again) again = engine.runner.run('reference', { trigger: 'manual', mode: 'full' });
    });

    const [first] = await engine.syncNow({ job: 'reference' });
    const second = await again!;

    expect(second.id).not.toBe(first?.id);
    expect(runs).toEqual([first?.id, second.id]);
    expect(engine.runner.isRunning('reference')).toBe(false);
  });
});

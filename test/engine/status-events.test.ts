import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AgentStatus, RunSummary } from '../../shared/sync.js';
import { createEngine, type Engine } from '../../main/engine.js';
import { SettingsStore } from '../../main/settings/index.js';
import { SAMPLE_ACCOUNT_ID, SAMPLE_APPLICATION_KEY } from '../../main/simulators/dear/server.js';
import { startOrdersWorld, type OrdersWorld } from '../orders/fixtures/harness.js';

let world: OrdersWorld;
let dataDir: string;
let engine: Engine;

beforeAll(async () => {
  world = await startOrdersWorld();
});
afterAll(() => world.close());

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'uds-engine-status-'));
  engine = createEngine({
    dataDir,
    settingsStore: new SettingsStore({ cwd: dataDir }),
    dearBaseUrl: world.dearSim.url,
    upstockBaseUrl: world.upstockSim.url,
    rateLimit: { callsPerWindow: 10_000, windowMs: 1_000 },
  });
  await engine.start();
  await engine.connectDear({
    accountId: SAMPLE_ACCOUNT_ID,
    applicationKey: SAMPLE_APPLICATION_KEY,
  });
  await engine.connectUpstock(world.upstockSim.token);
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

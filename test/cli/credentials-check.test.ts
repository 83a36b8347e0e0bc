import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AgentStatus } from '../../shared/sync.js';
import { parseJson, startCliWorld, type CliWorld } from './cli-harness.js';

/** Returns a loopback URL on a port that was free a moment ago, where nothing listens. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/v2/`;
}

describe('credentials checked before a sync', () => {
  let world: CliWorld;

  beforeAll(async () => {
    world = await startCliWorld();
    const select = await world.agent(['products', 'select', '--all']);
    expect(select.exitCode).toBe(0);
  });
  afterAll(async () => {
    await world.close();
  });

  it('sync exits 3 on a rejected Upstock token', async () => {
    const result = await world.agent(['sync', '--once'], { UPSTOCK_API_TOKEN: 'BAD' });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('Upstock: credentials rejected');
    expect(result.stderr).toContain('Create a new API token in Upstock');
    expect(result.stderr).toContain('agent connect --upstock-token');
    expect(result.stderr).not.toContain('Job orders failed');
  });

  it('sync of one job exits 3 on a rejected token', async () => {
    const before = world.upstock.control.state().products.length;
    const result = await world.agent(['sync', '--once', '--job', 'products', '--full'], {
      UPSTOCK_API_TOKEN: 'BAD',
    });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('Nothing was synced');
    expect(world.upstock.control.state().products.length).toBe(before);
  });

  it('sync exits 3 on a rejected Cin7 Core key', async () => {
    const result = await world.agent(['sync', '--once'], { DEAR_APPLICATION_KEY: 'wrong-key' });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('Cin7 Core: credentials rejected');
    expect(result.stderr).toContain('DEAR_APPLICATION_KEY');
  });

  it('status labels stored credentials', async () => {
    const result = await world.agent(['status'], { DEAR_APPLICATION_KEY: 'wrong-key' });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/Cin7 Core: stored credentials.*, last checked /);
    expect(result.stdout).not.toMatch(/Cin7 Core: connected/);
    expect(result.stdout).toContain('agent status --check');
  });

  it('status --check passes with good credentials', async () => {
    const result = await world.agent(['status', '--check']);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/Cin7 Core: connected to .+ \(checked just now\)/);
    expect(result.stdout).toMatch(/Upstock: connected to .+ \(checked just now\)/);
  });

  it('status --check exits 3 on a wrong key', async () => {
    const result = await world.agent(['status', '--check'], { DEAR_APPLICATION_KEY: 'wrong-key' });
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toContain('Cin7 Core: credentials rejected');
    expect(result.stdout).toMatch(/Upstock: connected to /);
  });

  it('status --check --json reports the rejected token', async () => {
    const result = await world.agent(['status', '--check', '--json'], {
      UPSTOCK_API_TOKEN: 'BAD',
    });
    expect(result.exitCode).toBe(3);
    const status = parseJson<AgentStatus & { checks: Record<string, { state: string }> }>(result);
    expect(status.checks.upstock?.state).toBe('credentials-rejected');
    expect(status.checks.dear?.state).toBe('ok');
    expect(status.upstock.problem).toBe('credentials-rejected');
  });

  it('status --check exits 4 when unreachable', async () => {
    const result = await world.agent(['status', '--check'], {
      DEAR_API_URL: await closedPortUrl(),
    });
    expect(result.exitCode).toBe(4);
    expect(result.stdout).toContain('Cin7 Core: could not be reached');
  }, 120_000);
});

describe('last successful sync', () => {
  let world: CliWorld;

  beforeAll(async () => {
    world = await startCliWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  it('stays unset after products list alone', async () => {
    const list = await world.agent(['products', 'list', '--json']);
    expect(list.exitCode).toBe(0);
    const status = parseJson<AgentStatus>(await world.agent(['status', '--json']));
    expect(status.jobs.find((job) => job.job === 'products')?.lastRun?.status).toBe('succeeded');
    expect(status.lastSuccessfulSyncAt).toBeNull();
  });

  it('is set by a successful sync cycle', async () => {
    expect((await world.agent(['products', 'select', '--all'])).exitCode).toBe(0);
    expect((await world.agent(['sync', '--once'])).exitCode).toBe(0);
    const status = parseJson<AgentStatus>(await world.agent(['status', '--json']));
    expect(status.lastSuccessfulSyncAt).not.toBeNull();
  });
});

import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { largeSeed } from '../../main/sample/large-seed.js';
import { SAMPLE_ACCOUNT_ID, SAMPLE_APPLICATION_KEY } from '../../main/simulators/dear/server.js';
import { openStore } from '../../main/store/open.js';
import { startHarness, type SyncHarness } from './harness.js';
import { comparableState } from './snapshot.js';

const SCRIPT = fileURLToPath(new URL('./fixtures/run-import.ts', import.meta.url));
const harnesses: SyncHarness[] = [];
const children: ChildProcess[] = [];

afterEach(async () => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const h of harnesses.splice(0)) await h.close();
});

function startImport(h: SyncHarness): {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: string | null; stdout: string }>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    env: {
      ...process.env,
      UDS_DATA_DIR: h.dataDir,
      UDS_DEAR_URL: h.dearSim.url,
      UDS_UPSTOCK_URL: h.upstockSim.url,
      DEAR_ACCOUNT_ID: SAMPLE_ACCOUNT_ID,
      DEAR_APPLICATION_KEY: SAMPLE_APPLICATION_KEY,
      UPSTOCK_API_TOKEN: h.upstockSim.token,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', () => {});
  const exited = new Promise<{ code: number | null; signal: string | null; stdout: string }>(
    (resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stdout })),
  );
  return { child, exited };
}

/** Product batches Upstock received so far; the import's first Upstock writes are these. */
function productBatches(h: SyncHarness): number {
  return h.upstockSim.control.calls().filter((c) => c.path.endsWith('/products/batch')).length;
}

describe('kill and restart mid-import', () => {
  it('ends in the same state with no duplicates', async () => {
    // Ten product batches of 500: more than the four the agent keeps in flight, so the kill
    // after the second batch lands while later batches are still unsent.
    const seed = largeSeed(5_000, 60);
    const clean = await startHarness({ seed });
    harnesses.push(clean);
    clean.selectAll();
    await clean.syncAll('full');

    const h = await startHarness({ seed });
    harnesses.push(h);
    h.selectAll();
    // The child opens the same SQLite file; close this process's handle first.
    h.store.close();

    const first = startImport(h);
    const deadline = Date.now() + 60_000;
    while (productBatches(h) < 2 && first.child.exitCode === null && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    first.child.kill('SIGKILL');
    const killed = await first.exited;
    expect(killed.signal).toBe('SIGKILL');
    const sentBeforeKill = h.upstockSim.control.state().products.length;
    expect(sentBeforeKill).toBeGreaterThan(0);
    expect(sentBeforeKill).toBeLessThan(seed.products.length - 4);
    // Before the product batches, a full import only reads (the account, Upstock's products).
    const writes = h.upstockSim.control.calls().filter((c) => c.method !== 'GET');
    expect(writes.every((c) => c.path.endsWith('/products/batch'))).toBe(true);

    const second = startImport(h);
    const finished = await second.exited;
    expect(finished.code).toBe(0);
    const statuses = JSON.parse(finished.stdout.trim().split('\n').at(-1)!) as { status: string }[];
    expect(statuses.map((s) => s.status)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
      'succeeded',
    ]);

    const state = h.upstockSim.control.state();
    const ids = state.products.map((p) => p.externalId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(comparableState(state)).toEqual(comparableState(clean.upstockSim.control.state()));

    const store = openStore(h.dataDir);
    try {
      const productRuns = store.runs.list({ job: 'products' });
      expect(productRuns).toHaveLength(2);
      expect(productRuns[1]?.status).toBe('failed');
      expect(productRuns[0]?.status).toBe('succeeded');
    } finally {
      store.close();
    }
  });
});

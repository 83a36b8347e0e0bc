import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerFor } from '../../main/orders/ledger.js';
import { PUSH_STEPS } from '../../main/orders/push.js';
import { openStore } from '../../main/store/open.js';
import { agentRunner, openTestAgent } from './fixtures/harness.js';
import {
  cacheSeed,
  placeApprovedOrder,
  saleForOrder,
  salesPerExternalId,
  startOrdersWorld,
  type OrdersWorld,
} from './fixtures/harness.js';

const CHILD = fileURLToPath(new URL('./fixtures/push-child.ts', import.meta.url));

let world: OrdersWorld;
const dirs: string[] = [];

beforeAll(async () => {
  world = await startOrdersWorld();
});

afterAll(async () => {
  await world.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Runs the orders job in a child process; resolves with its exit code and signal. */
function runChild(
  dataDir: string,
  crashAfter?: string,
  leaseSeconds?: number,
): Promise<{ code: number | null; signal: string | null; output: string }> {
  const args = [
    '--import',
    'tsx',
    CHILD,
    '--data-dir',
    dataDir,
    '--dear-url',
    world.dearSim.url,
    '--upstock-url',
    world.upstockSim.url,
    '--upstock-token',
    world.upstockSim.token,
  ];
  if (crashAfter) args.push('--crash-after', crashAfter);
  if (leaseSeconds) args.push('--lease-seconds', String(leaseSeconds));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output });
    });
  });
}

function newDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'uds-crash-'));
  dirs.push(dir);
  const store = openStore(dir);
  cacheSeed(store, world.seed);
  store.close();
  return dir;
}

describe('push after a crash', () => {
  for (const step of PUSH_STEPS) {
    it(`ends pushed once after a crash at ${step}`, async () => {
      const dataDir = newDataDir();
      const order = placeApprovedOrder(world, {
        customerId: world.customerIds[0]!,
        lines: [{ productId: world.productIds[0]!, quantity: '2', unitPrice: '11.5000' }],
        freight: '9.0000',
      });

      const crashed = await runChild(dataDir, step);
      expect(crashed.signal, crashed.output).toBe('SIGKILL');

      const restarted = await runChild(dataDir);
      expect(restarted.code, restarted.output).toBe(0);

      expect(salesPerExternalId(world).get(order.id)).toBe(1);
      const upstock = world.upstockSim.control.state().orders.find((o) => o.id === order.id)!;
      expect(upstock.integration.state).toBe('pushed');
      const sale = saleForOrder(world, order.id)!;
      expect(upstock.integration.saleId).toBe(sale.ID);
      expect((sale.Order as { Lines: unknown[] }).Lines).toHaveLength(1);

      const store = openStore(dataDir);
      try {
        const entry = ledgerFor(store).get(order.id);
        expect(entry?.state).toBe('pushed');
        // A crash after the last step leaves nothing to resume.
        expect(entry?.attempts).toBe(step === 'state-recorded' ? 1 : 2);
      } finally {
        store.close();
      }
    });
  }
});

describe('second agent after a crash', () => {
  it("finds the crashed agent's sale by ExternalID", async () => {
    const crashedDir = newDataDir();
    const order = placeApprovedOrder(world, {
      customerId: world.customerIds[1]!,
      lines: [{ productId: world.productIds[1]!, quantity: '5', unitPrice: '3.2000' }],
    });
    const crashed = await runChild(crashedDir, 'sale-posted', 10);
    expect(crashed.signal, crashed.output).toBe('SIGKILL');
    expect(salesPerExternalId(world).get(order.id)).toBe(1);

    // The crashed agent never comes back; its lease runs out and another PC takes over.
    world.upstockSim.control.advanceClock(11_000);
    const other = openTestAgent(world);
    try {
      await agentRunner(other).run('orders', { trigger: 'manual', mode: 'incremental' });
      expect(salesPerExternalId(world).get(order.id)).toBe(1);
      const upstock = world.upstockSim.control.state().orders.find((o) => o.id === order.id)!;
      expect(upstock.integration.state).toBe('pushed');
      const steps = ledgerFor(other.store)
        .events(order.id)
        .map((event) => event.detail ?? '');
      expect(steps.some((detail) => detail.includes('found by ExternalID'))).toBe(true);
    } finally {
      other.close();
    }
  });
});

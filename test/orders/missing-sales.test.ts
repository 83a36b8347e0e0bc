import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerFor } from '../../main/orders/ledger.js';
import { MAX_SALE_CHECKS_PER_RUN } from '../../main/orders/sale-checks.js';
import { createShipmentsJob, SHIPMENTS_CURSOR } from '../../main/orders/shipments.js';
import {
  agentRunner,
  openTestAgent,
  placeApprovedOrder,
  startOrdersWorld,
  type OrdersWorld,
  type TestAgent,
} from './fixtures/harness.js';

let world: OrdersWorld;
let agent: TestAgent;

beforeAll(async () => {
  world = await startOrdersWorld();
  agent = openTestAgent(world);
});

afterAll(async () => {
  agent.close();
  await world.close();
});

const DAY_MS = 24 * 60 * 60 * 1000;

/** Returns a runner whose shipments job uses a clock `offsetMs` ahead of now. */
function runnerAhead(offsetMs: number) {
  const shipments = createShipmentsJob({ now: () => new Date(Date.now() + offsetMs) });
  return agentRunner(agent, undefined, { shipments });
}

function callsSince(count: number): string[] {
  return world.dearSim.control
    .calls()
    .slice(count)
    .map((call) => `${call.method} ${call.path}`);
}

function upstockOrder(orderId: string) {
  return world.upstockSim.control.state().orders.find((order) => order.id === orderId)!;
}

async function pushOrders(count: number) {
  const orders = Array.from({ length: count }, (_, index) =>
    placeApprovedOrder(world, {
      customerId: world.customerIds[index % world.customerIds.length]!,
      lines: [{ productId: world.productIds[0]!, quantity: '1', unitPrice: '10.0000' }],
    }),
  );
  await agentRunner(agent).run('orders', { trigger: 'manual', mode: 'incremental' });
  for (const order of orders) expect(ledgerFor(agent.store).get(order.id)?.state).toBe('pushed');
  return orders;
}

describe('sales unseen for a day', () => {
  it('park their order when Cin7 Core lost them', async () => {
    const orders = await pushOrders(MAX_SALE_CHECKS_PER_RUN + 2);
    world.dearSim.control.reset();
    const runner = agentRunner(agent);
    const ledger = ledgerFor(agent.store);

    const before = world.dearSim.control.calls().length;
    await runner.run('shipments', { trigger: 'manual', mode: 'full' });
    const reads = callsSince(before).filter((call) => call === 'GET sale');
    expect(reads).toHaveLength(MAX_SALE_CHECKS_PER_RUN);
    const missing = orders.filter((order) => ledger.get(order.id)?.parkCode === 'sale-missing');
    expect(missing).toHaveLength(MAX_SALE_CHECKS_PER_RUN);

    const parked = ledger.get(missing[0]!.id)!;
    expect(parked.parkReason).toContain(`Sale ${parked.saleNumber}`);
    expect(parked.parkReason).toContain('no longer exists in Cin7 Core');
    const integration = upstockOrder(missing[0]!.id).integration;
    expect(integration.state).toBe('needs_attention');
    expect(integration.reason).toContain('no longer exists');

    await runner.run('shipments', { trigger: 'manual', mode: 'full' });
    for (const order of orders) expect(ledger.get(order.id)?.parkCode).toBe('sale-missing');

    const after = world.dearSim.control.calls().length;
    await runner.run('shipments', { trigger: 'manual', mode: 'full' });
    expect(callsSince(after)).toEqual([]);
  });

  it('are read by ID once, then not again', async () => {
    const [order] = await pushOrders(1);
    const runner = runnerAhead(DAY_MS + 60_000);
    // A day later the sale list cursor has moved past the sale, so the list no longer shows it.
    const later = new Date(Date.now() + DAY_MS).toISOString();
    agent.store.cursors.set(SHIPMENTS_CURSOR, later);

    const before = world.dearSim.control.calls().length;
    await runner.run('shipments', { trigger: 'manual', mode: 'incremental' });
    expect(callsSince(before)).toEqual(['GET salelist', 'GET sale']);
    expect(ledgerFor(agent.store).get(order!.id)?.state).toBe('pushed');

    const again = world.dearSim.control.calls().length;
    await runner.run('shipments', { trigger: 'manual', mode: 'incremental' });
    expect(callsSince(again)).toEqual(['GET salelist']);
  });
});

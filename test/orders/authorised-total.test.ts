import { Decimal } from 'decimal.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listOrdersNeedingAttention } from '../../main/orders/attention.js';
import { TOTALS_CHANGED_ENTITY } from '../../main/orders/orders-report.js';
import type { Settings } from '../../shared/settings.js';
import {
  agentRunner,
  cacheSeed,
  openTestAgent,
  placeApprovedOrder,
  saleForOrder,
  startOrdersWorld,
  testSettings,
  type OrdersWorld,
  type TestAgent,
} from './fixtures/harness.js';

let world: OrdersWorld;
const agents: TestAgent[] = [];

beforeAll(async () => {
  world = await startOrdersWorld({ automaticallyApplyDiscounts: true });
});

afterAll(async () => {
  await world.close();
});

afterEach(() => {
  for (const agent of agents.splice(0)) agent.close();
  world.dearSim.control.setAuthorisationDiscount(null);
  world.dearSim.control.updateSettings({ AutomaticallyApplyDiscounts: true });
});

/** Places an order of 4 × 25.00 with 10.00 freight, so the total before tax is 110.00. */
function placeOrder(reference: string) {
  return placeApprovedOrder(world, {
    customerId: world.customerIds[0]!,
    lines: [{ productId: world.productIds[0]!, quantity: '4', unitPrice: '25.0000' }],
    freight: '10.0000',
    reference,
  });
}

function newAgent(settings: Settings['orders']['saleStatus']) {
  const agent = openTestAgent(world);
  agents.push(agent);
  return { agent, runner: agentRunner(agent, () => testSettings({ saleStatus: settings })) };
}

/**
 * Returns the total the agent posted, summed from the stored lines and additional charges
 * (which the simulator's discount leaves alone), and the sale order total Cin7 Core stores.
 */
function totalsOf(orderId: string): { posted: Decimal; stored: Decimal } {
  const order = saleForOrder(world, orderId)!.Order as {
    Lines: Array<{ Total: unknown; Tax: unknown }>;
    AdditionalCharges: Array<{ Total: unknown; Tax: unknown }>;
    Total: unknown;
  };
  let posted = new Decimal(0);
  for (const row of [...order.Lines, ...order.AdditionalCharges]) {
    posted = posted.plus(String(row.Total)).plus(String(row.Tax));
  }
  return { posted, stored: new Decimal(String(order.Total)) };
}

function callsSince(since: number): string[] {
  return world.dearSim.control
    .calls()
    .slice(since)
    .map((call) => `${call.method} ${call.path}`);
}

describe('total changed on authorisation', () => {
  it('reports both totals and keeps the order pushed', async () => {
    world.dearSim.control.setAuthorisationDiscount(10);
    const { agent, runner } = newAgent('AUTHORISED');
    const order = placeOrder('PO-DISC-1');

    const before = world.dearSim.control.calls().length;
    const summary = await runner.run('orders', { trigger: 'manual', mode: 'incremental' });

    expect(callsSince(before)).toEqual(['POST sale', 'POST sale/order', 'GET sale/order']);
    expect(summary.counts.orders?.created).toBe(1);
    const { posted, stored } = totalsOf(order.id);
    expect(stored.equals(posted)).toBe(false);

    const notices = summary.failures.filter((failure) => failure.entity === TOTALS_CHANGED_ENTITY);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.recordId).toBe(order.id);
    expect(notices[0]?.reason).toContain(`from ${posted.toFixed(2)}`);
    expect(notices[0]?.reason).toContain(`to ${stored.toFixed(2)}`);

    const rows = listOrdersNeedingAttention(agent.store).filter((row) => row.orderId === order.id);
    expect(rows.map((row) => row.kind)).toEqual(['totals-changed-in-cin7']);
    expect(rows[0]?.reason).toContain(`to ${stored.toFixed(2)}`);
    const integration = world.upstockSim.control
      .state()
      .orders.find((candidate) => candidate.id === order.id)!.integration;
    expect(integration.state).toBe('pushed');
  });

  it('reports nothing when Cin7 Core keeps the total', async () => {
    const { agent, runner } = newAgent('AUTHORISED');
    const order = placeOrder('PO-DISC-2');

    const before = world.dearSim.control.calls().length;
    const summary = await runner.run('orders', { trigger: 'manual', mode: 'incremental' });

    expect(callsSince(before)).toEqual(['POST sale', 'POST sale/order', 'GET sale/order']);
    expect(summary.status).toBe('succeeded');
    expect(summary.failures).toEqual([]);
    expect(listOrdersNeedingAttention(agent.store).map((row) => row.orderId)).not.toContain(
      order.id,
    );
  });

  it('makes no extra call when the setting is false', async () => {
    world.dearSim.control.setAuthorisationDiscount(10);
    const { agent, runner } = newAgent('AUTHORISED');
    cacheSeed(agent.store, {
      ...world.seed,
      me: { ...world.seed.me, AutomaticallyApplyDiscounts: false },
    });
    const order = placeOrder('PO-DISC-4');

    const before = world.dearSim.control.calls().length;
    const summary = await runner.run('orders', { trigger: 'manual', mode: 'incremental' });

    expect(callsSince(before)).toEqual(['POST sale', 'POST sale/order']);
    expect(summary.status).toBe('succeeded');
    expect(listOrdersNeedingAttention(agent.store).map((row) => row.orderId)).not.toContain(
      order.id,
    );
  });

  it('makes no extra call for a DRAFT sale order', async () => {
    world.dearSim.control.setAuthorisationDiscount(10);
    const { runner } = newAgent('DRAFT');
    placeOrder('PO-DISC-3');

    const before = world.dearSim.control.calls().length;
    const summary = await runner.run('orders', { trigger: 'manual', mode: 'incremental' });

    expect(callsSince(before)).toEqual(['POST sale', 'POST sale/order']);
    expect(summary.status).toBe('succeeded');
  });
});

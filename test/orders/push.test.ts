import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listOrdersNeedingAttention, retryOrder } from '../../main/orders/attention.js';
import { ledgerFor } from '../../main/orders/ledger.js';
import {
  agentRunner,
  openTestAgent,
  placeApprovedOrder,
  saleForOrder,
  salesPerExternalId,
  testSettings,
  type OrdersWorld,
  type TestAgent,
  startOrdersWorld,
} from './fixtures/harness.js';

let world: OrdersWorld;
const agents: TestAgent[] = [];

beforeAll(async () => {
  world = await startOrdersWorld();
});

afterAll(async () => {
  await world.close();
});

afterEach(() => {
  for (const agent of agents.splice(0)) agent.close();
  world.dearSim.control.clearFaults();
});

function newAgent(): TestAgent {
  const agent = openTestAgent(world);
  agents.push(agent);
  return agent;
}

function upstockOrder(orderId: string) {
  return world.upstockSim.control.state().orders.find((order) => order.id === orderId)!;
}

function saleCalls(since: number) {
  return world.dearSim.control
    .calls()
    .slice(since)
    .map((call) => `${call.method} ${call.path}`);
}

describe('orders job', () => {
  it('pushes an approved order with two Cin7 Core calls', async () => {
    const agent = newAgent();
    const runner = agentRunner(agent);
    const order = placeApprovedOrder(world, {
      customerId: world.customerIds[0]!,
      lines: [
        {
          productId: world.productIds[0]!,
          quantity: '3',
          unitPrice: '12.5000',
          discountPercent: '10',
        },
        { productId: world.productIds[1]!, quantity: '7', unitPrice: '4.1234' },
      ],
      freight: '15.0000',
      reference: 'PO-1',
    });

    const before = world.dearSim.control.calls().length;
    const summary = await runner.run('orders', { trigger: 'manual', mode: 'incremental' });
    expect(summary.status).toBe('succeeded');
    expect(summary.counts.orders?.created).toBe(1);
    expect(saleCalls(before)).toEqual(['POST sale', 'POST sale/order']);

    const integration = upstockOrder(order.id).integration;
    expect(integration.state).toBe('pushed');
    const sale = saleForOrder(world, order.id)!;
    expect(integration.saleId).toBe(sale.ID);
    expect(integration.saleNumber).toMatch(/^SO-/);
    expect(ledgerFor(agent.store).get(order.id)?.state).toBe('pushed');

    const again = world.dearSim.control.calls().length;
    await runner.run('orders', { trigger: 'manual', mode: 'incremental' });
    expect(saleCalls(again)).toEqual([]);
    expect(salesPerExternalId(world).get(order.id)).toBe(1);
  });

  it('logs an edit after the push without syncing it', async () => {
    const agent = newAgent();
    const runner = agentRunner(agent);
    const order = placeApprovedOrder(world, {
      customerId: world.customerIds[1]!,
      lines: [{ productId: world.productIds[2]!, quantity: '2', unitPrice: '9.0000' }],
    });
    await runner.run('orders', { trigger: 'manual', mode: 'incremental' });
    world.upstockSim.control.editOrder(order.id, { freight: '5.0000' });

    const before = world.dearSim.control.calls().length;
    await runner.run('orders', { trigger: 'manual', mode: 'incremental' });
    expect(saleCalls(before)).toEqual([]);
    const steps = ledgerFor(agent.store)
      .events(order.id)
      .map((event) => event.step);
    expect(steps).toContain('edited-after-push');
  });

  it('parks an unknown customer and retries it', async () => {
    const agent = newAgent();
    const runner = agentRunner(agent);
    const customerId = world.customerIds[2]!;
    const raw = agent.store.catalog.getCustomer(customerId);
    agent.store.catalog.deleteCustomers([customerId]);
    const order = placeApprovedOrder(world, {
      customerId,
      lines: [{ productId: world.productIds[0]!, quantity: '1', unitPrice: '10.0000' }],
    });

    await runner.run('orders', { trigger: 'manual', mode: 'incremental' });
    const integration = upstockOrder(order.id).integration;
    expect(integration.state).toBe('needs_attention');
    expect(integration.reason).toContain('not in the agent');
    const attention = listOrdersNeedingAttention(agent.store);
    expect(attention.map((row) => row.orderId)).toContain(order.id);
    expect(salesPerExternalId(world).get(order.id)).toBeUndefined();

    agent.store.catalog.upsertCustomers([
      { id: customerId, raw, lastModifiedOn: '2025-07-01T00:00:00Z' },
    ]);
    retryOrder(agent.store, order.id);
    await runner.run('orders', { trigger: 'manual', mode: 'incremental' });
    expect(upstockOrder(order.id).integration.state).toBe('pushed');
    expect(salesPerExternalId(world).get(order.id)).toBe(1);
    expect(listOrdersNeedingAttention(agent.store).map((row) => row.orderId)).not.toContain(
      order.id,
    );
  });

  it('rejects a retry of an order that is not parked', () => {
    const agent = newAgent();
    expect(() => retryOrder(agent.store, 'ord_missing')).toThrow(/not in the order ledger/);
  });

  it('parks a Cin7 Core validation error with its text', async () => {
    const agent = newAgent();
    const reference = agent.store.catalog.getReference('locations')!;
    const locations = [
      ...(reference.raw as object[]),
      { ID: 'ghost', Name: 'Ghost Depot', IsDefault: false },
    ];
    agent.store.catalog.setReference('locations', locations);
    const runner = agentRunner(agent, () => testSettings({ location: 'Ghost Depot' }));
    const order = placeApprovedOrder(world, {
      customerId: world.customerIds[0]!,
      lines: [{ productId: world.productIds[0]!, quantity: '1', unitPrice: '10.0000' }],
    });

    await runner.run('orders', { trigger: 'manual', mode: 'incremental' });
    const integration = upstockOrder(order.id).integration;
    expect(integration.state).toBe('needs_attention');
    expect(integration.reason).toContain("Location 'Ghost Depot' not found");
    expect(ledgerFor(agent.store).get(order.id)?.parkCode).toBe('dear-validation');
  });

  it('parks freight without the freight product', async () => {
    const agent = newAgent();
    const runner = agentRunner(agent, () => testSettings({ freightProduct: 'Courier Charge' }));
    const order = placeApprovedOrder(world, {
      customerId: world.customerIds[0]!,
      lines: [{ productId: world.productIds[0]!, quantity: '1', unitPrice: '10.0000' }],
      freight: '8.5000',
    });
    await runner.run('orders', { trigger: 'manual', mode: 'incremental' });
    expect(upstockOrder(order.id).integration.reason).toContain('Courier Charge');
    expect(salesPerExternalId(world).get(order.id)).toBeUndefined();
  });
});

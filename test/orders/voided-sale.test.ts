import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { retryOrder } from '../../main/orders/attention.js';
import { ledgerFor } from '../../main/orders/ledger.js';
import type { WireOrder } from '../../main/upstock/wire.js';
import {
  agentRunner,
  openTestAgent,
  orderIdOf,
  placeApprovedOrder,
  salesPerExternalId,
  startOrdersWorld,
  type OrdersWorld,
  type TestAgent,
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
  world.dearSim.control.clearFaults();
  for (const agent of agents.splice(0)) agent.close();
});

/** Opens an agent with its own, new data folder. */
function newAgent(): TestAgent {
  const agent = openTestAgent(world);
  agents.push(agent);
  return agent;
}

function placeOrder(customerIndex: number): WireOrder {
  return placeApprovedOrder(world, {
    customerId: world.customerIds[customerIndex]!,
    lines: [{ productId: world.productIds[0]!, quantity: '2', unitPrice: '8.0000' }],
  });
}

function integrationOf(orderId: string) {
  return world.upstockSim.control.state().orders.find((order) => order.id === orderId)!.integration;
}

function salesOf(orderId: string) {
  return world.dearSim.control.sales().filter((sale) => orderIdOf(sale.ExternalID) === orderId);
}

function callsSince(count: number): string[] {
  return world.dearSim.control
    .calls()
    .slice(count)
    .map((call) => `${call.method} ${call.path}`);
}

async function runJob(agent: TestAgent, job: 'orders' | 'shipments', mode = 'incremental') {
  return agentRunner(agent).run(job, { trigger: 'manual', mode: mode as 'incremental' | 'full' });
}

/** Pushes the order with agent A, voids its sale in Cin7 Core, and lets A's shipments park it. */
async function pushAndVoid(agentA: TestAgent, order: WireOrder): Promise<string> {
  await runJob(agentA, 'orders');
  const saleId = ledgerFor(agentA.store).get(order.id)!.saleId!;
  world.dearSim.control.voidSale(saleId);
  await runJob(agentA, 'shipments');
  expect(ledgerFor(agentA.store).get(order.id)?.parkCode).toBe('sale-voided');
  expect(integrationOf(order.id).state).toBe('needs_attention');
  return saleId;
}

describe('voided sale', () => {
  it('is not pushed again by an agent with a new data folder', async () => {
    const agentA = newAgent();
    const order = placeOrder(0);
    const voidedId = await pushAndVoid(agentA, order);

    const agentB = newAgent();
    const before = world.dearSim.control.calls().length;
    const summary = await runJob(agentB, 'orders');
    expect(summary.counts.orders?.skipped).toBe(1);
    expect(callsSince(before)).not.toContain('POST sale');
    expect(salesPerExternalId(world).get(order.id)).toBe(1);
    expect(ledgerFor(agentB.store).get(order.id)).toBeNull();
    expect(integrationOf(order.id).state).toBe('needs_attention');
    expect(integrationOf(order.id).saleId).toBe(voidedId);
  });

  it('found by ExternalID parks until retried', async () => {
    const agentA = newAgent();
    const order = placeOrder(1);
    const voidedId = await pushAndVoid(agentA, order);
    // Someone set the order back to pending in Upstock, so only the voided sale records the park.
    await agentA.upstock.setIntegrationState(order.id, { state: 'pending' });

    const agentB = newAgent();
    await runJob(agentB, 'orders', 'full');
    const entry = ledgerFor(agentB.store).get(order.id)!;
    expect(entry.state).toBe('parked');
    expect(entry.parkCode).toBe('sale-voided');
    expect(entry.parkReason).toContain(voidedId);
    expect(salesPerExternalId(world).get(order.id)).toBe(1);
    expect(integrationOf(order.id).state).toBe('needs_attention');

    retryOrder(agentB.store, order.id);
    await runJob(agentB, 'orders');
    const pushed = ledgerFor(agentB.store).get(order.id)!;
    expect(pushed.state).toBe('pushed');
    expect(pushed.saleId).not.toBe(voidedId);
    expect(salesPerExternalId(world).get(order.id)).toBe(2);
    expect(integrationOf(order.id).saleId).toBe(pushed.saleId);
  });

  it('is replaced by a new sale when the order is retried', async () => {
    const agentA = newAgent();
    const order = placeOrder(2);
    const voidedId = await pushAndVoid(agentA, order);

    retryOrder(agentA.store, order.id);
    const before = world.dearSim.control.calls().length;
    await runJob(agentA, 'orders');
    expect(callsSince(before)).toContain('POST sale');

    const ledger = ledgerFor(agentA.store);
    const entry = ledger.get(order.id)!;
    expect(entry.state).toBe('pushed');
    expect(entry.saleId).not.toBe(voidedId);
    const forgotten = ledger.events(order.id).find((event) => event.step === 'sale-forgotten');
    expect(forgotten?.detail).toContain(voidedId);

    const integration = integrationOf(order.id);
    expect(integration.state).toBe('pushed');
    expect(integration.saleId).toBe(entry.saleId);
    const statuses = salesOf(order.id).map((sale) => [sale.ID, sale.Status]);
    expect(statuses).toHaveLength(2);
    expect(statuses).toContainEqual([voidedId, 'VOIDED']);

    const again = world.dearSim.control.calls().length;
    await runJob(agentA, 'orders');
    expect(callsSince(again)).toEqual([]);
  });

  it('retry that failed midway still ignores the voided sale', async () => {
    const agentA = newAgent();
    const order = placeOrder(3);
    const voidedId = await pushAndVoid(agentA, order);

    retryOrder(agentA.store, order.id);
    world.dearSim.control.setFaults({
      next: ['http-500', 'http-500', 'http-500'],
      match: { method: 'POST' },
    });
    await runJob(agentA, 'orders');
    expect(ledgerFor(agentA.store).get(order.id)?.state).toBe('sale-requested');
    world.dearSim.control.clearFaults();

    await runJob(agentA, 'orders');
    const entry = ledgerFor(agentA.store).get(order.id)!;
    expect(entry.state).toBe('pushed');
    expect(entry.saleId).not.toBe(voidedId);
    expect(salesOf(order.id)).toHaveLength(2);
  });

  it('stays parked after an edit in Upstock', async () => {
    const agentA = newAgent();
    const order = placeOrder(0);
    await pushAndVoid(agentA, order);
    world.upstockSim.control.editOrder(order.id, { freight: '5.0000' });

    const before = world.dearSim.control.calls().length;
    await runJob(agentA, 'orders', 'full');
    expect(callsSince(before)).not.toContain('POST sale/order');
    expect(ledgerFor(agentA.store).get(order.id)?.state).toBe('parked');
    expect(salesPerExternalId(world).get(order.id)).toBe(1);
  });
});

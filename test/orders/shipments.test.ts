import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerFor } from '../../main/orders/ledger.js';
import {
  agentRunner,
  openTestAgent,
  placeApprovedOrder,
  startOrdersWorld,
  testSettings,
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

const runner = () => agentRunner(agent, () => testSettings({ saleStatus: 'AUTHORISED' }));

async function pushedOrder(lines = 1) {
  const order = placeApprovedOrder(world, {
    customerId: world.customerIds[0]!,
    lines: Array.from({ length: lines }, (_, index) => ({
      productId: world.productIds[index]!,
      quantity: '4',
      unitPrice: '10.0000',
    })),
  });
  await runner().run('orders', { trigger: 'manual', mode: 'incremental' });
  const saleId = ledgerFor(agent.store).get(order.id)!.saleId!;
  return { order, saleId };
}

function upstockOrder(orderId: string) {
  return world.upstockSim.control.state().orders.find((order) => order.id === orderId)!;
}

function callsSince(count: number) {
  return world.dearSim.control
    .calls()
    .slice(count)
    .map((call) => `${call.method} ${call.path}`);
}

describe('shipments job', () => {
  it('makes one sale list call when nothing shipped', async () => {
    await pushedOrder();
    const before = world.dearSim.control.calls().length;
    await runner().run('shipments', { trigger: 'manual', mode: 'incremental' });
    expect(callsSince(before)).toEqual(['GET salelist']);
  });

  it('marks a shipped sale shipped with its tracking number', async () => {
    const { order, saleId } = await pushedOrder();
    world.dearSim.control.shipSale(saleId, { carrier: 'NZ Couriers', trackingNumber: 'NZC123' });

    const before = world.dearSim.control.calls().length;
    await runner().run('shipments', { trigger: 'manual', mode: 'incremental' });
    expect(callsSince(before)).toEqual(['GET salelist', 'GET sale']);

    const shipped = upstockOrder(order.id);
    expect(shipped.status).toBe('shipped');
    expect(shipped.shipments).toHaveLength(1);
    expect(shipped.shipments[0]?.carrier).toBe('NZ Couriers');
    expect(shipped.shipments[0]?.trackingNumbers).toEqual(['NZC123']);
    expect(ledgerFor(agent.store).get(order.id)?.shipmentRecorded).toBe('shipped');

    const again = world.dearSim.control.calls().length;
    await runner().run('shipments', { trigger: 'manual', mode: 'incremental' });
    expect(callsSince(again)).toEqual(['GET salelist']);
    expect(upstockOrder(order.id).shipments).toHaveLength(1);
  });

  it('reports a partial shipment as partial', async () => {
    const { order, saleId } = await pushedOrder(2);
    const sku = world.seed.products.find((product) => product.ID === world.productIds[0])!.SKU;
    world.dearSim.control.shipSale(saleId, {
      carrier: 'NZ Post',
      trackingNumber: 'NZP1',
      lines: [{ sku, quantity: 4 }],
    });
    await runner().run('shipments', { trigger: 'manual', mode: 'incremental' });
    const partly = upstockOrder(order.id);
    expect(partly.status).toBe('approved');
    expect(partly.shipments.map((shipment) => shipment.partial)).toEqual([true]);

    world.dearSim.control.shipSale(saleId, { carrier: 'NZ Post', trackingNumber: 'NZP2' });
    await runner().run('shipments', { trigger: 'manual', mode: 'incremental' });
    const full = upstockOrder(order.id);
    expect(full.status).toBe('shipped');
    expect(full.shipments.flatMap((shipment) => shipment.trackingNumbers).sort()).toEqual([
      'NZP1',
      'NZP2',
    ]);
  });

  it('parks the order of a voided sale', async () => {
    const { order, saleId } = await pushedOrder();
    world.dearSim.control.voidSale(saleId);
    await runner().run('shipments', { trigger: 'manual', mode: 'incremental' });
    const entry = ledgerFor(agent.store).get(order.id);
    expect(entry?.state).toBe('parked');
    expect(entry?.parkCode).toBe('sale-voided');
    expect(upstockOrder(order.id).integration.state).toBe('needs_attention');
  });
});

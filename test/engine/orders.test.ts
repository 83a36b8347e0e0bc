import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AgentStatus } from '../../shared/sync.js';
import type { Engine } from '../../main/engine.js';
import { ledgerFor } from '../../main/orders/ledger.js';
import type { SqliteStore } from '../../main/store/open.js';
import {
  cacheSeed,
  placeApprovedOrder,
  salesPerExternalId,
  startOrdersWorld,
  type OrdersWorld,
} from '../orders/fixtures/harness.js';
import { startConnectedEngine } from './connected-engine.js';

let world: OrdersWorld;
let dataDir: string;
let engine: Engine;

beforeAll(async () => {
  world = await startOrdersWorld();
});
afterAll(() => world.close());

beforeEach(async () => {
  ({ engine, dataDir } = await startConnectedEngine(world, 'uds-engine-orders-'));
  cacheSeed(engine.store as SqliteStore, world.seed);
});

afterEach(async () => {
  await engine.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function upstockOrder(orderId: string) {
  return world.upstockSim.control.state().orders.find((order) => order.id === orderId)!;
}

/** Places an order for a customer that the agent's cache lacks, so its push parks it. */
function placeOrderForUncachedCustomer() {
  const customerId = world.customerIds[1]!;
  const raw = engine.store.catalog.getCustomer(customerId);
  engine.store.catalog.deleteCustomers([customerId]);
  const order = placeApprovedOrder(world, {
    customerId,
    lines: [{ productId: world.productIds[0]!, quantity: '2', unitPrice: '8.0000' }],
  });
  const restore = () =>
    engine.store.catalog.upsertCustomers([
      { id: customerId, raw, lastModifiedOn: '2025-07-01T00:00:00Z' },
    ]);
  return { order, restore };
}

describe('Engine order jobs', () => {
  it('schedules the order jobs', () => {
    const jobs = engine.status().jobs;
    const orders = jobs.find((state) => state.job === 'orders');
    const shipments = jobs.find((state) => state.job === 'shipments');

    expect(typeof orders?.nextRunAt).toBe('string');
    expect(typeof shipments?.nextRunAt).toBe('string');
  });

  it('pushes an order and reports its shipment', async () => {
    engine.updateSettings({ orders: { saleStatus: 'AUTHORISED' } });
    const order = placeApprovedOrder(world, {
      customerId: world.customerIds[0]!,
      lines: [{ productId: world.productIds[0]!, quantity: '1', unitPrice: '10.0000' }],
    });

    const [pushRun] = await engine.syncNow({ job: 'orders' });
    expect(pushRun?.status).toBe('succeeded');
    expect(salesPerExternalId(world).get(order.id)).toBe(1);
    const saleId = ledgerFor(engine.store).get(order.id)?.saleId;
    expect(saleId).toBeTruthy();

    world.dearSim.control.shipSale(saleId!, { carrier: 'NZ Couriers', trackingNumber: 'TRK-1' });
    const [shipRun] = await engine.syncNow({ job: 'shipments' });
    expect(shipRun?.status).toBe('succeeded');
    expect(upstockOrder(order.id).status).toBe('shipped');
  });

  it('counts and retries parked orders', async () => {
    const { order, restore } = placeOrderForUncachedCustomer();
    await engine.syncNow({ job: 'orders' });

    expect(engine.status().ordersNeedingAttention).toBe(1);
    const rows = engine.ordersNeedingAttention();
    expect(rows.map((row) => row.orderId)).toEqual([order.id]);
    expect(rows[0]?.orderNumber).toBe(order.number);
    expect(rows[0]?.reason.length).toBeGreaterThan(0);

    restore();
    const statuses: AgentStatus[] = [];
    engine.on('status', (status) => statuses.push(status));
    await engine.retryOrder(order.id);

    expect(upstockOrder(order.id).integration.state).toBe('pushed');
    expect(salesPerExternalId(world).get(order.id)).toBe(1);
    expect(engine.ordersNeedingAttention()).toEqual([]);
    expect(engine.status().ordersNeedingAttention).toBe(0);
    expect(statuses.at(-1)?.ordersNeedingAttention).toBe(0);
  });

  it('rejects retrying an unparked order', async () => {
    await expect(engine.retryOrder('ord_missing')).rejects.toThrow(/not in the order ledger/);
  });
});

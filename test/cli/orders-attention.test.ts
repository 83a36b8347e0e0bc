import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { OrderAttentionRow } from '../../shared/ipc.js';
import type { AgentStatus } from '../../shared/sync.js';
import type { WireCustomer, WireOrder } from '../../main/upstock/wire.js';
import { parseJson, startCliWorld, type CliWorld } from './cli-harness.js';

/** Places and approves an order of one priced product for `customer` in the Upstock simulator. */
function placeApprovedOrder(world: CliWorld, customer: WireCustomer, quantity = 1): WireOrder {
  const state = world.upstock.control.state();
  const priceList = state.priceLists.find((list) => list.key === customer.priceListKey);
  const productId = priceList?.prices[0]?.productExternalId;
  if (!productId) throw new Error(`Customer ${customer.name} has no priced product.`);
  const order = world.upstock.control.placeOrder({
    customerExternalId: customer.externalId,
    lines: [{ productExternalId: productId, quantity }],
  });
  world.upstock.control.approveOrder(order.id);
  return order;
}

describe('orders attention and retry', () => {
  let world: CliWorld;
  let parked: WireOrder;
  let edited: WireOrder;

  beforeAll(async () => {
    world = await startCliWorld();
    expect((await world.agent(['products', 'select', '--all'])).exitCode).toBe(0);
    expect((await world.agent(['sync', '--once'])).exitCode).toBe(0);

    const customers = world.upstock.control
      .state()
      .customers.filter((customer) => customer.active && customer.priceListKey);
    const foreign = customers.find((customer) => customer.currency !== 'NZD');
    const local = customers.find((customer) => customer.currency === 'NZD');
    if (!foreign || !local)
      throw new Error('The sample merchant lacks a foreign or local customer.');
    parked = placeApprovedOrder(world, foreign);
    edited = placeApprovedOrder(world, local);
    await world.agent(['sync', '--once', '--job', 'orders']);
    world.upstock.control.editOrder(edited.id, {
      lines: [
        {
          productExternalId: edited.lines[0]!.productExternalId,
          quantity: edited.lines[0]!.quantity + 2,
        },
      ],
    });
    await world.agent(['sync', '--once', '--job', 'orders']);
  }, 180_000);
  afterAll(async () => {
    await world.close();
  });

  it('lists both kinds with their kind', async () => {
    const result = await world.agent(['orders', 'attention', '--json']);
    expect(result.exitCode).toBe(0);
    const { orders } = parseJson<{ orders: OrderAttentionRow[] }>(result);
    const kinds = Object.fromEntries(orders.map((order) => [order.orderNumber, order.kind]));
    expect(kinds[parked.number]).toBe('parked');
    expect(kinds[edited.number]).toBe('edited-after-push');

    const text = await world.agent(['orders', 'attention']);
    expect(text.stdout).toMatch(new RegExp(`${parked.number}\\s+parked`));
    expect(text.stdout).toMatch(new RegExp(`${edited.number}\\s+edited after push`));
    expect(text.stdout).toContain('Upstock and Cin7 Core now differ');
  });

  it('status counts parked orders only', async () => {
    const status = parseJson<AgentStatus>(await world.agent(['status', '--json']));
    expect(status.ordersNeedingAttention).toBe(1);
  });

  it('retry accepts the order number', async () => {
    const result = await world.agent(['orders', 'retry', parked.number, '--json']);
    const outcome = parseJson<{ orderId: string; state: string }>(result);
    expect(outcome.orderId).toBe(parked.id);
    expect(outcome.state).toBe('parked');
    expect(result.exitCode).toBe(5);

    const text = await world.agent(['orders', 'retry', parked.number]);
    expect(text.stdout).toContain(`Order ${parked.number} is now parked.`);
  });

  it('retry help names both forms', async () => {
    const result = await world.agent(['orders', 'retry', '--help']);
    expect(result.stdout).toContain('ORDER_ID or order number');
  });

  it('retry rejects an edited order', async () => {
    const result = await world.agent(['orders', 'retry', edited.number]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('not parked');
  });
});

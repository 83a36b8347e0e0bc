import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { UpstockClient } from '../../main/upstock/client.js';
import type { SimSnapshot } from '../../main/simulators/upstock/control.js';
import type { UpstockSimulator } from '../../main/simulators/upstock/server.js';
import type { WireOrder } from '../../main/upstock/wire.js';
import { controlCall, customer, product, startPair } from './harness.js';

let sim: UpstockSimulator;
let client: UpstockClient;

beforeAll(async () => {
  ({ sim, client } = await startPair());
});

afterAll(async () => {
  await sim.close();
});

beforeEach(async () => {
  await controlCall(sim, 'POST', 'reset');
  await client.upsertProducts([product(1), product(2)]);
  await client.putPriceList('pl_tier1', {
    name: 'Tier 1',
    prices: [{ productExternalId: 'dear-product-1', price: '10.0000' }],
  });
  await client.upsertCustomers([customer(1, { priceListKey: 'pl_tier1' }), customer(2)]);
});

async function placeOverHttp(body: unknown): Promise<WireOrder> {
  const response = await controlCall(sim, 'POST', 'orders', body);
  expect(response.status).toBe(201);
  return response.body as WireOrder;
}

describe('control state', () => {
  it('returns products, customers, price lists and orders', async () => {
    await placeOverHttp({
      customerExternalId: 'dear-customer-1',
      lines: [{ productExternalId: 'dear-product-1', quantity: '4' }],
    });

    const { status, body } = await controlCall(sim, 'GET', 'state');
    const state = body as SimSnapshot;

    expect(status).toBe(200);
    expect(state.products.map((p) => p.externalId)).toEqual(['dear-product-1', 'dear-product-2']);
    expect(state.customers.map((c) => [c.externalId, c.priceListKey])).toEqual([
      ['dear-customer-1', 'pl_tier1'],
      ['dear-customer-2', null],
    ]);
    expect(state.priceLists[0]?.prices).toEqual([
      { productExternalId: 'dear-product-1', price: '10.0000' },
    ]);
    expect(state.orders[0]?.totals.total).toBe('40.0000');
  });

  it('empties everything on reset', async () => {
    await controlCall(sim, 'POST', 'reset');

    const state = (await controlCall(sim, 'GET', 'state')).body as SimSnapshot;

    expect(state.products).toEqual([]);
    expect(state.customers).toEqual([]);
    expect(state.priceLists).toEqual([]);
    expect(sim.callCount).toBe(0);
  });
});

describe('control orders', () => {
  it('edits an order and bumps its version', async () => {
    const placed = await placeOverHttp({
      customerExternalId: 'dear-customer-1',
      lines: [{ productExternalId: 'dear-product-1', quantity: '1' }],
    });

    const edited = await controlCall(sim, 'PATCH', `orders/${placed.id}`, {
      lines: [{ productExternalId: 'dear-product-1', quantity: '3', unitPrice: '9.9900' }],
      freight: '5.0000',
      reference: 'PO-1',
      addComments: [{ author: 'Merchant', text: 'Changed to 3' }],
    });

    const order = edited.body as WireOrder;
    expect(edited.status).toBe(200);
    expect(order.version).toBe(placed.version + 1);
    expect(order.totals).toEqual({ lines: '29.9700', freight: '5.0000', total: '34.9700' });
    expect(order.comments.at(-1)?.text).toBe('Changed to 3');
  });

  it('approves and cancels over HTTP', async () => {
    const placed = await placeOverHttp({
      customerExternalId: 'dear-customer-1',
      lines: [{ productExternalId: 'dear-product-1', quantity: '1' }],
    });

    const approved = await controlCall(sim, 'POST', `orders/${placed.id}/approve`);
    const cancelled = await controlCall(sim, 'POST', `orders/${placed.id}/cancel`);
    const reapproved = await controlCall(sim, 'POST', `orders/${placed.id}/approve`);

    expect((approved.body as WireOrder).status).toBe('approved');
    expect((approved.body as WireOrder).approvedAt).not.toBeNull();
    expect((cancelled.body as WireOrder).status).toBe('cancelled');
    expect(reapproved.status).toBe(409);
  });

  it('rejects lines without a price or product', async () => {
    const response = await controlCall(sim, 'POST', 'orders', {
      customerExternalId: 'dear-customer-2',
      lines: [
        { productExternalId: 'dear-product-1', quantity: '1' },
        { productExternalId: 'dear-product-9', quantity: '1' },
        { productExternalId: 'dear-product-2', quantity: '0', unitPrice: '1.0000' },
      ],
    });

    const fields = (response.body as { errors: { field: string }[] }).errors.map((e) => e.field);
    expect(response.status).toBe(422);
    expect(fields).toEqual([
      'lines[0].unitPrice',
      'lines[1].productExternalId',
      'lines[2].quantity',
    ]);
  });

  it('picks default addresses or the chosen one', async () => {
    const byDefault = await placeOverHttp({
      customerExternalId: 'dear-customer-1',
      lines: [{ productExternalId: 'dear-product-1', quantity: '1' }],
    });
    const chosen = await placeOverHttp({
      customerExternalId: 'dear-customer-1',
      lines: [{ productExternalId: 'dear-product-1', quantity: '1' }],
      shippingAddressExternalId: 'addr-1-ship2',
    });

    expect(byDefault.shippingAddress?.externalId).toBe('addr-1-ship');
    expect(byDefault.billingAddress?.externalId).toBe('addr-1-bill');
    expect(chosen.shippingAddress?.externalId).toBe('addr-1-ship2');
  });
});

describe('control faults and calls', () => {
  it('logs API calls but not control calls', async () => {
    const before = (await controlCall(sim, 'GET', 'calls')).body as { count: number };

    await client.account();
    const after = (await controlCall(sim, 'GET', 'calls')).body as {
      count: number;
      calls: { path: string; status: number }[];
    };

    expect(after.count).toBe(before.count + 1);
    expect(after.calls.at(-1)).toMatchObject({ path: '/v1/account', status: 200 });
  });

  it('rejects unknown fault kinds', async () => {
    const response = await controlCall(sim, 'POST', 'faults', { next: ['teapot'] });

    expect(response.status).toBe(400);
    expect((response.body as { detail: string }).detail).toContain('teapot');
  });

  it('moves the clock forward', async () => {
    const before = Date.now();

    const response = await controlCall(sim, 'POST', 'clock', { advanceMs: 3_600_000 });
    await client.upsertProducts([product(3)]);

    const created = sim.control.state().products.find((p) => p.externalId === 'dear-product-3');
    expect(response.status).toBe(204);
    expect(Date.parse(created!.createdAt)).toBeGreaterThanOrEqual(before + 3_600_000);
  });

  it('answers 404 problems outside the API', async () => {
    const response = await fetch(`${sim.origin}v2/account`);

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });
});

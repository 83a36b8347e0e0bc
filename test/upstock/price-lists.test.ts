import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { UpstockClient } from '../../main/upstock/client.js';
import { UpstockApiError, UpstockConflictError } from '../../main/upstock/errors.js';
import type { UpstockSimulator } from '../../main/simulators/upstock/server.js';
import { customer, product, startPair } from './harness.js';

let sim: UpstockSimulator;
let client: UpstockClient;

beforeAll(async () => {
  ({ sim, client } = await startPair());
});

afterAll(async () => {
  await sim.close();
});

beforeEach(async () => {
  sim.control.reset();
  await client.upsertProducts([product(1), product(2), product(3)]);
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

describe('price lists', () => {
  it('creates, replaces and reports unchanged', async () => {
    const created = await client.putPriceList('pl_tier1', {
      name: 'Tier 1',
      prices: [
        { productExternalId: 'dear-product-1', price: '12.5000' },
        { productExternalId: 'dear-product-2', price: '3.9900' },
      ],
    });
    expect(created).toMatchObject({ key: 'pl_tier1', result: 'created', productCount: 2 });

    const replaced = await client.putPriceList('pl_tier1', {
      name: 'Tier 1',
      prices: [{ productExternalId: 'dear-product-3', price: '7.0000' }],
    });
    expect(replaced).toMatchObject({ result: 'updated', productCount: 1 });

    const same = await client.putPriceList('pl_tier1', {
      name: 'Tier 1',
      prices: [{ productExternalId: 'dear-product-3', price: '7.0000' }],
    });
    expect(same.result).toBe('unchanged');

    const stored = await client.getPriceList('pl_tier1');
    expect(stored?.prices).toEqual([{ productExternalId: 'dear-product-3', price: '7.0000' }]);
  });

  it('keeps keys with spaces and colons intact', async () => {
    await client.putPriceList('customer: Cafe 1/2'.replace('/', '-'), { name: 'Cafe', prices: [] });

    const lists = await client.listPriceLists();

    expect(lists.map((list) => list.key)).toEqual(['customer: Cafe 1-2']);
  });

  it('rejects bad prices and unknown products as a whole', async () => {
    await client.putPriceList('pl_tier1', {
      name: 'Tier 1',
      prices: [{ productExternalId: 'dear-product-1', price: '1.0000' }],
    });

    const error = await rejection(
      client.putPriceList('pl_tier1', {
        name: 'Tier 1',
        prices: [
          { productExternalId: 'dear-product-1', price: '12.5' },
          { productExternalId: 'dear-product-2', price: '-1.0000' },
          { productExternalId: 'dear-product-404', price: '1.0000' },
          { productExternalId: 'dear-product-3', price: '2.0000' },
          { productExternalId: 'dear-product-3', price: '2.0000' },
        ],
      }),
    );

    expect(error).toBeInstanceOf(UpstockApiError);
    const apiError = error as UpstockApiError;
    expect(apiError.status).toBe(422);
    expect(apiError.problemType).toBe('validation');
    expect(apiError.fieldErrors.map((e) => [e.externalId, e.field])).toEqual([
      ['dear-product-1', 'prices[0].price'],
      ['dear-product-2', 'prices[1].price'],
      ['dear-product-404', 'prices[2].productExternalId'],
      ['dear-product-3', 'prices[4].productExternalId'],
    ]);
    expect(apiError.message).toContain('dear-product-404');
    const stored = await client.getPriceList('pl_tier1');
    expect(stored?.prices).toEqual([{ productExternalId: 'dear-product-1', price: '1.0000' }]);
  });

  it('refuses to delete a list while customers use it', async () => {
    await client.putPriceList('pl_tier2', { name: 'Tier 2', prices: [] });
    await client.upsertCustomers([customer(1, { priceListKey: 'pl_tier2' })]);
    expect((await client.listPriceLists())[0]?.customerCount).toBe(1);

    const error = await rejection(client.deletePriceList('pl_tier2'));

    expect(error).toBeInstanceOf(UpstockConflictError);
    expect((error as UpstockConflictError).problemType).toBe('price-list-in-use');
    expect((error as UpstockConflictError).fieldErrors[0]?.externalId).toBe('dear-customer-1');
    expect(await client.getPriceList('pl_tier2')).not.toBeNull();
  });

  it('deletes a list once no customer uses it', async () => {
    await client.putPriceList('pl_tier2', { name: 'Tier 2', prices: [] });
    await client.upsertCustomers([customer(1, { priceListKey: 'pl_tier2' })]);
    await client.upsertCustomers([customer(1, { priceListKey: null })]);

    expect(await client.deletePriceList('pl_tier2')).toBe(true);
    expect(await client.deletePriceList('pl_tier2')).toBe(false);
    expect(await client.getPriceList('pl_tier2')).toBeNull();
    expect(await client.listPriceLists()).toEqual([]);
  });

  it('lists every list across pages', async () => {
    for (let i = 0; i < 12; i++) {
      await client.putPriceList(`pl_${String(i).padStart(2, '0')}`, {
        name: `List ${i}`,
        prices: [],
      });
    }

    const callsBefore = sim.callCount;

    const lists = await client.listPriceLists({ limit: 5 });

    expect(sim.callCount - callsBefore).toBe(3);
    expect(lists).toHaveLength(12);
    expect(lists[11]?.key).toBe('pl_11');
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { UpstockClient } from '../../main/upstock/client.js';
import type { UpstockSimulator } from '../../main/simulators/upstock/server.js';
import type { WireBatchItemResult } from '../../main/upstock/wire.js';
import { customer, product, startPair } from './harness.js';

let sim: UpstockSimulator;
let client: UpstockClient;

beforeAll(async () => {
  ({ sim, client } = await startPair());
});

afterAll(async () => {
  await sim.close();
});

beforeEach(() => {
  sim.control.reset();
});

function failed(result: WireBatchItemResult | undefined) {
  if (result?.result !== 'failed')
    throw new Error(`expected a failed result, got ${JSON.stringify(result)}`);
  return result;
}

describe('account', () => {
  it('returns the supplier, currency and time zone', async () => {
    const account = await client.account();
    expect(account.supplierId).toBe('sup_00000001');
    expect(account.currency).toBe('NZD');
    expect(account.timeZone).toBe('Pacific/Auckland');
  });
});

describe('product batches', () => {
  it('creates, updates and reports unchanged records', async () => {
    const first = await client.upsertProducts([product(1), product(2)]);
    expect(first.counts).toEqual({ created: 2, updated: 0, unchanged: 0, failed: 0 });

    const second = await client.upsertProducts([product(1), product(2, { name: 'Renamed beans' })]);
    expect(second.results.map((result) => result.result)).toEqual(['unchanged', 'updated']);
    expect(second.results[0]).toMatchObject({ index: 0, externalId: 'dear-product-1' });

    const ids = first.results.map((result) => (result.result === 'failed' ? null : result.id));
    const again = second.results.map((result) => (result.result === 'failed' ? null : result.id));
    expect(again).toEqual(ids);
    expect(sim.control.state().products.find((p) => p.externalId === 'dear-product-2')?.name).toBe(
      'Renamed beans',
    );
  });

  it('splits 1,200 records into 3 calls', async () => {
    const products = Array.from({ length: 1200 }, (_, i) => product(i));
    const callsBefore = sim.callCount;

    const response = await client.upsertProducts(products);

    expect(sim.callCount - callsBefore).toBe(3);
    expect(response.results).toHaveLength(1200);
    expect(response.counts.created).toBe(1200);
    expect(response.results[1199]).toMatchObject({ index: 1199, externalId: 'dear-product-1199' });
    expect(response.results[700]).toMatchObject({ index: 700, externalId: 'dear-product-700' });
    const batchSizes = sim.control
      .calls()
      .filter((call) => call.path === '/v1/products/batch')
      .map((call) => call.status);
    expect(batchSizes).toEqual([200, 200, 200]);
    expect(sim.control.state().products).toHaveLength(1200);
  });

  it('rejects bad records without failing the rest', async () => {
    await client.upsertProducts([product(1)]);

    const response = await client.upsertProducts([
      product(2, { name: '  ' }),
      product(3, { code: 'sku-00001' }),
      product(4, { imageUrls: ['ftp://images.example.test/4.jpg'] }),
      product(5),
      product(5, { name: 'Twice in one batch' }),
      product(6, { availability: 'sold_out' as never }),
      product(7, { code: 'SKU-00001', availability: 'discontinued' }),
    ]);

    expect(failed(response.results[0]).errors).toEqual([
      { field: 'name', reason: 'name is required and must be a non-empty string.' },
    ]);
    expect(failed(response.results[1]).errors[0]?.field).toBe('code');
    expect(failed(response.results[1]).errors[0]?.reason).toContain('dear-product-1');
    expect(failed(response.results[2]).errors[0]?.field).toBe('imageUrls[0]');
    expect(response.results[3]?.result).toBe('created');
    expect(failed(response.results[4]).errors[0]?.field).toBe('externalId');
    expect(failed(response.results[5]).errors[0]?.field).toBe('availability');
    expect(response.results[6]?.result).toBe('created');
    expect(response.counts).toEqual({ created: 2, updated: 0, unchanged: 0, failed: 5 });
    expect(
      sim.control
        .state()
        .products.map((p) => p.externalId)
        .sort(),
    ).toEqual(['dear-product-1', 'dear-product-5', 'dear-product-7']);
  });

  it('frees a code when its product is discontinued', async () => {
    await client.upsertProducts([product(1)]);
    await client.upsertProducts([product(1, { availability: 'discontinued' })]);

    const response = await client.upsertProducts([product(2, { code: 'SKU-00001' })]);

    expect(response.results[0]?.result).toBe('created');
  });

  it('lists products page by page', async () => {
    await client.upsertProducts(Array.from({ length: 25 }, (_, i) => product(i)));

    const pages: number[] = [];
    const seen: string[] = [];
    for await (const page of client.listProducts({ limit: 10 })) {
      pages.push(page.items.length);
      seen.push(...page.items.map((item) => item.externalId));
    }

    expect(pages).toEqual([10, 10, 5]);
    expect(new Set(seen).size).toBe(25);
    expect(seen[0]).toBe('dear-product-0');
  });
});

describe('customer batches', () => {
  it('stores contacts, addresses and the price list key', async () => {
    await client.putPriceList('pl_tier1', { name: 'Tier 1', prices: [] });

    const response = await client.upsertCustomers([customer(1, { priceListKey: 'pl_tier1' })]);

    expect(response.results[0]?.result).toBe('created');
    const stored = sim.control.state().customers[0];
    expect(stored?.priceListKey).toBe('pl_tier1');
    expect(stored?.addresses.map((address) => address.externalId)).toEqual([
      'addr-1-bill',
      'addr-1-ship',
      'addr-1-ship2',
    ]);
    expect(stored?.contacts[0]?.email).toBe('owner1@cafe.example.test');
  });

  it('reports unchanged and updated customers', async () => {
    await client.upsertCustomers([customer(1), customer(2)]);

    const response = await client.upsertCustomers([customer(1), customer(2, { active: false })]);

    expect(response.results.map((result) => result.result)).toEqual(['unchanged', 'updated']);
  });

  it('rejects unknown price lists and repeated address IDs', async () => {
    const twice = customer(2);
    twice.addresses = [
      twice.addresses![0]!,
      { ...twice.addresses![1]!, externalId: 'addr-2-bill' },
    ];

    const response = await client.upsertCustomers([
      customer(1, { priceListKey: 'pl_missing' }),
      twice,
      customer(3, { name: '' }),
      customer(4, { currency: 'nzd' }),
      customer(5),
    ]);

    expect(failed(response.results[0]).errors[0]?.field).toBe('priceListKey');
    expect(failed(response.results[0]).errors[0]?.reason).toContain('pl_missing');
    expect(failed(response.results[1]).errors[0]?.field).toBe('addresses[1].externalId');
    expect(failed(response.results[2]).errors[0]?.field).toBe('name');
    expect(failed(response.results[3]).errors[0]?.field).toBe('currency');
    expect(response.results[4]?.result).toBe('created');
  });

  it('lists customers page by page', async () => {
    await client.upsertCustomers(Array.from({ length: 7 }, (_, i) => customer(i)));

    const seen: string[] = [];
    for await (const page of client.listCustomers({ limit: 3 })) {
      seen.push(...page.items.map((item) => item.externalId));
    }

    expect(seen).toHaveLength(7);
    expect(seen[6]).toBe('dear-customer-6');
  });
});

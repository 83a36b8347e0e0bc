import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DearCustomerRecord } from '../../main/sample/dear-seed.js';
import { expectedPrice } from './expected-prices.js';
import { startHarness, type SyncHarness } from './harness.js';

let h: SyncHarness;

beforeEach(async () => {
  h = await startHarness();
  h.selectAll();
  await h.syncAll();
});

afterEach(async () => {
  await h.close();
});

function listPrice(customerId: string, productId: string): string | undefined {
  const state = h.upstockSim.control.state();
  const key = state.customers.find((c) => c.externalId === customerId)?.priceListKey;
  return state.priceLists
    .find((l) => l.key === key)
    ?.prices.find((p) => p.productExternalId === productId)?.price;
}

function firstSellable() {
  return h.seed.products.find(
    (p) => p.Type !== 'Service' && p.Status === 'Active' && p.Sellable !== false && !p.DiscountRule,
  )!;
}

describe('incremental sync', () => {
  it('picks up a tier price change', async () => {
    const product = firstSellable();
    const wholesale = h.seed.customers.filter(
      (c) => c.PriceTier === 'Wholesale' && c.Status !== 'Deprecated',
    );
    h.dearSim.control.patchProduct(product.ID, { PriceTier2: 123.45 });
    const keysBefore = wholesale.map(
      (c) =>
        h.upstockSim.control.state().customers.find((u) => u.externalId === c.ID)?.priceListKey,
    );

    await h.syncAll();

    const patched = h.dearSim.control.product(product.ID);
    expect(wholesale.length).toBeGreaterThan(0);
    wholesale.forEach((customer, i) => {
      expect(listPrice(customer.ID, product.ID)).toBe(expectedPrice(h.seed, customer, patched));
      expect(
        h.upstockSim.control.state().customers.find((u) => u.externalId === customer.ID)
          ?.priceListKey,
      ).toBe(keysBefore[i]);
    });
  });

  it('discontinues a deprecated product', async () => {
    const product = firstSellable();
    h.dearSim.control.deprecateProduct(product.ID);

    const summaries = await h.syncAll();

    const state = h.upstockSim.control.state();
    expect(state.products.find((p) => p.externalId === product.ID)?.availability).toBe(
      'discontinued',
    );
    for (const list of state.priceLists) {
      expect(list.prices.some((p) => p.productExternalId === product.ID)).toBe(false);
    }
    expect(summaries.find((s) => s.job === 'products')?.counts.products?.updated).toBe(1);
  });

  it('imports a new customer', async () => {
    const template = h.seed.customers.find(
      (c) => c.PriceTier === 'Cafe' && !(c.ProductPrices ?? []).length,
    )!;
    const [added] = h.dearSim.control.addCustomers([
      {
        Name: 'Brand New Cafe',
        PriceTier: 'Cafe',
        Discount: template.Discount,
        Addresses: [
          {
            ID: 'addr-new-1',
            Line1: '1 New Street',
            Country: 'New Zealand',
            Type: 'Shipping',
            DefaultForType: true,
          },
        ],
      } as Partial<DearCustomerRecord>,
    ]);

    const summaries = await h.syncAll();

    const state = h.upstockSim.control.state();
    const sent = state.customers.find((c) => c.externalId === added!.ID);
    expect(sent?.active).toBe(true);
    expect(sent?.addresses.map((a) => a.externalId)).toEqual(['addr-new-1']);
    const templateKey = state.customers.find((c) => c.externalId === template.ID)?.priceListKey;
    expect(sent?.priceListKey).toBe(templateKey);
    expect(summaries.find((s) => s.job === 'customers')?.counts.customers?.created).toBe(1);
  });

  it('deactivates a deprecated customer', async () => {
    const customer = h.seed.customers.find((c) => c.Status === 'Active')!;
    h.dearSim.control.patchCustomer(customer.ID, { Status: 'Deprecated' });

    await h.syncAll();

    const sent = h.upstockSim.control.state().customers.find((c) => c.externalId === customer.ID);
    expect(sent?.active).toBe(false);
    expect(sent?.priceListKey).toBeNull();
  });

  it('moves a customer whose tier changed', async () => {
    const customer = h.seed.customers.find(
      (c) =>
        c.PriceTier === 'Wholesale' && !(c.ProductPrices ?? []).length && c.Status === 'Active',
    )!;
    h.dearSim.control.patchCustomer(customer.ID, { PriceTier: 'Retail', Discount: 0 });

    await h.syncAll();

    const changed = h.dearSim.control.customer(customer.ID);
    const product = firstSellable();
    expect(listPrice(customer.ID, product.ID)).toBe(expectedPrice(h.seed, changed, product));
    const state = h.upstockSim.control.state();
    const used = new Set(state.customers.map((c) => c.priceListKey));
    for (const list of state.priceLists) expect(used.has(list.key), list.name).toBe(true);
  });

  it('reads Cin7 Core once per list when nothing changed', async () => {
    const before = h.dearSim.callCount;
    const summaries = await h.syncAll();

    expect(h.dearSim.callCount - before).toBeLessThanOrEqual(3);
    for (const summary of summaries) expect(summary.status).toBe('succeeded');
  });

  it('notices a product gone from Cin7 Core on a full pass', async () => {
    const gone = firstSellable();
    h.store.catalog.upsertProducts([
      {
        id: 'ghost-product',
        raw: { ...gone, ID: 'ghost-product', SKU: 'GHOST-1' },
        lastModifiedOn: gone.LastModifiedOn,
      },
    ]);
    h.store.selection.select(['ghost-product']);
    await h.syncAll();
    expect(
      h.upstockSim.control.state().products.find((p) => p.externalId === 'ghost-product')
        ?.availability,
    ).toBe('available');

    await h.syncAll('full');

    expect(
      h.upstockSim.control.state().products.find((p) => p.externalId === 'ghost-product')
        ?.availability,
    ).toBe('discontinued');
    expect(h.store.catalog.getProduct('ghost-product')).toBeNull();
  });
});

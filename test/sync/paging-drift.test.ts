import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectedPrice } from './expected-prices.js';
import { startHarness, type SyncHarness } from './harness.js';

let h: SyncHarness;

beforeEach(async () => {
  h = await startHarness({ pageSize: 10 });
  h.selectAll();
});

afterEach(async () => {
  await h.close();
});

/** Returns the raw records of the first product page, as the sync will see them. */
async function firstPage(): Promise<Record<string, unknown>[]> {
  for await (const page of h.dear.listProducts({ pageSize: 10, includeDeprecated: true })) {
    return page.records as Record<string, unknown>[];
  }
  return [];
}

describe('pagination drift', () => {
  it('never misses a product changed while paging', async () => {
    const page = await firstPage();
    const moved = page.find(
      (p) =>
        p.Type !== 'Service' && p.Status === 'Active' && p.Sellable !== false && !p.DiscountRule,
    )!;
    // Editing a product on page 1 moves it to the end of the list, so every later row shifts
    // one place forward and the row that opened page 2 would be skipped.
    h.dearSim.control.onPage('product', 1, [
      { op: 'patch-product', id: String(moved.ID), changes: { PriceTier1: 77.7 } },
    ]);

    const summaries = await h.syncAll();

    const products = summaries.find((s) => s.job === 'products')!;
    expect(products.status).toBe('succeeded');
    const state = h.upstockSim.control.state();
    const nonServices = h.seed.products.filter((p) => p.Type !== 'Service');
    expect(state.products.map((p) => p.externalId).sort()).toEqual(
      nonServices.map((p) => p.ID).sort(),
    );

    const retail = h.seed.customers.find(
      (c) => c.PriceTier === 'Retail' && !c.Discount && !(c.ProductPrices ?? []).length,
    )!;
    const key = state.customers.find((c) => c.externalId === retail.ID)?.priceListKey;
    const price = state.priceLists
      .find((l) => l.key === key)
      ?.prices.find((p) => p.productExternalId === moved.ID)?.price;
    expect(price).toBe(expectedPrice(h.seed, retail, h.dearSim.control.product(String(moved.ID))));
    expect(price).toBe('77.7000');
  });

  it('reads the list again when Total changes', async () => {
    h.dearSim.control.onPage('product', 2, [
      { op: 'add-product', product: { SKU: 'LATE-ARRIVAL', Name: 'Late arrival', PriceTier1: 5 } },
    ]);
    const before = h.dearSim.control.calls().filter((c) => c.path === 'product').length;

    await h.syncAll();

    const productCalls =
      h.dearSim.control.calls().filter((c) => c.path === 'product').length - before;
    const pages = Math.ceil(h.seed.products.length / 10);
    expect(productCalls).toBeGreaterThan(pages);
    const late = h.dearSim.control.product('LATE-ARRIVAL');
    expect(h.store.catalog.getProduct(late.ID)).not.toBeNull();
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SimSnapshot } from '../../main/simulators/upstock/control.js';
import { carriedProducts, expectedPrice } from './expected-prices.js';
import { startHarness, type SyncHarness } from './harness.js';

let h: SyncHarness;

beforeEach(async () => {
  h = await startHarness();
  h.selectAll();
});

afterEach(async () => {
  await h.close();
});

function priceOf(state: SimSnapshot, customerId: string, productId: string): string | undefined {
  const customer = state.customers.find((c) => c.externalId === customerId);
  const list = state.priceLists.find((l) => l.key === customer?.priceListKey);
  return list?.prices.find((p) => p.productExternalId === productId)?.price;
}

describe('full import of the sample merchant', () => {
  it('gives every customer the Cin7 Core price', async () => {
    const summaries = await h.syncAll();
    for (const summary of summaries)
      expect(summary.error, `${summary.job}: ${summary.error}`).toBeNull();

    const state = h.upstockSim.control.state();
    const active = h.seed.customers.filter((c) => c.Status !== 'Deprecated');
    const carried = carriedProducts(h.seed);
    expect(carried.length).toBeGreaterThan(40);
    for (const customer of active) {
      for (const product of carried) {
        expect(priceOf(state, customer.ID, product.ID), `${customer.Name} / ${product.SKU}`).toBe(
          expectedPrice(h.seed, customer, product),
        );
      }
    }
    expect(state.priceLists.length).toBeLessThan(active.length);
    for (const list of state.priceLists) expect(list.prices).toHaveLength(carried.length);
  });

  it('imports products without services', async () => {
    await h.syncAll();
    const state = h.upstockSim.control.state();
    const nonServices = h.seed.products.filter((p) => p.Type !== 'Service');

    expect(state.products.map((p) => p.externalId).sort()).toEqual(
      nonServices.map((p) => p.ID).sort(),
    );
    for (const product of nonServices) {
      const sent = state.products.find((p) => p.externalId === product.ID)!;
      const discontinued = product.Status === 'Deprecated' || product.Sellable === false;
      expect(sent.availability, product.SKU).toBe(discontinued ? 'discontinued' : 'available');
      expect(sent.code).toBe(product.SKU);
    }
  });

  it('imports active customers with addresses', async () => {
    await h.syncAll();
    const state = h.upstockSim.control.state();
    const active = h.seed.customers.filter((c) => c.Status !== 'Deprecated');

    expect(state.customers.map((c) => c.externalId).sort()).toEqual(active.map((c) => c.ID).sort());
    for (const customer of active) {
      const sent = state.customers.find((c) => c.externalId === customer.ID)!;
      expect(sent.active).toBe(true);
      expect(sent.addresses.map((a) => a.externalId).sort()).toEqual(
        customer.Addresses.map((a) => a.ID).sort(),
      );
      expect(sent.priceListKey).not.toBeNull();
    }
  });

  it('reports unrepresentable rules', async () => {
    const summaries = await h.syncAll();
    const prices = summaries.find((s) => s.job === 'prices')!;
    const kinds = prices.unrepresentable.map((rule) => `${rule.kind}:${rule.ruleName}`);

    expect(kinds).toContain('quantity-discount:Bean volume breaks');
    expect(kinds).toContain('free-shipping:Free freight over $500');
    expect(kinds).not.toContain('free-shipping:Summer promo (ended)');
    const breaks = prices.unrepresentable.find((rule) => rule.ruleName === 'Bean volume breaks')!;
    const usingBreaks = h.seed.products.filter(
      (p) => p.DiscountRule === 'Bean volume breaks' && p.Status !== 'Deprecated',
    );
    expect(breaks.affected).toBe(usingBreaks.length);
  });

  it('sends nothing on a second run', async () => {
    await h.syncAll();
    const callsBefore = h.upstockSim.control.calls().length;
    const dearBefore = h.dearSim.callCount;

    const summaries = await h.syncAll();

    for (const summary of summaries) {
      for (const [entity, counts] of Object.entries(summary.counts)) {
        expect(counts.created, `${summary.job} ${entity}`).toBe(0);
        expect(counts.updated, `${summary.job} ${entity}`).toBe(0);
      }
    }
    expect(h.upstockSim.control.calls().length).toBe(callsBefore);
    expect(h.dearSim.callCount - dearBefore).toBeLessThanOrEqual(3);
    expect(summaries.reduce((sum, s) => sum + s.apiCalls.dear, 0)).toBeLessThanOrEqual(3);
  });
});

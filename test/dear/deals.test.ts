import { afterEach, describe, expect, it } from 'vitest';
import { parseDeal } from '../../main/dear/parse.js';
import type { DearDealRecord } from '../../main/sample/dear-seed.js';
import { sampleSeed } from '../../main/sample/sample-merchant.js';
import type { DealsEnvelope, DearSimulator } from '../../main/simulators/dear/server.js';
import {
  clientFor,
  startCannedServer,
  startSampleSimulator,
  type CannedServer,
} from './helpers.js';

const seed = sampleSeed();

/** The sample deals plus numbered copies, `count` in all. */
function dealsOf(count: number): DearDealRecord[] {
  const base = seed.deals ?? [];
  return Array.from({ length: count }, (_, i) => {
    const template = base[i % base.length]!;
    return {
      ...template,
      ID: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      Name: `Deal ${i + 1}`,
    };
  });
}

let sim: DearSimulator | null = null;
let canned: CannedServer | null = null;

afterEach(async () => {
  await sim?.close();
  await canned?.close();
  sim = null;
  canned = null;
});

async function dealPages(count: number, envelope: DealsEnvelope, pageSize: number) {
  sim = await startSampleSimulator({
    seed: { ...seed, deals: dealsOf(count) },
    dealsEnvelope: envelope,
  });
  const client = clientFor(sim.url, { pageSize });
  const deals = await client.deals();
  const queries = sim.control
    .calls()
    .filter((call) => call.path === 'reference/deals')
    .map((call) => new URLSearchParams(call.query));
  return { deals, queries };
}

describe('DearClient.deals', () => {
  it('pages without Total and stops on a short page', async () => {
    const { deals, queries } = await dealPages(60, 'deals-only', 25);
    expect(deals.map((deal) => (deal as DearDealRecord).Name)).toEqual(
      dealsOf(60).map((deal) => deal.Name),
    );
    expect(queries.map((query) => query.get('Page'))).toEqual(['1', '2', '3']);
    expect(queries.every((query) => query.get('Limit') === '25')).toBe(true);
  });

  it('asks for one more page when the last page without Total is full', async () => {
    const { deals, queries } = await dealPages(50, 'deals-only', 25);
    expect(deals).toHaveLength(50);
    // Without Total, only the empty third page proves the list has ended.
    expect(queries.map((query) => query.get('Page'))).toEqual(['1', '2', '3']);
  });

  it('stops at Total when the response carries it', async () => {
    const { deals, queries } = await dealPages(50, 'with-total', 25);
    expect(deals).toHaveLength(50);
    expect(queries.map((query) => query.get('Page'))).toEqual(['1', '2']);
  });

  it('reads the sample deals in one call at the default page size', async () => {
    sim = await startSampleSimulator();
    const client = clientFor(sim.url);
    const deals = await client.deals();
    expect(deals).toHaveLength(seed.deals!.length);
    expect(client.stats.calls).toBe(1);
  });

  it('treats a bare list and a missing Deals key like the documented envelope', async () => {
    const pages = [[{ ID: 'a', Name: 'A' }], { Other: [] }];
    canned = await startCannedServer((url) => {
      const page = Number(url.searchParams.get('Page'));
      return { status: 200, body: JSON.stringify(pages[page - 1] ?? []) };
    });
    const client = clientFor(canned.url, { pageSize: 1 });
    expect(await client.deals()).toEqual([{ ID: 'a', Name: 'A' }]);
    expect(canned.requests.map((request) => request.url.searchParams.get('Page'))).toEqual([
      '1',
      '2',
    ]);
  });
});

describe('parseDeal', () => {
  it('parses every sample deal', () => {
    for (const raw of seed.deals ?? []) {
      const parsed = parseDeal(raw);
      expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
    }
  });

  it('reads groups, customers, tags, dates and discount scopes', () => {
    const byName = new Map(
      (seed.deals ?? []).map((raw) => {
        const parsed = parseDeal(raw);
        if (!parsed.ok) throw new Error(parsed.reason);
        return [parsed.value.name, parsed.value];
      }),
    );
    const coupon = byName.get('Trade coupon HARBOUR5')!;
    expect(coupon.customersGroup).toBe('B2B');
    expect(coupon.allowCoupons).toBe(true);
    expect(coupon.dateFrom?.toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(coupon.dateTo).toBeNull();
    expect(coupon.discounts[0]).toMatchObject({ discountType: 'Simple', isOrderLevel: true });

    const partners = byName.get('Cafe partners: milk alternatives')!;
    expect(partners.customersGroup).toBe('Specified');
    expect(partners.customers.map((entry) => entry.customerName)).toContain('Corner Cafe Ltd');
    expect(partners.discounts[0]?.discountType).toBe('QuantityBased');
    expect(partners.discounts[0]?.scopes).toEqual([
      expect.objectContaining({ kind: 'category', name: 'Milk Alternatives', side: 'Buy' }),
      expect.objectContaining({ kind: 'category', name: 'Milk Alternatives', side: 'Get' }),
    ]);

    const hospitality = byName.get('Hotels and restaurants: syrups')!;
    expect(hospitality.customerTags).toEqual(['hotel', 'restaurant']);
    expect(hospitality.discounts[0]?.scopes.map((scope) => [scope.kind, scope.name])).toEqual([
      ['product', 'SYR-VAN-750'],
      ['product', 'SYR-CAR-750'],
      ['product', 'SYR-HAZ-750'],
    ]);
    expect(byName.get('Staff coupon (paused)')?.isActive).toBe(false);
  });

  it('reads a minimal deal with defaults', () => {
    const parsed = parseDeal({ ID: 'd1', Name: 'Bare deal' });
    expect(parsed).toMatchObject({
      ok: true,
      value: {
        isActive: true,
        allowCoupons: false,
        customersGroup: 'All',
        customers: [],
        customerTags: [],
        discounts: [],
        dateFrom: null,
        dateTo: null,
      },
    });
  });

  it('names the field of a malformed deal', () => {
    expect(parseDeal({ Name: 'No ID' })).toMatchObject({ ok: false, field: 'ID' });
    expect(parseDeal({ ID: 'd2', Name: 'Bad date', DateTo: '31/12/2025' })).toMatchObject({
      ok: false,
      recordId: 'd2',
      label: 'Bad date',
      field: 'DateTo',
    });
    const emptyScope = parseDeal({
      ID: 'd3',
      Name: 'Empty scope',
      DealDiscounts: [{ DiscountType: 'Simple', DealDiscountBrands: [{ Type: 'Get' }] }],
    });
    expect(emptyScope).toMatchObject({
      ok: false,
      field: 'DealDiscounts[0].DealDiscountBrands[0]',
    });
    expect(
      parseDeal({ ID: 'd4', Name: 'No customer ID', DealCustomers: [{ CustomerName: 'X' }] }),
    ).toMatchObject({ ok: false, field: 'DealCustomers[0].CustomerID' });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary, UnrepresentableRule } from '../../shared/sync.js';
import { parseMe } from '../../main/dear/parse.js';
import type { DearSeed } from '../../main/sample/dear-seed.js';
import { sampleSeed } from '../../main/sample/sample-merchant.js';
import { DEALS_ENTRY, saveReference } from '../../main/sync/reference-cache.js';
import { startHarness, type SyncHarness } from './harness.js';

let h: SyncHarness | null = null;

afterEach(async () => {
  await h?.close();
  h = null;
});

/** Active customers of the seed, as the prices run sees them. */
function activeCustomers(seed: DearSeed) {
  return seed.customers.filter((customer) => customer.Status !== 'Deprecated');
}

/**
 * The deal entries a prices run should report for the sample merchant, worked out from the
 * seed records: B2B deals touch every active customer, listed deals the active listed ones,
 * tag deals the active customers carrying one of the tags.
 */
function expectedDeals(seed: DearSeed): Array<[string, number]> {
  const active = activeCustomers(seed);
  const activeIds = new Set(active.map((customer) => customer.ID));
  const tagsOf = (tags: unknown) =>
    String(tags ?? '')
      .split(',')
      .map((tag) => tag.trim().toLowerCase());
  return [
    ['Cafe partners: milk alternatives', 'Specified'],
    ['Hotels and restaurants: syrups', 'CustomerTags'],
    ['Trade coupon HARBOUR5', 'B2B'],
  ].map(([name, group]) => {
    const deal = seed.deals!.find((candidate) => candidate.Name === name)!;
    expect(deal.CustomersGroup).toBe(group);
    if (group === 'B2B') return [name!, active.length];
    if (group === 'Specified') {
      const listed = (deal.DealCustomers ?? []).map((entry) => String(entry.CustomerID));
      return [name!, listed.filter((id) => activeIds.has(id)).length];
    }
    const wanted = (deal.DealCustomerTags ?? []).map((tag) => String(tag.TagName).toLowerCase());
    return [name!, active.filter((c) => tagsOf(c.Tags).some((t) => wanted.includes(t))).length];
  });
}

function dealEntries(run: RunSummary | undefined): UnrepresentableRule[] {
  return (run?.unrepresentable ?? []).filter((rule) => rule.kind === 'deal');
}

function pricesRun(summaries: RunSummary[]): RunSummary | undefined {
  return summaries.find((summary) => summary.job === 'prices');
}

function dealCalls(harness: SyncHarness): number {
  return harness.dearSim.control.calls().filter((call) => call.path === 'reference/deals').length;
}

/** Caches the sample's reference books as an agent from before deals would have. */
function saveLegacyReference(harness: SyncHarness): void {
  const seed = harness.seed;
  const me = parseMe(seed.me);
  if (!me.ok) throw new Error(me.reason);
  saveReference(harness.store.catalog, {
    me: me.value,
    priceTiers: seed.priceTiers,
    taxRules: seed.taxRules,
    locations: seed.locations,
    discountRules: seed.discountRules,
    carriers: seed.carriers ?? [],
    companyContacts: seed.companyContacts ?? [],
  });
}

describe('deals in the prices run', () => {
  it('reports each active, current deal of the sample merchant with its customer count', async () => {
    h = await startHarness();
    h.selectAll();
    const prices = pricesRun(await h.syncAll('full'));

    const reported = dealEntries(prices).map((rule) => [rule.ruleName, rule.affected]);
    expect(reported).toEqual(expectedDeals(h.seed));
    // The sample's own figures: 24 active customers, 3 of 4 listed partners still active,
    // 3 customers tagged hotel or restaurant.
    expect(reported).toEqual([
      ['Cafe partners: milk alternatives', 3],
      ['Hotels and restaurants: syrups', 3],
      ['Trade coupon HARBOUR5', 24],
    ]);
    const names = dealEntries(prices).map((rule) => rule.ruleName);
    expect(names).not.toContain('Winter 2024 tea promotion');
    expect(names).not.toContain('Staff coupon (paused)');
    expect(dealEntries(prices)[2]?.detail).toMatch(/Coupon deal for B2B customers/);
    expect(prices?.status).toBe('succeeded');
    expect(h.store.runs.get(prices!.id)?.unrepresentable).toEqual(prices?.unrepresentable);
  });

  it('reads deals over several pages whether or not the envelope has a Total', async () => {
    for (const envelope of ['deals-only', 'with-total'] as const) {
      h = await startHarness({ pageSize: 2 });
      h.dearSim.control.setDealsEnvelope(envelope);
      h.selectAll();
      const prices = pricesRun(await h.syncAll('full'));

      expect(dealEntries(prices).map((rule) => [rule.ruleName, rule.affected])).toEqual(
        expectedDeals(h.seed),
      );
      // Five deals at two per page: three pages either way (the last one is short).
      expect(dealCalls(h), envelope).toBe(3);
      await h.close();
      h = null;
    }
  });

  it('reads deals with the slower reference refresh, not every cycle', async () => {
    h = await startHarness();
    h.selectAll();
    await h.syncAll('full');
    const afterFull = dealCalls(h);
    const before = h.dearSim.callCount;

    const prices = pricesRun(await h.syncAll());

    expect(dealCalls(h)).toBe(afterFull);
    expect(h.dearSim.callCount - before).toBeLessThanOrEqual(3);
    expect(dealEntries(prices)).toHaveLength(3);
  });

  it('follows a deal switched off in Cin7 Core at the next reference refresh', async () => {
    h = await startHarness();
    h.selectAll();
    await h.syncAll('full');
    const coupon = h.seed.deals!.find((deal) => deal.Name === 'Trade coupon HARBOUR5')!;
    h.dearSim.control.patchDeal(coupon.ID, { IsActive: false });

    const prices = pricesRun(await h.syncAll('full'));
    expect(dealEntries(prices).map((rule) => rule.ruleName)).toEqual([
      'Cafe partners: milk alternatives',
      'Hotels and restaurants: syrups',
    ]);
  });

  it('reads deals once when the cached reference data predates them', async () => {
    h = await startHarness();
    h.selectAll();
    saveLegacyReference(h);
    expect(h.store.catalog.getReference(DEALS_ENTRY)).toBeNull();

    await h.runner.run('products', { trigger: 'manual', mode: 'full' });
    await h.runner.run('customers', { trigger: 'manual', mode: 'full' });
    const prices = await h.runner.run('prices', { trigger: 'manual', mode: 'incremental' });

    expect(dealCalls(h)).toBe(1);
    expect(dealEntries(prices)).toHaveLength(3);
    expect(h.store.catalog.getReference(DEALS_ENTRY)?.raw).toHaveLength(5);
  });

  it('refreshes a young reference cache that has no deals', async () => {
    h = await startHarness();
    saveLegacyReference(h);

    const run = await h.runner.run('reference', { trigger: 'manual', mode: 'incremental' });

    expect(run.counts.reference?.updated).toBe(1);
    expect(dealCalls(h)).toBe(1);
    const again = await h.runner.run('reference', { trigger: 'manual', mode: 'incremental' });
    expect(again.counts.reference?.skipped).toBe(1);
    expect(dealCalls(h)).toBe(1);
  });

  it('reports a deal that cannot be read instead of leaving it out', async () => {
    const seed = sampleSeed();
    seed.deals![0]!.DateTo = '31/12/2099';
    h = await startHarness({ seed });
    h.selectAll();
    const prices = pricesRun(await h.syncAll('full'));

    expect(prices?.failures).toContainEqual(
      expect.objectContaining({
        entity: 'reference',
        recordId: seed.deals![0]!.ID,
        label: 'deals',
        field: 'DateTo',
      }),
    );
    expect(dealEntries(prices).map((rule) => rule.ruleName)).not.toContain(seed.deals![0]!.Name);
    expect(dealEntries(prices)).toHaveLength(2);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DearProductRecord } from '../../main/sample/dear-seed.js';
import { startHarness, type SyncHarness } from './harness.js';

let h: SyncHarness;

beforeEach(async () => {
  h = await startHarness();
});

afterEach(async () => {
  await h.close();
});

/** Adds a product through the control API and returns the simulator's own record. */
function addProduct(fields: Partial<DearProductRecord>): DearProductRecord {
  const [added] = h.dearSim.control.addProducts([{ PriceTier1: 10, PriceTier2: 8, ...fields }]);
  return h.dearSim.control.product(added!.ID);
}

describe('malformed products', () => {
  it('are reported while the rest import', async () => {
    const missingId = addProduct({ SKU: 'BAD-NO-ID', Name: 'No ID' });
    const wrongTypes = addProduct({ SKU: 'BAD-TYPES', Name: 'Wrong types' });
    const unknownTier = addProduct({ SKU: 'BAD-TIER', Name: 'Unknown tier' });
    const longName = addProduct({ SKU: 'BAD-LONG', Name: 'x'.repeat(5_000) });
    const fancy = addProduct({
      SKU: 'OK-FANCY',
      Name: 'Caf\u00e9 \u2615 <b>Bold</b> Blend \u{1F389}',
      Description: '<p>Rich &amp; <em>smooth</em></p>\n<ul><li>\u{1F331} organic</li></ul>',
    });
    // The control API keeps IDs and tier prices consistent, so break these records in place.
    const noIdKey = missingId.ID;
    (missingId as Record<string, unknown>).ID = '';
    Object.assign(wrongTypes, { PriceTier1: 'ten dollars', Sellable: 'sometimes' });
    for (let code = 1; code <= 10; code += 1)
      delete (unknownTier as Record<string, unknown>)[`PriceTier${code}`];
    unknownTier.PriceTiers = { Platinum: 12 };
    h.selectAll();
    h.store.selection.select([wrongTypes.ID, unknownTier.ID, longName.ID, fancy.ID]);

    const summaries = await h.syncAll();

    const products = summaries.find((s) => s.job === 'products')!;
    const byRecord = new Map(products.failures.map((f) => [f.recordId, f]));
    expect(products.status).toBe('partial');
    expect([...byRecord.keys()].some((id) => id.startsWith('(missing ID)'))).toBe(true);
    expect(byRecord.get(wrongTypes.ID)?.field).toMatch(/PriceTier1|Sellable/);
    expect(byRecord.get(unknownTier.ID)?.field).toBe('PriceTiers.Platinum');
    expect(byRecord.get(longName.ID)?.field).toBe('Name');
    for (const failure of products.failures) expect(failure.reason.length).toBeGreaterThan(10);
    expect(products.counts.products?.failed).toBe(4);

    const state = h.upstockSim.control.state();
    const sent = state.products.find((p) => p.externalId === fancy.ID);
    expect(sent?.name).toBe(fancy.Name);
    expect(sent?.description).toBe(fancy.Description);
    const good = h.seed.products.filter((p) => p.Type !== 'Service');
    for (const product of good)
      expect(
        state.products.some((p) => p.externalId === product.ID),
        product.SKU,
      ).toBe(true);
    for (const bad of [noIdKey, wrongTypes.ID, unknownTier.ID, longName.ID]) {
      expect(state.products.some((p) => p.externalId === bad)).toBe(false);
    }
    expect(summaries.find((s) => s.job === 'prices')?.status).toBe('succeeded');
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DearSimulator } from '../../../main/simulators/dear/server.js';
import { parseDearTicks } from '../../../main/simulators/dear/dear-time.js';
import { sampleSeed } from '../../../main/sample/sample-merchant.js';
import { callApi, readAllPages, startSampleSimulator } from './sim-client.js';

interface ProductRow {
  ID: string;
  SKU: string;
  Name: string;
  Status: string;
  LastModifiedOn: string;
  PriceTier2: number;
  PriceTiers: Record<string, number>;
  Attachments?: unknown[];
  CustomPrices?: Array<{
    CustomerID: string;
    CustomerName: string;
    CustomerCurrency: string;
    Price: number;
  }>;
}

const seed = sampleSeed();
const activeProducts = seed.products.filter((product) => product.Status !== 'Deprecated');

describe('Cin7 Core simulator catalog endpoints', () => {
  let sim: DearSimulator;

  beforeAll(async () => {
    sim = await startSampleSimulator();
  });
  afterEach(() => sim.control.reset());
  afterAll(() => sim.close());

  it('pages products until the stop rule ends', async () => {
    const { rows, pages } = await readAllPages<ProductRow>(sim, 'product', 'Products', 10);
    expect(pages).toBe(Math.ceil(activeProducts.length / 10));
    expect(new Set(rows.map((row) => row.ID)).size).toBe(activeProducts.length);
  });

  it('reports Total and Page in the envelope', async () => {
    const answer = await callApi<{ Total: number; Page: number; Products: ProductRow[] }>(
      sim,
      'GET',
      'product?Page=2&Limit=5',
    );
    expect(answer.status).toBe(200);
    expect(answer.body.Total).toBe(activeProducts.length);
    expect(answer.body.Page).toBe(2);
    expect(answer.body.Products).toHaveLength(5);
  });

  it('returns an empty page past the end', async () => {
    const answer = await callApi<{ Products: ProductRow[] }>(
      sim,
      'GET',
      'product?Page=99&Limit=100',
    );
    expect(answer.status).toBe(200);
    expect(answer.body.Products).toEqual([]);
  });

  it('rejects Limit outside 1..1000', async () => {
    for (const limit of ['0', '1001', 'abc']) {
      const answer = await callApi<Array<{ ErrorCode: number; Exception: string }>>(
        sim,
        'GET',
        `product?Limit=${limit}`,
      );
      expect(answer.status).toBe(400);
      expect(answer.body[0]?.ErrorCode).toBe(400);
    }
  });

  it('hides deprecated products by default', async () => {
    const hidden = await readAllPages<ProductRow>(sim, 'product', 'Products', 100);
    expect(hidden.rows.some((row) => row.Status === 'Deprecated')).toBe(false);
    const all = await readAllPages<ProductRow>(
      sim,
      'product?IncludeDeprecated=true',
      'Products',
      100,
    );
    expect(all.rows.filter((row) => row.Status === 'Deprecated')).toHaveLength(2);
    expect(all.rows).toHaveLength(seed.products.length);
  });

  it('filters products by ModifiedSince inclusively', async () => {
    const sorted = [...activeProducts].sort((a, b) =>
      Number((parseDearTicks(a.LastModifiedOn) ?? 0n) - (parseDearTicks(b.LastModifiedOn) ?? 0n)),
    );
    const pivot = sorted[40];
    if (!pivot) throw new Error('sample seed has too few products');
    const since = pivot.LastModifiedOn.replace(/Z$/, '');
    const { rows } = await readAllPages<ProductRow>(
      sim,
      `product?ModifiedSince=${since}`,
      'Products',
      100,
    );
    const pivotTicks = parseDearTicks(pivot.LastModifiedOn) ?? 0n;
    const expected = activeProducts.filter(
      (product) => (parseDearTicks(product.LastModifiedOn) ?? 0n) >= pivotTicks,
    );
    expect(rows.map((row) => row.ID).sort()).toEqual(expected.map((product) => product.ID).sort());
    expect(rows.some((row) => row.ID === pivot.ID)).toBe(true);
  });

  it('rejects an unparseable ModifiedSince', async () => {
    const answer = await callApi(sim, 'GET', 'product?ModifiedSince=yesterday');
    expect(answer.status).toBe(400);
  });

  it('orders rows by LastModifiedOn by default', async () => {
    const { rows } = await readAllPages<ProductRow>(sim, 'product', 'Products', 100);
    const ticks = rows.map((row) => parseDearTicks(row.LastModifiedOn) ?? 0n);
    for (let i = 1; i < ticks.length; i++)
      expect((ticks[i] ?? 0n) >= (ticks[i - 1] ?? 0n)).toBe(true);
  });

  it('serves timestamps with varying fraction digits', async () => {
    const { rows } = await readAllPages<ProductRow>(
      sim,
      'product?IncludeDeprecated=true',
      'Products',
      100,
    );
    const lengths = new Set(
      rows.map((row) => (/\.(\d+)Z$/.exec(row.LastModifiedOn)?.[1] ?? '').length),
    );
    expect(rows.every((row) => row.LastModifiedOn.endsWith('Z'))).toBe(true);
    expect(lengths.size).toBeGreaterThanOrEqual(6);
  });

  it('accepts any case in paths and parameter names', async () => {
    const answer = await callApi<{ Products: ProductRow[] }>(
      sim,
      'GET',
      '../../externalapi/v2/Product?sku=cof-house&LIMIT=5',
    );
    expect(answer.status).toBe(200);
    expect(answer.body.Products.map((row) => row.SKU).sort()).toEqual([
      'COF-HOUSE-1KG',
      'COF-HOUSE-250G',
      'COF-HOUSE-GRD-500G',
    ]);
  });

  it('adds attachments and custom prices only on request', async () => {
    const plain = await callApi<{ Products: ProductRow[] }>(
      sim,
      'GET',
      'product?Sku=COF-HOUSE-1KG&Limit=1',
    );
    expect(plain.body.Products[0]?.Attachments).toBeUndefined();
    expect(plain.body.Products[0]?.CustomPrices).toBeUndefined();
    const full = await callApi<{ Products: ProductRow[] }>(
      sim,
      'GET',
      'product?Sku=COF-HOUSE-1KG&Limit=1&IncludeAttachments=true&IncludeCustomPrices=true',
    );
    const product = full.body.Products[0];
    expect(product?.Attachments).toHaveLength(2);
    const cornerCafe = product?.CustomPrices?.find(
      (price) => price.CustomerName === 'Corner Cafe Ltd',
    );
    expect(cornerCafe).toMatchObject({ CustomerCurrency: 'NZD', Price: 29.5 });
    expect(typeof cornerCafe?.CustomerID).toBe('string');
  });

  it('keeps tier names and positional tiers equal', async () => {
    const answer = await callApi<{ Products: ProductRow[] }>(
      sim,
      'GET',
      'product?Sku=COF-ESPR-1KG',
    );
    const product = answer.body.Products[0];
    expect(product?.PriceTiers.Wholesale).toBe(product?.PriceTier2);
    expect(Object.keys(product?.PriceTiers ?? {})).toContain('Distributor');
  });

  it('serves customers with product prices on request', async () => {
    const { rows } = await readAllPages<{
      Name: string;
      Status: string;
      ProductPrices?: unknown[];
    }>(sim, 'customer?IncludeProductPrices=true', 'CustomerList', 7);
    expect(rows).toHaveLength(seed.customers.length - 1);
    const corner = rows.find((row) => row.Name === 'Corner Cafe Ltd');
    expect(corner?.ProductPrices).toHaveLength(2);
    const plain = await callApi<{ CustomerList: Array<{ ProductPrices?: unknown }> }>(
      sim,
      'GET',
      'customer?Name=Corner',
    );
    expect(plain.body.CustomerList).toHaveLength(1);
    expect(plain.body.CustomerList[0]?.ProductPrices).toBeUndefined();
  });

  it('includes the deprecated customer on request', async () => {
    const { rows } = await readAllPages<{ Status: string }>(
      sim,
      'customer?IncludeDeprecated=true',
      'CustomerList',
      100,
    );
    expect(rows.filter((row) => row.Status === 'Deprecated')).toHaveLength(1);
  });

  it('serves price tier names', async () => {
    const tiers = await callApi<{ PriceTiers: Array<{ Code: number; Name: string }> }>(
      sim,
      'GET',
      'ref/priceTier',
    );
    expect(tiers.body.PriceTiers.slice(0, 3).map((tier) => tier.Name)).toEqual([
      'Retail',
      'Wholesale',
      'Cafe',
    ]);
  });

  it('filters tax rules by IsActive', async () => {
    const taxes = await callApi<{
      Total: number;
      TaxRuleList: Array<{ Name: string; IsActive: boolean }>;
    }>(sim, 'GET', 'ref/tax?IsActive=true');
    expect(taxes.body.TaxRuleList.some((rule) => rule.Name === 'GST on Income')).toBe(true);
    expect(taxes.body.TaxRuleList.every((rule) => rule.IsActive)).toBe(true);
    expect(taxes.body.Total).toBe(seed.taxRules.filter((rule) => rule.IsActive).length);
  });

  it('serves locations and carriers', async () => {
    const locations = await callApi<{ LocationList: unknown[] }>(sim, 'GET', 'ref/location');
    expect(locations.body.LocationList).toHaveLength(2);

    const carriers = await callApi<{ CarrierList: Array<{ Description: string }> }>(
      sim,
      'GET',
      'ref/carrier',
    );
    expect(carriers.body.CarrierList.map((carrier) => carrier.Description)).toContain(
      'NZ Couriers',
    );
  });

  it('serves discount rules of each type', async () => {
    const discounts = await callApi<{ Total: number; DiscountRules: Array<{ Type: string }> }>(
      sim,
      'GET',
      'reference/discount',
    );
    expect(new Set(discounts.body.DiscountRules.map((rule) => rule.Type))).toEqual(
      new Set(['Simple', 'QuantityBased', 'FreeShipping']),
    );
  });

  it('serves company settings and contacts', async () => {
    const contacts = await callApi<{ MeContactsList: Array<{ Type: string }> }>(
      sim,
      'GET',
      'me/contacts?Type=Sale',
    );
    expect(contacts.body.MeContactsList).toHaveLength(2);

    const me = await callApi<{ Company: string; TaxCalculationMethod: string }>(sim, 'GET', 'me');
    expect(me.body).toMatchObject({
      Company: 'Harbour Roasters Wholesale',
      TaxCalculationMethod: 'Row Total',
    });
  });

  it('answers 404 and 405 for unknown routes and methods', async () => {
    expect((await callApi(sim, 'GET', 'Products')).status).toBe(404);
    expect((await callApi(sim, 'DELETE', 'product')).status).toBe(405);
    expect((await callApi(sim, 'POST', 'ref/tax', {})).status).toBe(405);
  });

  it('shows a control price change with a new stamp', async () => {
    const before = await callApi<{ Products: ProductRow[] }>(
      sim,
      'GET',
      'product?Sku=COF-DECAF-1KG',
    );
    const original = before.body.Products[0];
    if (!original) throw new Error('COF-DECAF-1KG missing');
    sim.control.patchProduct(original.ID, { PriceTier2: 40.25 });
    const after = await callApi<{ Products: ProductRow[] }>(
      sim,
      'GET',
      `product?ID=${original.ID}`,
    );
    const changed = after.body.Products[0];
    expect(changed?.PriceTier2).toBe(40.25);
    expect(changed?.PriceTiers.Wholesale).toBe(40.25);
    expect(
      (parseDearTicks(changed?.LastModifiedOn ?? '') ?? 0n) >
        (parseDearTicks(original.LastModifiedOn) ?? 0n),
    ).toBe(true);
  });

  it('lets a product change between pages', async () => {
    const first = await callApi<{ Products: ProductRow[] }>(sim, 'GET', 'product?Page=1&Limit=10');
    const moved = first.body.Products[0];
    if (!moved) throw new Error('empty first page');
    const response = await fetch(new URL('page-hooks', sim.controlUrl), {
      method: 'POST',
      body: JSON.stringify({
        endpoint: 'product',
        afterPage: 2,
        actions: [{ op: 'patch-product', id: moved.ID, changes: { Name: 'Renamed while paging' } }],
      }),
    });
    expect(response.status).toBe(200);
    const rows: ProductRow[] = [];
    for (let page = 1; page <= 10; page++) {
      const answer = await callApi<{ Products: ProductRow[]; Total: number }>(
        sim,
        'GET',
        `product?Page=${page}&Limit=10`,
      );
      rows.push(...answer.body.Products);
      if (answer.body.Products.length < 10) break;
    }
    const ids = rows.map((row) => row.ID);
    expect(ids.filter((id) => id === moved.ID)).toHaveLength(2);
    expect(new Set(ids).size).toBe(activeProducts.length - 1);
    expect(rows[rows.length - 1]?.Name).toBe('Renamed while paging');
  });

  it('counts API calls but not control calls', async () => {
    const before = sim.callCount;
    await callApi(sim, 'GET', 'me');
    await fetch(new URL('state', sim.controlUrl));
    expect(sim.callCount).toBe(before + 1);
    const calls = sim.control.calls();
    expect(calls[calls.length - 1]).toMatchObject({ method: 'GET', path: 'me', status: 200 });
  });
});

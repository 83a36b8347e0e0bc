import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { largeSeed } from '../../../main/sample/large-seed.js';
import { loadSeedFile, sampleSeed } from '../../../main/sample/sample-merchant.js';
import { resolveSeed } from '../../../main/sample/seed-option.js';

describe('sample merchant seed', () => {
  const seed = sampleSeed();

  it('describes Harbour Roasters Wholesale', () => {
    expect(seed.me).toMatchObject({
      Company: 'Harbour Roasters Wholesale',
      Currency: 'NZD',
      TimeZone: 'Pacific/Auckland',
      TaxCalculationMethod: 'Row Total',
    });
  });

  it('has the product mix the tests rely on', () => {
    expect(seed.products.length).toBeGreaterThanOrEqual(55);
    const services = seed.products.filter((product) => product.Type === 'Service');
    expect(services.length).toBeGreaterThanOrEqual(3);
    expect(services.map((service) => service.Name)).toContain('Freight');
    expect(seed.products.filter((product) => product.Status === 'Deprecated')).toHaveLength(2);
    expect(seed.products.filter((product) => product.Sellable === false)).toHaveLength(2);
    expect(seed.products.some((product) => (product.Attachments ?? []).length > 0)).toBe(true);
    expect(new Set(seed.products.map((product) => product.SKU)).size).toBe(seed.products.length);
  });

  it('keys tier prices by the custom tier names', () => {
    const product = seed.products[0];
    expect(Object.keys(product?.PriceTiers ?? {})).toEqual(
      seed.priceTiers.map((tier) => tier.Name),
    );
    expect(product?.PriceTiers?.Retail).toBe(product?.PriceTier1);
  });

  it('has the customer mix the tests rely on', () => {
    expect(seed.customers.length).toBeGreaterThanOrEqual(25);
    expect(seed.customers.filter((customer) => customer.Status === 'Deprecated')).toHaveLength(1);
    expect(seed.customers.filter((customer) => customer.Currency === 'AUD')).toHaveLength(1);
    expect(seed.customers.some((customer) => customer.SalesRepresentative === null)).toBe(true);
    expect(
      seed.customers.some(
        (customer) =>
          customer.Addresses.filter((address) => address.Type === 'Shipping').length >= 3,
      ),
    ).toBe(true);
    expect(
      seed.customers.filter((customer) => (customer.ProductPrices ?? []).length > 0).length,
    ).toBeGreaterThanOrEqual(5);
    const productIds = new Set(seed.products.map((product) => product.ID));
    for (const customer of seed.customers) {
      for (const price of customer.ProductPrices ?? [])
        expect(productIds.has(price.ProductID)).toBe(true);
    }
  });

  it('has tax rules and discount rules of each kind', () => {
    expect(seed.taxRules.find((rule) => rule.Name === 'GST on Income')).toMatchObject({
      TaxPercent: 15,
      IsActive: true,
    });
    expect(seed.taxRules.some((rule) => rule.Name === 'Zero Rated')).toBe(true);
    expect(seed.taxRules.some((rule) => !rule.IsActive)).toBe(true);
    const lineTypes = seed.discountRules.flatMap((rule) =>
      rule.DiscountLines.map((line) => line.DiscountType),
    );
    expect(lineTypes).toEqual(
      expect.arrayContaining(['DiscountPercent', 'DiscountAmount', 'PriceOverride']),
    );
    expect(seed.discountRules.some((rule) => rule.Type === 'QuantityBased')).toBe(true);
  });

  it('returns identical data on every call', () => {
    expect(sampleSeed()).toEqual(seed);
  });
});

describe('large merchant seed', () => {
  it('generates the requested counts deterministically', () => {
    const first = largeSeed(2000, 500);
    const second = largeSeed(2000, 500);
    expect(first.products.filter((product) => product.SKU.startsWith('LG-'))).toHaveLength(2000);
    expect(first.customers).toHaveLength(500);
    expect(second).toEqual(first);
    expect(new Set(first.products.map((product) => product.ID)).size).toBe(first.products.length);
    expect(new Set(first.customers.map((customer) => customer.Name)).size).toBe(500);
    expect(
      first.products.some((product) => product.Name === 'Freight' && product.Type === 'Service'),
    ).toBe(true);
  });

  it('gives customer prices to the requested share', () => {
    const seed = largeSeed(100, 200, { customPriceShare: 0.25 });
    expect(
      seed.customers.filter((customer) => (customer.ProductPrices ?? []).length > 0),
    ).toHaveLength(50);
  });

  it('rejects an invalid share', () => {
    expect(() => largeSeed(10, 10, { customPriceShare: 2 })).toThrow(/customPriceShare/);
  });

  it('generates the benchmark size', () => {
    const seed = largeSeed(20_000, 5_000);
    expect(seed.products.length).toBeGreaterThanOrEqual(20_000);
    expect(seed.customers).toHaveLength(5_000);
  });
});

describe('seed option', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dear-seed-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('resolves sample and large specs', async () => {
    expect((await resolveSeed('sample')).me.Company).toBe('Harbour Roasters Wholesale');
    const large = await resolveSeed('large:30x12');
    expect(large.customers).toHaveLength(12);
  });

  it('loads a seed file written from the sample', async () => {
    const path = join(dir, 'seed.json');
    await writeFile(path, JSON.stringify(sampleSeed()));
    const loaded = await resolveSeed(path);
    expect(loaded).toEqual(sampleSeed());
  });

  it('names the invalid field of a seed file', async () => {
    const path = join(dir, 'broken.json');
    const broken = sampleSeed() as unknown as { products: Array<Record<string, unknown>> };
    delete broken.products[3]?.SKU;
    await writeFile(path, JSON.stringify(broken));
    await expect(loadSeedFile(path)).rejects.toThrow(/products\.3\.SKU/);
  });

  it('rejects an unknown spec', async () => {
    await expect(resolveSeed('huge')).rejects.toThrow(/Invalid --seed value "huge"/);
  });
});

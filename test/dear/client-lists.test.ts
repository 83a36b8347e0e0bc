import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collectRecords } from '../../main/dear/paging.js';
import {
  parseCarrier,
  parseCompanyContact,
  parseCustomer,
  parseDiscountRule,
  parseLocation,
  parsePriceTiers,
  parseProduct,
  parseTaxRule,
  tierNamesOf,
} from '../../main/dear/parse.js';
import { sampleSeed } from '../../main/sample/sample-merchant.js';
import type { DearSimulator } from '../../main/simulators/dear/server.js';
import { allPages, clientFor, startSampleSimulator } from './helpers.js';

const seed = sampleSeed();
const activeProducts = seed.products.filter((product) => product.Status !== 'Deprecated');
const activeCustomers = seed.customers.filter((customer) => customer.Status !== 'Deprecated');

let sim: DearSimulator;

beforeAll(async () => {
  sim = await startSampleSimulator();
});

afterAll(async () => {
  await sim.close();
});

beforeEach(() => {
  sim.control.reset();
});

function pageQueries(path: string): URLSearchParams[] {
  return sim.control
    .calls()
    .filter((call) => call.path === path)
    .map((call) => new URLSearchParams(call.query));
}

describe('DearClient lists', () => {
  it('pages products until a short page', async () => {
    const client = clientFor(sim.url, { pageSize: 10 });
    const pages = await allPages(client.listProducts());

    const expectedPages = Math.ceil(activeProducts.length / 10);
    expect(pages).toHaveLength(expectedPages);
    expect(pages.map((page) => page.page)).toEqual(
      Array.from({ length: expectedPages }, (_, index) => index + 1),
    );
    expect(pages.every((page) => page.total === activeProducts.length)).toBe(true);
    expect(pages.flatMap((page) => page.records)).toHaveLength(activeProducts.length);
    expect(pageQueries('product')).toHaveLength(expectedPages);
    expect(client.stats.calls).toBe(expectedPages);
  });

  it('stops when Page times Limit reaches Total', async () => {
    // 5 tax rules at 5 per page: one full page and no request for an empty second page.
    const client = clientFor(sim.url, { pageSize: 5 });
    const rules = await client.taxRules();
    expect(rules).toHaveLength(seed.taxRules.length);
    expect(pageQueries('ref/tax')).toHaveLength(1);
  });

  it('sends Page, Limit and the product filters', async () => {
    const client = clientFor(sim.url);
    const since = new Date('2020-01-01T00:00:00Z');
    await allPages(
      client.listProducts({
        includeDeprecated: true,
        includeAttachments: true,
        modifiedSince: since,
      }),
    );
    const [query] = pageQueries('product');
    expect(query?.get('Page')).toBe('1');
    expect(query?.get('Limit')).toBe('1000');
    expect(query?.get('IncludeDeprecated')).toBe('true');
    expect(query?.get('IncludeAttachments')).toBe('true');
    expect(query?.get('ModifiedSince')).toBe('2020-01-01T00:00:00');
  });

  it('includes deprecated products only on request', async () => {
    const client = clientFor(sim.url);
    const visible = await collectRecords(client.listProducts());
    const all = await collectRecords(client.listProducts({ includeDeprecated: true }));
    expect(visible).toHaveLength(activeProducts.length);
    expect(all).toHaveLength(seed.products.length);
  });

  it('reads only products modified since a date', async () => {
    const client = clientFor(sim.url);
    const [target] = activeProducts;
    const patched = sim.control.patchProduct(target?.ID ?? '', { PriceTier2: 41.25 });
    const since = new Date(new Date(patched.LastModifiedOn).getTime() - 1_000);

    const changed = await collectRecords(client.listProducts({ modifiedSince: since }));
    expect(changed.map((raw) => (raw as { ID: string }).ID)).toEqual([target?.ID]);
  });

  it('parses every listed product and customer', async () => {
    const client = clientFor(sim.url);
    const tiers = parsePriceTiers(await client.priceTiers());
    if (!tiers.ok) throw new Error(tiers.reason);
    const tierNames = tierNamesOf(tiers.value);

    const products = await collectRecords(
      client.listProducts({ includeDeprecated: true, includeAttachments: true }),
    );
    const parsedProducts = products.map((raw) => parseProduct(raw, tierNames));
    expect(parsedProducts.filter((result) => !result.ok)).toEqual([]);

    const customers = await collectRecords(client.listCustomers({ includeProductPrices: true }));
    const parsedCustomers = customers.map(parseCustomer);
    expect(parsedCustomers.filter((result) => !result.ok)).toEqual([]);
    expect(customers).toHaveLength(activeCustomers.length);
    const withPrices = parsedCustomers.filter(
      (result) => result.ok && result.value.productPrices.length > 0,
    );
    expect(withPrices.length).toBeGreaterThan(0);
  });

  it('reports one malformed product and keeps the rest', async () => {
    const [target] = activeProducts;
    sim.control.patchProduct(target?.ID ?? '', { Name: 'N'.repeat(5000) });
    const client = clientFor(sim.url);
    const tierNames = tierNamesOf(
      seed.priceTiers.map((tier) => ({ code: tier.Code, name: tier.Name })),
    );

    const results = (await collectRecords(client.listProducts())).map((raw) =>
      parseProduct(raw, tierNames),
    );
    const failures = results.filter((result) => !result.ok);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ recordId: target?.ID, label: target?.SKU, field: 'Name' });
    expect(results.filter((result) => result.ok)).toHaveLength(activeProducts.length - 1);
  });

  it('reads the company and every reference book', async () => {
    const client = clientFor(sim.url, { pageSize: 2 });
    const me = await client.me();
    expect(me.company).toBe(seed.me.Company);
    expect(me.currency).toBe('NZD');

    const books = [
      [await client.taxRules(), parseTaxRule, seed.taxRules.length],
      [await client.locations(), parseLocation, seed.locations.length],
      [await client.carriers(), parseCarrier, seed.carriers?.length],
      [await client.discountRules(), parseDiscountRule, seed.discountRules.length],
      [await client.companyContacts(), parseCompanyContact, seed.companyContacts?.length],
    ] as const;
    for (const [records, parse, expected] of books) {
      expect(records).toHaveLength(expected ?? -1);
      expect(records.map((raw) => parse(raw)).filter((result) => !result.ok)).toEqual([]);
    }
    // Five discount rules or more at 2 per page need several pages.
    expect(pageQueries('reference/discount').length).toBe(Math.ceil(seed.discountRules.length / 2));
  });
});

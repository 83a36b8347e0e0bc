import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../main/engine.js';
import {
  catalogFacets,
  listCatalogProducts,
  selectCatalogProducts,
  ServiceSelectionError,
} from '../../main/engine/catalog-view.js';
import type { DearProductRecord } from '../../main/sample/dear-seed.js';
import { largeSeed } from '../../main/sample/large-seed.js';
import { SettingsStore } from '../../main/settings/index.js';
import type { Store } from '../../main/store/types.js';

const PRODUCT_COUNT = 20_000;

let dataDir: string;
let engine: Engine;
let store: Store;
let products: DearProductRecord[];
let stock: DearProductRecord[];
let services: DearProductRecord[];

/** Stock products sorted as the Products screen sorts them: SKU, then ID. */
function sortedStock(): DearProductRecord[] {
  return [...stock].sort((a, b) => a.SKU.localeCompare(b.SKU) || a.ID.localeCompare(b.ID));
}

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'uds-catalog-view-'));
  engine = createEngine({ dataDir, settingsStore: new SettingsStore({ cwd: dataDir }) });
  store = engine.store;
  products = largeSeed(PRODUCT_COUNT, 0).products;
  stock = products.filter((product) => product.Type !== 'Service');
  services = products.filter((product) => product.Type === 'Service');
  store.catalog.upsertProducts(
    products.map((product) => ({
      id: product.ID,
      raw: product,
      lastModifiedOn: product.LastModifiedOn,
    })),
  );
});

afterAll(async () => {
  await engine.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('Products screen over 20,000 cached products', () => {
  it('lists all but services across pages', () => {
    expect(services.length).toBeGreaterThan(0);
    expect(stock).toHaveLength(PRODUCT_COUNT);

    const ids: string[] = [];
    let total = -1;
    for (let offset = 0; offset < PRODUCT_COUNT + 1000; offset += 1000) {
      const page = listCatalogProducts(store, { offset, limit: 1000 });
      total = page.total;
      ids.push(...page.products.map((product) => product.id));
      if (page.products.length < 1000) break;
    }

    expect(total).toBe(PRODUCT_COUNT);
    expect(ids).toEqual(sortedStock().map((product) => product.ID));
    const serviceIds = new Set(services.map((service) => service.ID));
    expect(ids.some((id) => serviceIds.has(id))).toBe(false);
  });

  it('filters by search, category, brand, status', () => {
    const target = stock[12_345]!;
    const bySku = listCatalogProducts(store, { search: target.SKU.toLowerCase() });
    expect(bySku.products.map((product) => product.id)).toEqual([target.ID]);
    expect(bySku.products[0]).toMatchObject({
      sku: target.SKU,
      name: target.Name,
      category: target.Category,
      selected: false,
      imported: false,
    });

    const category = 'Tea';
    const brand = 'Kiwi Leaf';
    const expected = stock.filter(
      (product) =>
        product.Category === category && product.Brand === brand && product.Status === 'Deprecated',
    );
    const filtered = listCatalogProducts(store, {
      category,
      brand,
      status: 'Deprecated',
      limit: 1000,
    });
    expect(expected.length).toBeGreaterThan(0);
    expect(filtered.total).toBe(expected.length);
    expect(filtered.products.map((product) => product.id).sort()).toEqual(
      expected.map((product) => product.ID).sort(),
    );

    const freight = listCatalogProducts(store, { search: services[0]!.Name });
    expect(freight.products.map((product) => product.id)).not.toContain(services[0]!.ID);
  });

  it('lists services on request', () => {
    const service = services[0]!;
    const withServices = listCatalogProducts(store, { search: service.SKU, includeServices: true });
    const found = withServices.products.find((product) => product.id === service.ID);
    expect(found?.type).toBe('Service');
    expect(listCatalogProducts(store, { includeServices: true }).total).toBe(products.length);
  });

  it('leaves services out of facets', () => {
    const facets = catalogFacets(store);
    const stockCategories = new Set<string>();
    for (const product of stock)
      if (product.Category) stockCategories.add(String(product.Category));

    expect(facets.categories).toEqual([...stockCategories].sort((a, b) => a.localeCompare(b)));
    expect(facets.statuses).toEqual(['Active', 'Deprecated']);
  });

  it('shows changes on the next page', () => {
    const [first, second, third] = sortedStock();
    listCatalogProducts(store, { limit: 10 });

    expect(engine.selectProducts([first!.ID, second!.ID])).toBe(2);
    expect(
      listCatalogProducts(store, { selected: true, limit: 10 }).products.map((p) => p.id),
    ).toEqual([first!.ID, second!.ID]);

    store.mappings.upsertMany([
      { entity: 'product', dearId: second!.ID, upstockId: 'up-2', contentHash: 'hash-2' },
    ]);
    const imported = listCatalogProducts(store, { imported: true, limit: 10 });
    expect(imported.products.map((p) => p.id)).toEqual([second!.ID]);

    store.catalog.upsertProducts([
      {
        id: third!.ID,
        raw: { ...third, Name: 'Renamed tea tin' },
        lastModifiedOn: third!.LastModifiedOn,
      },
    ]);
    expect(listCatalogProducts(store, { search: 'renamed tea tin' }).products[0]?.id).toBe(
      third!.ID,
    );

    store.catalog.deleteProducts([first!.ID]);
    expect(listCatalogProducts(store, {}).total).toBe(PRODUCT_COUNT - 1);

    engine.deselectProducts([second!.ID]);
    expect(listCatalogProducts(store, { selected: true }).total).toBe(0);
  });

  it('rejects selecting a service', () => {
    const service = services[0]!;
    const product = sortedStock()[100]!;

    expect(() => engine.selectProducts([product.ID, service.ID])).toThrow(ServiceSelectionError);
    expect(() => selectCatalogProducts(store, [service.ID])).toThrow(
      new RegExp(`Product ${service.ID} is a service in Cin7 Core`),
    );
    expect(store.selection.isSelected(product.ID)).toBe(false);
    expect(store.selection.isSelected(service.ID)).toBe(false);
  });

  it('empties the list after a wipe', () => {
    expect(listCatalogProducts(store, { limit: 1 }).total).toBeGreaterThan(0);
    store.wipe();
    expect(listCatalogProducts(store, {}).total).toBe(0);
    expect(catalogFacets(store).categories).toEqual([]);
  });
});

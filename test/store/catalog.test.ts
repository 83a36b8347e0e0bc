import { afterEach, describe, expect, it } from 'vitest';
import { createTempStores } from './temp-store.js';

const temp = createTempStores();
afterEach(() => temp.cleanup());

function product(id: string, name = `Product ${id}`) {
  return { id, raw: { ID: id, Name: name, PriceTier1: '12.5000' }, lastModifiedOn: '2026-02-01' };
}

describe('catalog products', () => {
  it('upserts, reads and deletes raw records', () => {
    const { catalog } = temp.open();
    catalog.upsertProducts([product('b'), product('a')]);
    expect(catalog.getProduct('a')).toEqual({ ID: 'a', Name: 'Product a', PriceTier1: '12.5000' });
    expect(catalog.getProduct('zz')).toBeNull();

    catalog.upsertProducts([product('a', 'Renamed')]);
    expect(catalog.getProduct('a')).toMatchObject({ Name: 'Renamed' });
    expect(catalog.productCount()).toBe(2);
    expect(catalog.productIds()).toEqual(['a', 'b']);

    catalog.deleteProducts(['a', 'missing']);
    expect(catalog.productIds()).toEqual(['b']);
  });

  it('rejects a record with no JSON form', () => {
    const { catalog } = temp.open();
    expect(() =>
      catalog.upsertProducts([product('ok'), { id: 'bad', raw: undefined, lastModifiedOn: 'x' }]),
    ).toThrow(/Record bad/);
    // The batch is one transaction, so the valid record before it is not kept either.
    expect(catalog.productCount()).toBe(0);
  });

  it('streams 20,000 products in ID order', () => {
    const { catalog } = temp.open();
    const ids = Array.from({ length: 20_000 }, (_, i) => `p-${String(i).padStart(5, '0')}`);
    for (let start = 0; start < ids.length; start += 1000) {
      catalog.upsertProducts(ids.slice(start, start + 1000).map((id) => product(id)));
    }

    const iterator = catalog.allProducts()[Symbol.iterator]();
    expect(iterator.next().value).toMatchObject({ ID: 'p-00000' });

    let count = 1;
    let previous = 'p-00000';
    for (let step = iterator.next(); !step.done; step = iterator.next()) {
      const id = (step.value as { ID: string }).ID;
      expect(id > previous).toBe(true);
      previous = id;
      count++;
    }
    expect(count).toBe(20_000);
    expect(catalog.productCount()).toBe(20_000);
  });

  it('allows reads but not writes while streaming', () => {
    const store = temp.open();
    store.catalog.upsertProducts([product('a'), product('b')]);
    store.selection.select(['b']);

    const selected: string[] = [];
    for (const raw of store.catalog.allProducts()) {
      const id = (raw as { ID: string }).ID;
      if (store.selection.isSelected(id)) selected.push(id);
    }
    expect(selected).toEqual(['b']);

    expect(() => {
      for (const raw of store.catalog.allProducts()) {
        store.cursors.set('during', (raw as { ID: string }).ID);
      }
    }).toThrow(/busy/);

    // Breaking out of the loop closes the cursor, so writes work again.
    for (const _raw of store.catalog.allProducts()) break;
    store.cursors.set('after', 'ok');
    expect(store.cursors.get('after')).toBe('ok');
  });
});

describe('catalog customers', () => {
  it('upserts, streams and deletes', () => {
    const { catalog } = temp.open();
    catalog.upsertCustomers([
      { id: 'c-2', raw: { ID: 'c-2', Name: 'Bistro' }, lastModifiedOn: 't' },
      { id: 'c-1', raw: { ID: 'c-1', Name: 'Cafe' }, lastModifiedOn: 't' },
    ]);
    expect([...catalog.allCustomers()]).toEqual([
      { ID: 'c-1', Name: 'Cafe' },
      { ID: 'c-2', Name: 'Bistro' },
    ]);
    expect(catalog.getCustomer('c-2')).toEqual({ ID: 'c-2', Name: 'Bistro' });
    expect(catalog.customerCount()).toBe(2);
    catalog.deleteCustomers(['c-1']);
    expect(catalog.customerIds()).toEqual(['c-2']);
    expect(catalog.productCount()).toBe(0);
  });
});

describe('reference data', () => {
  it('stores by name with fetchedAt', () => {
    const { catalog } = temp.open();
    expect(catalog.getReference('priceTiers')).toBeNull();
    catalog.setReference('priceTiers', [{ Code: 1, Name: 'Wholesale' }]);
    const first = catalog.getReference('priceTiers');
    expect(first?.raw).toEqual([{ Code: 1, Name: 'Wholesale' }]);
    expect(Number.isNaN(Date.parse(first?.fetchedAt ?? ''))).toBe(false);

    catalog.setReference('priceTiers', [{ Code: 1, Name: 'Trade' }]);
    expect(catalog.getReference('priceTiers')?.raw).toEqual([{ Code: 1, Name: 'Trade' }]);
  });
});

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempStores } from './temp-store.js';

const temp = createTempStores();
afterEach(() => temp.cleanup());

const crashFixture = fileURLToPath(new URL('./fixtures/crash-in-transaction.ts', import.meta.url));

describe('store.transaction', () => {
  it('commits and returns the result', () => {
    const store = temp.open();
    const result = store.transaction(() => {
      store.selection.select(['p-1']);
      store.cursors.set('products', 'c1');
      return 'done';
    });
    expect(result).toBe('done');
    expect(store.selection.listSelected()).toEqual(['p-1']);
  });

  it('rolls back every write when fn throws', () => {
    const store = temp.open();
    store.cursors.set('products', 'before');

    expect(() =>
      store.transaction(() => {
        store.cursors.set('products', 'during');
        store.mappings.upsertMany([
          { entity: 'product', dearId: 'd-1', upstockId: 'u-1', contentHash: 'h' },
        ]);
        store.catalog.upsertProducts([{ id: 'd-1', raw: { ID: 'd-1' }, lastModifiedOn: 't' }]);
        throw new Error('Upstock rejected the batch');
      }),
    ).toThrow('Upstock rejected the batch');

    expect(store.cursors.get('products')).toBe('before');
    expect(store.mappings.get('product', 'd-1')).toBeNull();
    expect(store.catalog.productCount()).toBe(0);
  });

  it('leaves nothing after a process crash mid-transaction', () => {
    const dir = temp.dir();
    const seeded = temp.open(dir);
    seeded.cursors.set('products', 'before');
    seeded.close();

    const child = spawnSync(process.execPath, ['--import', 'tsx', crashFixture, dir], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(child.stderr).toBe('');
    expect(child.stdout).toContain('writes done, exiting');
    expect(child.status).toBe(3);

    const reopened = temp.open(dir);
    expect(reopened.cursors.get('products')).toBe('before');
    expect(reopened.selection.listSelected()).toEqual([]);
    expect(reopened.catalog.productCount()).toBe(0);
    expect(reopened.runs.list()).toEqual([]);
  });
});

describe('store.wipe', () => {
  it('deletes every row and keeps the schema', () => {
    const store = temp.open();
    store.selection.select(['p-1']);
    store.mappings.upsertMany([
      { entity: 'customer', dearId: 'c', upstockId: 'u', contentHash: 'h' },
    ]);
    store.cursors.set('customers', 'x');
    store.runs.start('customers', 'manual', 'full');
    store.catalog.upsertProducts([{ id: 'p-1', raw: {}, lastModifiedOn: 't' }]);
    store.catalog.upsertCustomers([{ id: 'c', raw: {}, lastModifiedOn: 't' }]);
    store.catalog.setReference('taxRules', []);

    store.wipe();

    expect(store.selection.listSelected()).toEqual([]);
    expect(store.mappings.list('customer')).toEqual([]);
    expect(store.cursors.get('customers')).toBeNull();
    expect(store.runs.list()).toEqual([]);
    expect(store.catalog.productCount()).toBe(0);
    expect(store.catalog.customerCount()).toBe(0);
    expect(store.catalog.getReference('taxRules')).toBeNull();

    // Run IDs start again after a wipe, and the tables still accept rows.
    expect(store.runs.start('products', 'manual', 'full')).toBe(1);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../main/store/open.js';
import { exitedOwner } from './owners.js';
import { createTempStores } from './temp-store.js';

const temp = createTempStores();
afterEach(() => temp.cleanup());

describe('selection', () => {
  it('selects, deselects and lists', () => {
    const { selection } = temp.open();
    expect(selection.select(['p-2', 'p-1', 'p-2'])).toBe(2);
    expect(selection.select(['p-1', 'p-3'])).toBe(1);
    expect(selection.listSelected()).toEqual(['p-1', 'p-2', 'p-3']);
    expect(selection.isSelected('p-2')).toBe(true);

    expect(selection.deselect(['p-2', 'p-9'])).toBe(1);
    expect(selection.isSelected('p-2')).toBe(false);
    expect(selection.listSelected()).toEqual(['p-1', 'p-3']);

    selection.clear();
    expect(selection.listSelected()).toEqual([]);
  });

  it('accepts an empty list', () => {
    const { selection } = temp.open();
    expect(selection.select([])).toBe(0);
    expect(selection.deselect([])).toBe(0);
  });
});

describe('mappings', () => {
  it('inserts, updates and removes', () => {
    const { mappings } = temp.open();
    expect(mappings.get('product', 'd-1')).toBeNull();

    mappings.upsertMany([
      { entity: 'product', dearId: 'd-1', upstockId: 'u-1', contentHash: 'h1' },
      { entity: 'product', dearId: 'd-2', upstockId: null, contentHash: null },
      { entity: 'customer', dearId: 'd-1', upstockId: 'c-1', contentHash: 'hc' },
    ]);
    const first = mappings.get('product', 'd-1');
    expect(first).toMatchObject({ upstockId: 'u-1', contentHash: 'h1' });
    expect(first?.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(mappings.get('customer', 'd-1')?.upstockId).toBe('c-1');

    mappings.upsertMany([
      { entity: 'product', dearId: 'd-1', upstockId: 'u-1', contentHash: 'h2' },
    ]);
    expect(mappings.get('product', 'd-1')?.contentHash).toBe('h2');
    expect(mappings.list('product').map((m) => m.dearId)).toEqual(['d-1', 'd-2']);

    mappings.remove('product', 'd-1');
    expect(mappings.get('product', 'd-1')).toBeNull();
    expect(mappings.get('customer', 'd-1')).not.toBeNull();
  });

  it('keeps one row per entity and Cin7 Core ID', () => {
    const store = temp.open();
    for (let i = 0; i < 3; i++) {
      store.mappings.upsertMany([
        { entity: 'priceList', dearId: 'tier-1', upstockId: 'pl', contentHash: `h${i}` },
      ]);
    }
    expect(store.mappings.list('priceList')).toHaveLength(1);
    expect(() =>
      store.db
        .prepare(`INSERT INTO mappings VALUES ('priceList', 'tier-1', NULL, NULL, 'now')`)
        .run(),
    ).toThrow(/UNIQUE/);
  });
});

describe('cursors', () => {
  it('sets, overwrites and deletes', () => {
    const { cursors } = temp.open();
    expect(cursors.get('products')).toBeNull();
    cursors.set('products', '2026-03-01T10:00:00');
    cursors.set('products', '2026-03-02T10:00:00');
    expect(cursors.get('products')).toBe('2026-03-02T10:00:00');
    cursors.delete('products');
    expect(cursors.get('products')).toBeNull();
  });
});

describe('runs', () => {
  const outcome = {
    status: 'partial' as const,
    counts: { products: { created: 2, updated: 1, unchanged: 5, skipped: 0, failed: 1 } },
    failures: [
      { entity: 'product', recordId: 'd-7', label: 'SKU-7', field: 'SKU', reason: 'empty' },
    ],
    unrepresentable: [
      { kind: 'deal' as const, ruleName: 'Summer deal', affected: 3, detail: 'buy 2 get 1' },
    ],
    apiCalls: { dear: 4, upstock: 2 },
    error: null,
  };

  it('starts and finishes with JSON columns', () => {
    const { runs } = temp.open();
    const id = runs.start('products', 'manual', 'full');
    const running = runs.get(id);
    expect(running).toMatchObject({ job: 'products', trigger: 'manual', mode: 'full' });
    expect(running?.status).toBe('running');
    expect(running?.finishedAt).toBeNull();
    expect(running?.apiCalls).toEqual({ dear: 0, upstock: 0 });

    runs.finish(id, outcome);
    const done = runs.get(id);
    expect(done?.status).toBe('partial');
    expect(done?.finishedAt).not.toBeNull();
    expect(done?.counts).toEqual(outcome.counts);
    expect(done?.failures).toEqual(outcome.failures);
    expect(done?.unrepresentable).toEqual(outcome.unrepresentable);
    expect(done?.apiCalls).toEqual({ dear: 4, upstock: 2 });
    expect(done?.error).toBeNull();
  });

  it('rejects finishing an unknown run', () => {
    const { runs } = temp.open();
    expect(() => runs.finish(404, outcome)).toThrow(/Run 404 not found/);
  });

  it('lists newest first, by job, with a limit', () => {
    const { runs } = temp.open();
    const a = runs.start('products', 'schedule', 'incremental');
    const b = runs.start('customers', 'schedule', 'incremental');
    const c = runs.start('products', 'manual', 'full');
    expect(runs.list().map((r) => r.id)).toEqual([c, b, a]);
    expect(runs.list({ job: 'products' }).map((r) => r.id)).toEqual([c, a]);
    expect(runs.list({ limit: 1 }).map((r) => r.id)).toEqual([c]);
    expect(runs.get(9999)).toBeNull();
  });

  it('finds the last successful run', () => {
    const { runs } = temp.open();
    expect(runs.lastSuccessful('prices')).toBeNull();
    const ok = runs.start('prices', 'schedule', 'incremental');
    runs.finish(ok, { ...outcome, status: 'succeeded' });
    const failed = runs.start('prices', 'schedule', 'incremental');
    runs.finish(failed, { ...outcome, status: 'failed', error: 'offline' });
    runs.start('prices', 'schedule', 'incremental');
    expect(runs.lastSuccessful('prices')?.id).toBe(ok);

    const partial = runs.start('prices', 'manual', 'full');
    runs.finish(partial, outcome);
    expect(runs.lastSuccessful('prices')?.id).toBe(partial);
    expect(runs.lastSuccessful('orders')).toBeNull();
  });

  it('fails runs abandoned by a crash', () => {
    const dir = temp.dir();
    const crashed = openStore(dir, { owner: exitedOwner() });
    const left = crashed.runs.start('orders', 'schedule', 'incremental');
    const finished = crashed.runs.start('shipments', 'schedule', 'incremental');
    crashed.runs.finish(finished, { ...outcome, status: 'succeeded' });
    crashed.close();

    const { runs } = temp.open(dir);
    expect(runs.failAbandoned('the agent stopped during the run')).toBe(1);
    const abandoned = runs.get(left);
    expect(abandoned?.status).toBe('failed');
    expect(abandoned?.error).toBe('the agent stopped during the run');
    expect(abandoned?.finishedAt).not.toBeNull();
    expect(runs.get(finished)?.status).toBe('succeeded');
    expect(runs.failAbandoned('again')).toBe(0);
  });
});

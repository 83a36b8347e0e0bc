// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/App.js';
import { installFakeBridge, makeRun, type FakeBridge } from './fake-bridge.js';
import { giveProductListHeight } from './layout.js';

let bridge: FakeBridge;
let removeHeight: () => void;

beforeEach(() => {
  removeHeight = giveProductListHeight();
});

afterEach(() => {
  cleanup();
  removeHeight();
});

async function openProducts(productCount: number, selectedCount = 0) {
  bridge = installFakeBridge(productCount);
  bridge.products = bridge.products.map((product, index) => ({
    ...product,
    selected: index < selectedCount,
  }));
  render(<App />);
  fireEvent.click(screen.getByRole('button', { name: 'Products' }));
  await screen.findByText(`${productCount.toLocaleString()} products match`, { exact: false });
}

function visibleSkus(): string[] {
  return screen
    .getAllByRole('checkbox', { name: /^Select / })
    .map((box) => box.getAttribute('aria-label')?.split(' ')[1] ?? '');
}

describe('Products screen', () => {
  it('renders only the rows in view of 20,000', async () => {
    await openProducts(20_000);

    const rows = await screen.findAllByRole('checkbox', { name: /^Select / });
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(100);
    expect(visibleSkus()[0]).toBe('SKU-00000');
    for (const request of bridge.requests('products:list')) {
      expect(request.limit ?? 0).toBeLessThanOrEqual(500);
    }
  });

  it('loads the page of a row scrolled into view', async () => {
    await openProducts(20_000);
    const scroller = screen.getByLabelText('Product rows');

    scroller.scrollTop = 36 * 10_000;
    fireEvent.scroll(scroller);

    await waitFor(() => expect(visibleSkus()).toContain('SKU-10000'));
    expect(bridge.requests('products:list').some((request) => request.offset === 10_000)).toBe(
      true,
    );
  });

  it('searches after typing stops', async () => {
    await openProducts(300);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search' }), {
      target: { value: 'SKU-0012' },
    });

    await screen.findByText('10 products match', { exact: false });
    expect(bridge.requests('products:list').at(-1)?.search).toBe('SKU-0012');
    expect(visibleSkus()).toEqual([
      'SKU-00120',
      'SKU-00121',
      'SKU-00122',
      'SKU-00123',
      'SKU-00124',
      'SKU-00125',
      'SKU-00126',
      'SKU-00127',
      'SKU-00128',
      'SKU-00129',
    ]);
  });

  it('filters by category, brand, status and imported', async () => {
    await openProducts(60);
    bridge.products = bridge.products.map((product, index) => ({
      ...product,
      imported: index < 6,
    }));
    fireEvent.change(await screen.findByRole('combobox', { name: 'Category' }), {
      target: { value: 'Coffee' },
    });
    fireEvent.change(screen.getByRole('combobox', { name: 'Brand' }), {
      target: { value: 'Roastery' },
    });
    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), {
      target: { value: 'Active' },
    });
    fireEvent.change(screen.getByRole('combobox', { name: 'Imported' }), {
      target: { value: 'yes' },
    });

    // Index 0 is the only product below 6 that is Coffee (index % 3 == 0) and Roastery (even).
    await screen.findByText('1 products match', { exact: false });
    expect(bridge.requests('products:list').at(-1)).toMatchObject({
      category: 'Coffee',
      brand: 'Roastery',
      status: 'Active',
      imported: true,
    });
    expect(visibleSkus()).toEqual(['SKU-00000']);
  });

  it('selects one product with its checkbox', async () => {
    await openProducts(20);
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Select SKU-00003 Product 3' }));

    await screen.findByText('1 selected for import', { exact: false });
    expect(bridge.requests('products:select')).toEqual([{ ids: ['product-3'], selected: true }]);
    expect(
      (screen.getByRole('checkbox', { name: 'Select SKU-00003 Product 3' }) as HTMLInputElement)
        .checked,
    ).toBe(true);
  });

  it('selects every product of a filter across pages', async () => {
    await openProducts(3_000);
    fireEvent.change(screen.getByRole('combobox', { name: 'Category' }), {
      target: { value: 'Tea' },
    });
    await screen.findByText(`${(1000).toLocaleString()} products match`, { exact: false });
    fireEvent.click(screen.getByRole('button', { name: 'Select all matching' }));

    await screen.findByText(
      `Selected ${(1000).toLocaleString()} products (${(1000).toLocaleString()} newly selected).`,
    );
    const [selection] = bridge.requests('products:select');
    expect(selection?.selected).toBe(true);
    expect(selection?.ids).toHaveLength(1000);
    expect(new Set(selection?.ids).size).toBe(1000);
    expect(
      bridge.products.filter((product) => product.selected).every((p) => p.category === 'Tea'),
    ).toBe(true);
    await screen.findByText(`${(1000).toLocaleString()} selected for import`, { exact: false });
  });

  it('keeps services out of the selection', async () => {
    await openProducts(30);
    bridge.products = bridge.products.map((product, index) =>
      index % 5 === 0 ? { ...product, type: 'Service' } : product,
    );
    fireEvent.change(screen.getByRole('combobox', { name: 'Brand' }), {
      target: { value: 'Roastery' },
    });
    await screen.findByText('15 products match', { exact: false });

    const service = screen.getByRole('checkbox', { name: 'Select SKU-00000 Product 0' });
    expect((service as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Select all matching' }));

    await screen.findByText('Selected 12 products (12 newly selected).');
    const [selection] = bridge.requests('products:select');
    expect(selection?.ids).not.toContain('product-0');
    expect(selection?.ids).not.toContain('product-10');
    expect(selection?.ids).toContain('product-2');
  });

  it('clears every product of a filter', async () => {
    await openProducts(30);
    bridge.products = bridge.products.map((product) => ({ ...product, selected: true }));
    fireEvent.change(screen.getByRole('combobox', { name: 'Brand' }), {
      target: { value: 'Leafy' },
    });
    await screen.findByText('15 products match', { exact: false });
    fireEvent.click(screen.getByRole('button', { name: 'Clear matching' }));

    await screen.findByText('Cleared 15 products from the selection (15 were selected).');
    expect(bridge.products.filter((product) => product.selected)).toHaveLength(15);
  });

  it('imports the selection with progress', async () => {
    await openProducts(10, 4);
    let finish: () => void = () => undefined;
    bridge.handle(
      'sync:now',
      () =>
        new Promise((resolve) => {
          finish = () => {
            bridge.products = bridge.products.map((product) => ({
              ...product,
              imported: product.selected,
            }));
            resolve([
              makeRun({
                job: 'products',
                counts: {
                  products: { created: 4, updated: 0, unchanged: 0, skipped: 0, failed: 0 },
                },
              }),
            ]);
          };
        }),
    );
    await screen.findByText('4 selected for import', { exact: false });

    fireEvent.click(screen.getByRole('button', { name: 'Import selected' }));
    act(() =>
      bridge.emit('sync:progress', {
        job: 'products',
        runId: 7,
        phase: 'Sending',
        done: 2,
        total: 4,
      }),
    );

    const progress = screen.getByRole('progressbar', { name: 'Import progress' });
    expect(progress.getAttribute('value')).toBe('50');
    expect(bridge.requests('sync:now')).toEqual([{ job: 'products' }]);

    act(() => finish());
    await screen.findByText('Import succeeded: 4 created.');
    await waitFor(() =>
      expect(
        within(screen.getByRole('table', { name: 'Cin7 Core products' })).getAllByText('Imported'),
      ).toHaveLength(4),
    );
  });

  it('shows a failed import', async () => {
    await openProducts(5, 5);
    bridge.handle('sync:now', () => {
      throw new Error('Upstock rejected the token; connect Upstock again.');
    });
    await screen.findByText('5 selected for import', { exact: false });

    fireEvent.click(screen.getByRole('button', { name: 'Import selected' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Import failed: Upstock rejected the token; connect Upstock again.',
    );
  });
});

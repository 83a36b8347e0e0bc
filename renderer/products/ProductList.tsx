import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { CatalogProductRow } from '../../shared/ipc.js';
import { isService, type PagedProducts } from './paged-products.js';

const ROW_HEIGHT = 36;

/**
 * Renders the product table. Only the rows in view (plus a margin) are in the DOM, and their pages
 * are fetched as they scroll into view.
 */
export function ProductList({
  products,
  onToggle,
}: {
  products: PagedProducts;
  onToggle(row: CatalogProductRow): void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const count = products.total ?? 0;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { ensureRange } = products;

  useEffect(() => {
    if (count > 0) ensureRange(first, last);
  }, [ensureRange, first, last, count]);

  return (
    <div
      className="product-table"
      role="table"
      aria-label="Cin7 Core products"
      aria-rowcount={count + 1}
    >
      <div className="product-row header" role="row" aria-rowindex={1}>
        <span role="columnheader">Select</span>
        <span role="columnheader">SKU</span>
        <span role="columnheader">Name</span>
        <span role="columnheader">Category</span>
        <span role="columnheader">Brand</span>
        <span role="columnheader">Status</span>
        <span role="columnheader">In Upstock</span>
      </div>
      <div className="product-scroller" ref={scroller} tabIndex={0} aria-label="Product rows">
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = products.rowAt(item.index);
            return (
              <div
                key={item.key}
                className="product-row"
                role="row"
                aria-rowindex={item.index + 2}
                style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              >
                {row ? <ProductCells row={row} onToggle={onToggle} /> : <LoadingCells />}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function ProductCells({
  row,
  onToggle,
}: {
  row: CatalogProductRow;
  onToggle(row: CatalogProductRow): void;
}) {
  const service = isService(row);
  return (
    <>
      <span role="cell">
        <input
          type="checkbox"
          checked={row.selected && !service}
          disabled={service}
          onChange={() => onToggle(row)}
          aria-label={`Select ${row.sku} ${row.name}`}
        />
      </span>
      <span role="cell" className="sku">
        {row.sku}
      </span>
      <span role="cell" className="name" title={row.name}>
        {row.name}
      </span>
      <span role="cell">{row.category ?? '—'}</span>
      <span role="cell">{row.brand ?? '—'}</span>
      <span role="cell">{row.status}</span>
      <span role="cell">{importState(row, service)}</span>
    </>
  );
}

function importState(row: CatalogProductRow, service: boolean): string {
  if (service) return 'Service';
  return row.imported ? 'Imported' : 'Not yet';
}

function LoadingCells() {
  return (
    <span role="cell" className="loading">
      Loading…
    </span>
  );
}

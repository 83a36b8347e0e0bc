import { useCallback, useEffect, useRef, useState } from 'react';
import type { CatalogProductRow } from '../../shared/ipc.js';
import { errorMessage, invoke } from '../bridge.js';
import { toListRequest, type ProductFilter } from './product-filter.js';

/** Rows fetched per `products:list` call. */
export const PAGE_SIZE = 200;

/** Largest page used when collecting every ID of a filter. */
const ID_PAGE_SIZE = 500;

export interface PagedProducts {
  /** Products matching the filter; null until the first page arrived. */
  total: number | null;
  error: string | null;
  /** The row at an index, or undefined while its page loads. */
  rowAt(index: number): CatalogProductRow | undefined;
  /** Fetches the pages covering rows `first` to `last` that are not loaded yet. */
  ensureRange(first: number, last: number): void;
  /** Replaces the cached rows with fresh ones after a change (selection, import). */
  reload(): void;
  /** Changes the `selected` flag of cached rows without a round trip. */
  markSelected(ids: string[], selected: boolean): void;
}

/**
 * Loads the products matching a filter page by page as the list scrolls, so a catalog of
 * 20,000 products never crosses the bridge in one response. A filter change drops every
 * cached page; responses for an older filter are ignored.
 */
export function usePagedProducts(filter: ProductFilter): PagedProducts {
  const [pages, setPages] = useState<Map<number, CatalogProductRow[]>>(new Map());
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const requested = useRef(new Set<number>());
  const currentGeneration = useRef(0);

  const fetchPage = useCallback(
    async (page: number, forGeneration: number) => {
      if (requested.current.has(page)) return;
      requested.current.add(page);
      try {
        const response = await invoke('products:list', {
          ...toListRequest(filter),
          offset: page * PAGE_SIZE,
          limit: PAGE_SIZE,
        });
        if (forGeneration !== currentGeneration.current) return;
        setTotal(response.total);
        setError(null);
        setPages((current) => new Map(current).set(page, response.products));
      } catch (failure) {
        requested.current.delete(page);
        if (forGeneration === currentGeneration.current) setError(errorMessage(failure));
      }
    },
    [filter],
  );

  useEffect(() => {
    currentGeneration.current += 1;
    requested.current = new Set();
    setPages(new Map());
    void fetchPage(0, currentGeneration.current);
  }, [fetchPage, generation]);

  const ensureRange = useCallback(
    (first: number, last: number) => {
      const firstPage = Math.floor(Math.max(0, first) / PAGE_SIZE);
      const lastPage = Math.floor(Math.max(0, last) / PAGE_SIZE);
      for (let page = firstPage; page <= lastPage; page += 1) {
        void fetchPage(page, currentGeneration.current);
      }
    },
    [fetchPage],
  );

  const rowAt = useCallback(
    (index: number) => pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    [pages],
  );

  const reload = useCallback(() => setGeneration((value) => value + 1), []);

  const markSelected = useCallback((ids: string[], selected: boolean) => {
    const changed = new Set(ids);
    setPages((current) => {
      const next = new Map<number, CatalogProductRow[]>();
      for (const [page, rows] of current) {
        next.set(
          page,
          rows.map((row) => (changed.has(row.id) ? { ...row, selected } : row)),
        );
      }
      return next;
    });
  }, []);

  return { total, error, rowAt, ensureRange, reload, markSelected };
}

/** Tells whether a row is a Cin7 Core service, which Upstock never imports. */
export function isService(row: CatalogProductRow): boolean {
  return row.type === 'Service';
}

/**
 * Returns the ID of every product matching a filter, services left out, reading `products:list` in pages.
 * Stops after `ceil(total / page size) + 1` calls even if the catalog changes meanwhile.
 */
export async function collectProductIds(filter: ProductFilter): Promise<string[]> {
  const request = toListRequest(filter);
  const ids: string[] = [];
  let read = 0;
  let total = Infinity;
  let calls = 0;
  let maxCalls = 1;

  while (read < total && calls < maxCalls) {
    const response = await invoke('products:list', {
      ...request,
      offset: read,
      limit: ID_PAGE_SIZE,
    });
    calls += 1;
    total = response.total;
    maxCalls = Math.ceil(total / ID_PAGE_SIZE) + 1;
    if (response.products.length === 0) break;
    for (const product of response.products) if (!isService(product)) ids.push(product.id);
    read += response.products.length;
  }
  return ids;
}

/** Returns how many products are selected for import. */
export async function countSelected(): Promise<number> {
  const response = await invoke('products:list', { selected: true, offset: 0, limit: 1 });
  return response.total;
}

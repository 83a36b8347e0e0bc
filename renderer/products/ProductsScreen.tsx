import { useCallback, useEffect, useState } from 'react';
import type { CatalogProductRow, IpcResponse } from '../../shared/ipc.js';
import { useAgent } from '../agent-state.js';
import { errorMessage, invoke } from '../bridge.js';
import { ProgressBar } from '../components/ProgressBar.js';
import { formatCounts } from '../format.js';
import { collectProductIds, countSelected, usePagedProducts } from './paged-products.js';
import { NO_FILTER, type ProductFilter } from './product-filter.js';
import { ProductFilters } from './ProductFilters.js';
import { ProductList } from './ProductList.js';

const SEARCH_DELAY_MS = 250;

type Facets = IpcResponse<'products:facets'>;

/**
 * Renders the Products screen: every Cin7 Core product except services, with search and
 * filters, selection (one by one or every product of a filter) and "Import selected".
 */
export function ProductsScreen() {
  const { progress, refreshStatus } = useAgent();
  const [draft, setDraft] = useState<ProductFilter>(NO_FILTER);
  const [filter, setFilter] = useState<ProductFilter>(NO_FILTER);
  const [facets, setFacets] = useState<Facets>({ categories: [], brands: [], statuses: [] });
  const [selectedCount, setSelectedCount] = useState<number | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const products = usePagedProducts(filter);

  const refreshSelectedCount = useCallback(async () => {
    try {
      setSelectedCount(await countSelected());
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, []);

  useEffect(() => {
    invoke('products:facets', undefined).then(setFacets, (failure: unknown) =>
      setError(errorMessage(failure)),
    );
    void refreshSelectedCount();
  }, [refreshSelectedCount]);

  // Drop-downs apply at once; typing in the search box waits for a pause.
  useEffect(() => {
    const delay = draft.search === filter.search ? 0 : SEARCH_DELAY_MS;
    const timer = setTimeout(() => setFilter(draft), delay);
    return () => clearTimeout(timer);
  }, [draft, filter.search]);

  async function toggle(row: CatalogProductRow) {
    setError(null);
    try {
      await invoke('products:select', { ids: [row.id], selected: !row.selected });
      products.markSelected([row.id], !row.selected);
      await refreshSelectedCount();
    } catch (failure) {
      setError(`Could not change the selection of ${row.sku}: ${errorMessage(failure)}`);
    }
  }

  async function selectAllMatching(selected: boolean) {
    setBusy(selected ? 'Selecting…' : 'Clearing…');
    setError(null);
    setMessage(null);
    try {
      const ids = await collectProductIds(filter);
      const changed = ids.length ? await invoke('products:select', { ids, selected }) : 0;
      setMessage(
        selected
          ? `Selected ${ids.length.toLocaleString()} products (${changed.toLocaleString()} newly selected).`
          : `Cleared ${ids.length.toLocaleString()} products from the selection (${changed.toLocaleString()} were selected).`,
      );
      products.reload();
      await refreshSelectedCount();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(null);
    }
  }

  async function importSelection() {
    setBusy('Importing…');
    setError(null);
    setMessage(null);
    try {
      const [run] = await invoke('sync:now', { job: 'products' });
      setMessage(run ? describeImport(run) : 'The import did not run.');
      products.reload();
    } catch (failure) {
      setError(`Import failed: ${errorMessage(failure)}`);
    } finally {
      setBusy(null);
      await refreshStatus();
    }
  }

  const importProgress = progress.products;

  return (
    <section aria-labelledby="products-title" className="screen products-screen">
      <h2 id="products-title">Products</h2>
      <ProductFilters filter={draft} facets={facets} onChange={setDraft} />

      <div className="toolbar">
        <span aria-live="polite">
          {products.total === null
            ? 'Loading…'
            : `${products.total.toLocaleString()} products match`}
          {selectedCount === null ? '' : ` · ${selectedCount.toLocaleString()} selected for import`}
        </span>
        <button
          type="button"
          onClick={() => void selectAllMatching(true)}
          disabled={busy !== null || !products.total}
        >
          Select all matching
        </button>
        <button
          type="button"
          onClick={() => void selectAllMatching(false)}
          disabled={busy !== null || !products.total}
        >
          Clear matching
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => void importSelection()}
          disabled={busy !== null || !selectedCount}
        >
          {busy === 'Importing…' ? busy : 'Import selected'}
        </button>
      </div>

      {importProgress ? <ProgressBar progress={importProgress} label="Import progress" /> : null}
      {busy && busy !== 'Importing…' ? <p role="status">{busy}</p> : null}
      {message ? <p role="status">{message}</p> : null}
      {error || products.error ? (
        <p role="alert" className="error">
          {error ?? products.error}
        </p>
      ) : null}

      <ProductList products={products} onToggle={(row) => void toggle(row)} />
    </section>
  );
}

function describeImport(run: IpcResponse<'sync:now'>[number]): string {
  const counts = run.counts.products;
  const summary = counts ? formatCounts(counts) : 'no product counts';
  const failures = run.failures.length ? `, ${run.failures.length} failed records` : '';
  const stopped = run.error ? ` Stopped: ${run.error}` : '';
  return `Import ${run.status}: ${summary}${failures}.${stopped}`;
}

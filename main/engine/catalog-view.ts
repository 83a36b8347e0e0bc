import type { CatalogProduct, CatalogQuery } from '../engine-types.js';
import type { Store } from '../store/types.js';

/** Page size when a query gives no limit. */
const DEFAULT_LIMIT = 100;
/** Largest page a query may ask for. */
const MAX_LIMIT = 1000;

/**
 * Lists cached Cin7 Core products for the Products screen and `products list`, filtered and
 * paged, sorted by SKU. Reads the raw cache field by field, so a malformed product still shows
 * with what it has. `imported` means Upstock accepted the product at least once.
 */
export function listCatalogProducts(
  store: Store,
  query: CatalogQuery,
): { total: number; products: CatalogProduct[] } {
  const selected = new Set(store.selection.listSelected());
  const imported = new Set(
    store.mappings
      .list('product')
      .filter((mapping) => mapping.contentHash !== null)
      .map((mapping) => mapping.dearId),
  );
  const search = query.search?.trim().toLowerCase() ?? '';

  const matches: CatalogProduct[] = [];
  for (const raw of store.catalog.allProducts()) {
    const product = toCatalogProduct(raw, selected, imported);
    if (!product || !matchesQuery(product, query, search)) continue;
    matches.push(product);
  }
  matches.sort((a, b) => a.sku.localeCompare(b.sku) || a.id.localeCompare(b.id));

  const offset = Math.max(0, Math.floor(query.offset ?? 0));
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(query.limit ?? DEFAULT_LIMIT)));
  return { total: matches.length, products: matches.slice(offset, offset + limit) };
}

/** Returns the distinct categories, brands and statuses of the cached products, sorted. */
export function catalogFacets(store: Store): {
  categories: string[];
  brands: string[];
  statuses: string[];
} {
  const categories = new Set<string>();
  const brands = new Set<string>();
  const statuses = new Set<string>();
  for (const raw of store.catalog.allProducts()) {
    const record = asRecord(raw);
    const category = text(record.Category);
    const brand = text(record.Brand);
    if (category) categories.add(category);
    if (brand) brands.add(brand);
    statuses.add(text(record.Status) ?? 'Active');
  }
  const sorted = (values: Set<string>) => [...values].sort((a, b) => a.localeCompare(b));
  return { categories: sorted(categories), brands: sorted(brands), statuses: sorted(statuses) };
}

function toCatalogProduct(
  raw: unknown,
  selected: Set<string>,
  imported: Set<string>,
): CatalogProduct | null {
  const record = asRecord(raw);
  const id = text(record.ID);
  if (!id) return null;
  return {
    id,
    sku: text(record.SKU) ?? '',
    name: text(record.Name) ?? '',
    type: text(record.Type) ?? 'Stock',
    status: text(record.Status) ?? 'Active',
    category: text(record.Category),
    brand: text(record.Brand),
    sellable: record.Sellable !== false,
    selected: selected.has(id),
    imported: imported.has(id),
  };
}

function matchesQuery(product: CatalogProduct, query: CatalogQuery, search: string): boolean {
  if (
    search &&
    !product.sku.toLowerCase().includes(search) &&
    !product.name.toLowerCase().includes(search)
  ) {
    return false;
  }
  if (query.category !== undefined && product.category !== query.category) return false;
  if (query.brand !== undefined && product.brand !== query.brand) return false;
  if (query.status !== undefined && product.status !== query.status) return false;
  if (query.imported !== undefined && product.imported !== query.imported) return false;
  if (query.selected !== undefined && product.selected !== query.selected) return false;
  return true;
}

function asRecord(raw: unknown): Record<string, unknown> {
  return raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

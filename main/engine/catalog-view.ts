import type { CatalogProduct, CatalogQuery } from '../engine-types.js';
import { getLogger } from '../log/logger.js';
import type { Store } from '../store/types.js';
import {
  catalogIndexFor,
  SERVICE_TYPE,
  type CatalogFacets,
  type IndexedProduct,
} from './catalog-index.js';

const log = getLogger('app');

/** Page size when a query gives no limit. */
const DEFAULT_LIMIT = 100;
/** Largest page a query may ask for. */
const MAX_LIMIT = 1000;

/**
 * Lists the cached Cin7 Core products for the Products screen and `products list`, filtered
 * and paged, sorted by SKU. Services (freight, labour) are left out unless
 * `query.includeServices` is set, because Upstock never sells them. Reads the raw cache field by field, so a malformed product still shows with what it
 * has. `imported` means Upstock accepted the product at least once. The parsed products are
 * cached until the catalog, the selection or the product mappings change.
 */
export function listCatalogProducts(
  store: Store,
  query: CatalogQuery,
): { total: number; products: CatalogProduct[] } {
  const index = catalogIndexFor(store);
  const { selected, imported } = index.selectionFlags();
  const search = query.search?.trim().toLowerCase() ?? '';
  const offset = Math.max(0, Math.floor(query.offset ?? 0));
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(query.limit ?? DEFAULT_LIMIT)));

  let total = 0;
  const products: CatalogProduct[] = [];
  for (const product of index.all()) {
    const flags = { selected: selected.has(product.id), imported: imported.has(product.id) };
    if (!matchesQuery(product, flags, query, search)) continue;
    if (total >= offset && products.length < limit) products.push(toCatalogProduct(product, flags));
    total += 1;
  }
  return { total, products };
}

/** Returns the distinct categories, brands and statuses of the listed products, sorted. */
export function catalogFacets(store: Store): CatalogFacets {
  return catalogIndexFor(store).facets();
}

/** Raised when a selection names Cin7 Core services, which Upstock does not sell. */
export class ServiceSelectionError extends Error {
  constructor(readonly productIds: string[]) {
    super(
      `${productIds.length === 1 ? 'Product' : 'Products'} ${productIds.join(', ')} ` +
        `${productIds.length === 1 ? 'is a service' : 'are services'} in Cin7 Core (Type ` +
        `"${SERVICE_TYPE}"). Services such as freight are not sold in Upstock, so they cannot ` +
        'be selected; select stock products only.',
    );
    this.name = 'ServiceSelectionError';
  }
}

/**
 * Selects products for Upstock and returns how many were newly selected. Throws
 * ServiceSelectionError, selecting nothing, when any ID is a cached service.
 */
export function selectCatalogProducts(store: Store, ids: string[]): number {
  const index = catalogIndexFor(store);
  const services = ids.filter((id) => index.typeOf(id) === SERVICE_TYPE);
  if (services.length > 0) {
    log.warn(`Rejected a selection naming the services ${services.join(', ')}`);
    throw new ServiceSelectionError(services);
  }
  return store.selection.select(ids);
}

function toCatalogProduct(
  product: IndexedProduct,
  flags: { selected: boolean; imported: boolean },
): CatalogProduct {
  return {
    id: product.id,
    sku: product.sku,
    name: product.name,
    type: product.type,
    status: product.status,
    category: product.category,
    brand: product.brand,
    sellable: product.sellable,
    selected: flags.selected,
    imported: flags.imported,
  };
}

function matchesQuery(
  product: IndexedProduct,
  flags: { selected: boolean; imported: boolean },
  query: CatalogQuery,
  search: string,
): boolean {
  if (
    search &&
    !product.searchText.sku.includes(search) &&
    !product.searchText.name.includes(search)
  ) {
    return false;
  }
  if (product.type === SERVICE_TYPE && !query.includeServices) return false;
  if (query.category !== undefined && product.category !== query.category) return false;
  if (query.brand !== undefined && product.brand !== query.brand) return false;
  if (query.status !== undefined && product.status !== query.status) return false;
  if (query.imported !== undefined && flags.imported !== query.imported) return false;
  if (query.selected !== undefined && flags.selected !== query.selected) return false;
  return true;
}

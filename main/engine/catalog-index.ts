import type { CatalogProductRow } from '../../shared/ipc.js';
import type { Store } from '../store/types.js';
import { catalogRevisionFor, type CatalogRevision } from './catalog-revision.js';

/** Cin7 Core's product type for services (freight, labour): never listed or selected. */
export const SERVICE_TYPE = 'Service';

/** One cached product as the Products screen reads it, without the selection flags. */
export interface IndexedProduct extends Omit<CatalogProductRow, 'selected' | 'imported'> {
  /** Lower-case SKU and name, for the search box. */
  searchText: { sku: string; name: string };
}

/** The distinct categories, brands and statuses of the listed products, sorted. */
export interface CatalogFacets {
  categories: string[];
  brands: string[];
  statuses: string[];
}

interface ProductsSnapshot {
  revision: string;
  /** Every cached product with an ID, services included, sorted by SKU then ID. */
  all: IndexedProduct[];
  /** Type of every cached product by ID, services included. */
  typeById: Map<string, string>;
  facets: CatalogFacets;
}

interface FlagsSnapshot {
  revision: string;
  selected: Set<string>;
  imported: Set<string>;
}

/** Compares like `String.prototype.localeCompare`, which the listing used before the index. */
const collator = new Intl.Collator();

/**
 * The cached products parsed once and kept until the catalog changes, so paging through
 * 20,000 products reads no JSON. Rebuilt when `CatalogRevision` reports a write to the cached
 * products (the products job, a wipe) or to the selection and product mappings.
 */
export class CatalogIndex {
  private products: ProductsSnapshot | null = null;
  private flags: FlagsSnapshot | null = null;

  constructor(
    private readonly store: Store,
    private readonly revision: CatalogRevision = catalogRevisionFor(store),
  ) {}

  /**
   * Returns every cached product with an ID, services included (check `type`), sorted by SKU
   * then ID. The objects are shared with later calls, so callers must not change them.
   */
  all(): readonly IndexedProduct[] {
    return this.productsSnapshot().all;
  }

  /** Returns the facets of the products other than services. */
  facets(): CatalogFacets {
    const { facets } = this.productsSnapshot();
    return {
      categories: [...facets.categories],
      brands: [...facets.brands],
      statuses: [...facets.statuses],
    };
  }

  /** Returns a cached product's Cin7 Core type, or null when the ID is not cached. */
  typeOf(id: string): string | null {
    return this.productsSnapshot().typeById.get(id) ?? null;
  }

  /** Returns the selected product IDs and the IDs Upstock accepted at least once. */
  selectionFlags(): { selected: ReadonlySet<string>; imported: ReadonlySet<string> } {
    const revision = this.revision.current('flags');
    if (this.flags?.revision !== revision) {
      this.flags = {
        revision,
        selected: new Set(this.store.selection.listSelected()),
        imported: new Set(
          this.store.mappings
            .list('product')
            .filter((mapping) => mapping.contentHash !== null)
            .map((mapping) => mapping.dearId),
        ),
      };
    }
    return this.flags;
  }

  private productsSnapshot(): ProductsSnapshot {
    const revision = this.revision.current('products');
    if (this.products?.revision === revision) return this.products;

    const all: IndexedProduct[] = [];
    const typeById = new Map<string, string>();
    for (const raw of this.store.catalog.allProducts()) {
      const product = toIndexedProduct(raw);
      if (!product) continue;
      typeById.set(product.id, product.type);
      all.push(product);
    }
    all.sort((a, b) => collator.compare(a.sku, b.sku) || collator.compare(a.id, b.id));
    const stock = all.filter((product) => product.type !== SERVICE_TYPE);
    this.products = { revision, all, typeById, facets: facetsOf(stock) };
    return this.products;
  }
}

const indexes = new WeakMap<Store, CatalogIndex>();

/** Returns the catalog index of a store, creating it on first use. */
export function catalogIndexFor(store: Store): CatalogIndex {
  let index = indexes.get(store);
  if (!index) {
    index = new CatalogIndex(store);
    indexes.set(store, index);
  }
  return index;
}

function facetsOf(products: IndexedProduct[]): CatalogFacets {
  const categories = new Set<string>();
  const brands = new Set<string>();
  const statuses = new Set<string>();
  for (const product of products) {
    if (product.category) categories.add(product.category);
    if (product.brand) brands.add(product.brand);
    statuses.add(product.status);
  }
  const sorted = (values: Set<string>) => [...values].sort((a, b) => a.localeCompare(b));
  return { categories: sorted(categories), brands: sorted(brands), statuses: sorted(statuses) };
}

/** Reads a raw cached product field by field, so a malformed product still shows. */
function toIndexedProduct(raw: unknown): IndexedProduct | null {
  const record = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const id = text(record.ID);
  if (!id) return null;
  const sku = text(record.SKU) ?? '';
  const name = text(record.Name) ?? '';
  return {
    id,
    sku,
    name,
    type: text(record.Type) ?? 'Stock',
    status: text(record.Status) ?? 'Active',
    category: text(record.Category),
    brand: text(record.Brand),
    sellable: record.Sellable !== false,
    searchText: { sku: sku.toLowerCase(), name: name.toLowerCase() },
  };
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

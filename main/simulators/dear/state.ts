import { Decimal } from 'decimal.js';
import type {
  DearCustomerRecord,
  DearProductRecord,
  DearSeed,
  DearTaxRuleRecord,
} from '../../sample/dear-seed.js';
import { compareTicks, ticksOfStamp, type DearStampClock } from './dear-time.js';
import type { SimSale } from './sale-types.js';

/** Row order of paged lists across pages; Cin7 Core does not document its own order. */
export type ListOrder = 'modified' | 'name';

/** Product-side customer price, in the shape real `IncludeCustomPrices` responses use. */
export interface ProductCustomPrice {
  CustomerID: string;
  CustomerName: string;
  CustomerCurrency: string;
  Price: number;
}

/**
 * The tenant's data while the simulator runs: a deep copy of the seed plus sales and stock.
 * Records keep the API's field names; the maps are keyed by lower-case ID.
 */
export class SimState {
  /** The seed `reset` last loaded, kept unchanged for the next reset. */
  seed!: DearSeed;
  me!: DearSeed['me'];
  /** Reference books (tiers, tax rules, locations, carriers, discount rules, company contacts). */
  reference!: DearSeed;
  products = new Map<string, DearProductRecord>();
  customers = new Map<string, DearCustomerRecord>();
  sales = new Map<string, SimSale>();
  /** Stock on hand per lower-case product ID. */
  stock = new Map<string, Decimal>();
  saleOrderCounter = 0;
  /**
   * Percentage taken off the document totals of a sale order posted as AUTHORISED while `me`
   * has `AutomaticallyApplyDiscounts` true; null leaves totals as posted. Set by the control API.
   */
  authorisationDiscountPercent: Decimal | null = null;
  private customPriceIndex: Map<string, ProductCustomPrice[]> | null = null;

  constructor(
    initialSeed: DearSeed,
    readonly clock: DearStampClock,
  ) {
    this.reset(initialSeed);
  }

  /** Replaces all data with a fresh copy of `seed` and drops every sale. */
  reset(seed: DearSeed): void {
    this.seed = seed;
    const copy = structuredClone(seed);
    this.me = copy.me;
    this.products = new Map(copy.products.map((product) => [product.ID.toLowerCase(), product]));
    this.customers = new Map(
      copy.customers.map((customer) => [customer.ID.toLowerCase(), customer]),
    );
    this.sales = new Map();
    this.saleOrderCounter = 0;
    this.authorisationDiscountPercent = null;
    this.customPriceIndex = null;
    this.stock = new Map();
    for (const [key, quantity] of Object.entries(copy.stock ?? {})) {
      const product = this.findProduct(key);
      if (product) this.stock.set(product.ID.toLowerCase(), new Decimal(quantity));
    }
    this.reference = copy;
  }

  /** Finds a product by ID or SKU (both case-insensitive). */
  findProduct(idOrSku: string): DearProductRecord | undefined {
    const byId = this.products.get(idOrSku.toLowerCase());
    if (byId) return byId;
    return this.findProductBySku(idOrSku);
  }

  findProductBySku(sku: string): DearProductRecord | undefined {
    const lower = sku.toLowerCase();
    for (const product of this.products.values())
      if (product.SKU.toLowerCase() === lower) return product;
    return undefined;
  }

  findCustomer(id: string): DearCustomerRecord | undefined {
    return this.customers.get(id.toLowerCase());
  }

  findCustomerByName(name: string): DearCustomerRecord | undefined {
    const lower = name.toLowerCase();
    for (const customer of this.customers.values())
      if (customer.Name.toLowerCase() === lower) return customer;
    return undefined;
  }

  findTaxRule(name: string): DearTaxRuleRecord | undefined {
    const lower = name.toLowerCase();
    return this.reference.taxRules.find((rule) => rule.Name.toLowerCase() === lower);
  }

  findLocation(name: string) {
    const lower = name.toLowerCase();
    return this.reference.locations.find((location) => location.Name.toLowerCase() === lower);
  }

  findSale(id: string): SimSale | undefined {
    return this.sales.get(id.toLowerCase());
  }

  /** Stock on hand of a product (0 when the seed gave none). */
  stockOf(productId: string): Decimal {
    return this.stock.get(productId.toLowerCase()) ?? new Decimal(0);
  }

  /** Stock on hand minus what authorised, unshipped sales hold. */
  availableStock(productId: string): Decimal {
    let available = this.stockOf(productId);
    const key = productId.toLowerCase();
    for (const sale of this.sales.values()) {
      const allocated = sale.allocated.get(key);
      if (allocated) available = available.minus(allocated);
    }
    return available;
  }

  /** Product-side `CustomPrices`, derived from every customer's `ProductPrices`. */
  customPricesOf(productId: string): ProductCustomPrice[] {
    if (!this.customPriceIndex) {
      const index = new Map<string, ProductCustomPrice[]>();
      for (const customer of this.customers.values()) {
        for (const price of customer.ProductPrices ?? []) {
          const key = price.ProductID.toLowerCase();
          const list = index.get(key) ?? [];
          list.push({
            CustomerID: customer.ID,
            CustomerName: customer.Name,
            CustomerCurrency: customer.Currency,
            Price: price.Price,
          });
          index.set(key, list);
        }
      }
      this.customPriceIndex = index;
    }
    return this.customPriceIndex.get(productId.toLowerCase()) ?? [];
  }

  /** Call after changing any customer's prices, name or currency. */
  invalidateCustomPrices(): void {
    this.customPriceIndex = null;
  }
}

/** Sorts records for paging: by `LastModifiedOn` then ID, or by name then ID. */
export function sortForListing<T extends { ID: string; LastModifiedOn: string; Name: string }>(
  records: Iterable<T>,
  order: ListOrder,
): T[] {
  const rows = [...records];
  if (order === 'name') {
    return rows.sort((a, b) => a.Name.localeCompare(b.Name) || a.ID.localeCompare(b.ID));
  }
  const keyed = rows.map((record) => ({ record, ticks: ticksOfStamp(record.LastModifiedOn) }));
  keyed.sort((a, b) => compareTicks(a.ticks, b.ticks) || a.record.ID.localeCompare(b.record.ID));
  return keyed.map((entry) => entry.record);
}

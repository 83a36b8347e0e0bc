import {
  parseCustomer,
  parseLocation,
  parsePriceTiers,
  parseProduct,
  parseTaxRule,
  tierNamesOf,
} from '../dear/parse.js';
import type {
  DearCustomer,
  DearMe,
  DearProduct,
  DearTaxRule,
  ParseResult,
} from '../dear/records.js';
import { getLogger } from '../log/logger.js';
import type { Store } from '../store/types.js';
import { loadReference, type ReferenceData } from '../sync/reference-cache.js';
import { isServiceProduct } from './mapping/map-order.js';
import { chooseSaleTaxRate } from './mapping/tax-rule.js';
import type { MappingReference } from './mapping/types.js';
import type { OrdersDearPort } from './ports.js';

const log = getLogger('orders');

/** The tax setup before and after a re-read, each described for a log line. */
export interface TaxSetupChange {
  changed: boolean;
  before: string;
  after: string;
}

type OrderReference =
  ReferenceData | Pick<ReferenceData, 'me' | 'taxRules' | 'locations' | 'priceTiers'>;

/**
 * Reads what the order mapping needs from the store: the cached reference books (fetched from
 * Cin7 Core when the reference job has not cached them yet), cached products parsed on first
 * use, and the freight service product found by name on first use. One instance serves one
 * orders run, so every order of the run sees the same reference data.
 */
export class MappingInputs {
  private readonly productCache = new Map<string, DearProduct | null>();
  private freightLookup: { name: string; product: DearProduct | null } | null = null;
  private taxSetupReread = false;

  private constructor(
    private readonly store: Store,
    private data: OrderReference,
    /** The Upstock supplier account ID that goes into every sale's ExternalID. */
    readonly supplierId: string,
  ) {}

  /**
   * Loads the reference books from the store, or fetches `me`, tax rules, locations and price
   * tiers (4 Cin7 Core calls) when the cache lacks them. Throws what the client throws.
   */
  static async load(
    store: Store,
    dear: Pick<OrdersDearPort, 'me' | 'taxRules' | 'locations' | 'priceTiers'>,
    supplierId: string,
  ): Promise<MappingInputs> {
    const cached = loadReference(store.catalog);
    if (cached) return new MappingInputs(store, cached.data, supplierId);

    log.info('Reference books are not cached yet; reading them from Cin7 Core for this orders run');
    const me = await dear.me();
    const taxRules = keepParsed(await dear.taxRules(), parseTaxRule, 'tax rule');
    const locations = keepParsed(await dear.locations(), parseLocation, 'location');
    const tiers = parsePriceTiers(await dear.priceTiers());
    if (!tiers.ok)
      log.warn(`Price tiers cannot be parsed (${tiers.reason}); using default tier names`);
    const priceTiers = tiers.ok ? tiers.value : [];
    return new MappingInputs(store, { me, taxRules, locations, priceTiers }, supplierId);
  }

  /** Whether Cin7 Core applies discounts and deals when a sale order is authorised (`/me`). */
  get automaticallyApplyDiscounts(): boolean {
    return this.data.me.automaticallyApplyDiscounts;
  }

  /** Returns the cached customer, or null when it is not cached or its record cannot be parsed. */
  customer(customerId: string): DearCustomer | null {
    const raw = this.store.catalog.getCustomer(customerId);
    if (raw === null) return null;
    const parsed = parseCustomer(raw);
    if (parsed.ok) return parsed.value;
    log.warn(
      `Cached customer ${customerId} cannot be parsed (${parsed.field}: ${parsed.reason}); orders for it are parked`,
    );
    return null;
  }

  /** Returns the reference data for the mapping, with the freight product named `freightName`. */
  reference(freightName: string): MappingReference {
    return {
      me: this.data.me,
      taxRules: this.data.taxRules,
      locations: this.data.locations,
      priceTiers: this.data.priceTiers,
      supplierId: this.supplierId,
      products: { get: (productId) => this.product(productId) ?? undefined },
      freightProduct: this.freightProduct(freightName),
    };
  }

  /**
   * Reads `/me` and the tax rules from Cin7 Core again, once per instance (one orders run).
   * When the tax calculation method or the rate of the sale tax rule the mapping picks
   * (`configuredRule`, as in the order settings) changed, this instance and the store's
   * reference cache take the fresh `/me` and tax rules. Returns the change, or null when the
   * re-read already happened. Throws what the client throws.
   * NOTE: writing `me` renews the age of the whole reference cache, so the reference job may
   * read the other books up to an hour later than it would have.
   */
  async rereadTaxSetup(
    dear: Pick<OrdersDearPort, 'me' | 'taxRules'>,
    configuredRule: string | null,
    signal?: AbortSignal,
  ): Promise<TaxSetupChange | null> {
    if (this.taxSetupReread) return null;
    this.taxSetupReread = true;
    const me = await dear.me(signal);
    const rawRules = await dear.taxRules(signal);
    const taxRules = keepParsed(rawRules, parseTaxRule, 'tax rule');
    const before = describeTaxSetup(this.data.me, this.data.taxRules, configuredRule);
    const after = describeTaxSetup(me, taxRules, configuredRule);
    if (before === after) return { changed: false, before, after };

    this.data = { ...this.data, me, taxRules };
    // `me` goes last, as the reference job writes it, because its age is the cache's age.
    this.store.catalog.setReference('taxRules', rawRules);
    this.store.catalog.setReference('me', me);
    log.info(`Cached the changed Cin7 Core tax setup: ${after}`);
    return { changed: true, before, after };
  }

  /** Returns the Cin7 Core currency of the account. */
  get baseCurrency(): string {
    return this.data.me.currency;
  }

  private product(productId: string): DearProduct | null {
    if (this.productCache.has(productId)) return this.productCache.get(productId)!;
    const raw = this.store.catalog.getProduct(productId);
    let product: DearProduct | null = null;
    if (raw !== null) {
      const parsed = parseProduct(raw, tierNamesOf(this.data.priceTiers));
      if (parsed.ok) product = parsed.value;
      else
        log.warn(
          `Cached product ${productId} cannot be parsed (${parsed.field}: ${parsed.reason})`,
        );
    }
    this.productCache.set(productId, product);
    return product;
  }

  /**
   * Finds the service product named `name` (case-insensitive) among the cached products,
   * preferring a service over a stock product of the same name. Scans the cache once per run.
   */
  private freightProduct(name: string): DearProduct | null {
    if (this.freightLookup?.name === name) return this.freightLookup.product;
    const wanted = name.trim().toLowerCase();
    const tierNames = tierNamesOf(this.data.priceTiers);
    let found: DearProduct | null = null;
    for (const raw of this.store.catalog.allProducts()) {
      const record = raw as { Name?: unknown };
      if (typeof record.Name !== 'string' || record.Name.trim().toLowerCase() !== wanted) continue;
      const parsed = parseProduct(raw, tierNames);
      if (!parsed.ok) continue;
      found = parsed.value;
      if (isServiceProduct(found)) break;
    }
    this.freightLookup = { name, product: found };
    return found;
  }
}

/** Describes the tax calculation method and the sale tax rule the mapping would pick. */
function describeTaxSetup(
  me: DearMe,
  taxRules: readonly DearTaxRule[],
  configuredRule: string | null,
): string {
  const chosen = chooseSaleTaxRate(taxRules, me, configuredRule);
  const rule = chosen.ok
    ? `rule "${chosen.value.ruleName}" at ${chosen.value.rate.times(100).toString()}%`
    : 'no usable sale tax rule';
  return `method "${me.taxCalculationMethod}", ${rule}`;
}

function keepParsed<T>(
  raws: unknown[],
  parse: (raw: unknown) => ParseResult<T>,
  kind: string,
): T[] {
  const values: T[] = [];
  for (const raw of raws) {
    const parsed = parse(raw);
    if (parsed.ok) values.push(parsed.value);
    else log.warn(`Skipped ${kind} ${parsed.recordId}: ${parsed.field} ${parsed.reason}`);
  }
  return values;
}

import type {
  DearCustomerRecord,
  DearDealRecord,
  DearProductRecord,
  DearSeed,
} from '../../sample/dear-seed.js';
import type { CallRecord } from './call-log.js';
import {
  addCustomers,
  addProducts,
  ControlError,
  patchCustomer,
  patchProduct,
} from './catalog-edits.js';
import { DEALS_ENVELOPES, type DealsEnvelope } from './deal-routes.js';
import type { FaultSettings } from './faults.js';
import type { RateLimitSettings } from './rate-window.js';
import { shipSale, voidSale, type ShipRequest } from './sale-fulfilment.js';
import { saleView } from './sale-views.js';
import type { AfterCallHook, SimulatorContext } from './simulator-context.js';
import { Decimal } from 'decimal.js';

/** A change the HTTP control API can schedule to run after a given list page is served. */
export type PageAction =
  | { op: 'patch-product'; id: string; changes: Record<string, unknown> }
  | { op: 'patch-customer'; id: string; changes: Record<string, unknown> }
  | { op: 'add-product'; product: Partial<DearProductRecord> }
  | { op: 'deprecate-product'; id: string };

/** Summary returned by `state()`; large lists are counted, not listed. */
export interface SimulatorStateSummary {
  company: string;
  products: number;
  customers: number;
  sales: number;
  callCount: number;
  me: DearSeed['me'];
  rateLimit: RateLimitSettings;
  faults: FaultSettings;
  listOrder: string;
  dealsEnvelope: DealsEnvelope;
  deals: number;
  stock: Record<string, number>;
}

/**
 * Test and sandbox controls of a running simulator. Every method is also reachable over HTTP
 * under `/_control/`. Methods throw ControlError (status 400, 404 or 409) on bad input.
 */
export class DearControl {
  constructor(private readonly context: SimulatorContext) {}

  private get state() {
    return this.context.state;
  }

  /** Returns counts, settings, faults and stock (stock keyed by SKU). */
  summary(): SimulatorStateSummary {
    const stock: Record<string, number> = {};
    for (const [id, quantity] of this.state.stock) {
      const product = this.state.products.get(id);
      stock[product?.SKU ?? id] = quantity.toNumber();
    }
    return {
      company: this.state.me.Company,
      products: this.state.products.size,
      customers: this.state.customers.size,
      sales: this.state.sales.size,
      callCount: this.context.callCount,
      me: this.state.me,
      rateLimit: { ...this.context.rateWindow.settings },
      faults: this.context.faults.describe(),
      listOrder: this.context.listOrder,
      dealsEnvelope: this.context.dealsEnvelope,
      deals: this.state.reference.deals?.length ?? 0,
      stock,
    };
  }

  /**
   * Reloads the seed (or a new one), drops sales, and clears faults, hooks, the call log and
   * the rate window.
   */
  reset(seed?: DearSeed): void {
    this.state.reset(seed ?? this.state.seed);
    this.context.afterCallHooks.clear();
    this.context.faults.clear();
    this.context.callLog.clear();
    this.context.rateWindow.clear();
  }

  product(id: string): DearProductRecord {
    const product = this.state.findProduct(id);
    if (!product) throw new ControlError(404, `Product ${id} not found`);
    return product;
  }

  customer(id: string): DearCustomerRecord {
    const customer = this.state.findCustomer(id);
    if (!customer) throw new ControlError(404, `Customer ${id} not found`);
    return customer;
  }

  addProducts(products: Array<Partial<DearProductRecord>>): DearProductRecord[] {
    return addProducts(this.state, products);
  }

  /** Changes any fields of a product (e.g. `PriceTier2`) and stamps `LastModifiedOn`. */
  patchProduct(id: string, changes: Record<string, unknown>): DearProductRecord {
    return patchProduct(this.state, id, changes);
  }

  deprecateProduct(id: string): DearProductRecord {
    return patchProduct(this.state, id, { Status: 'Deprecated' });
  }

  addCustomers(customers: Array<Partial<DearCustomerRecord>>): DearCustomerRecord[] {
    return addCustomers(this.state, customers);
  }

  patchCustomer(id: string, changes: Record<string, unknown>): DearCustomerRecord {
    return patchCustomer(this.state, id, changes);
  }

  /** Sets stock on hand per product ID or SKU. Throws ControlError 404 for unknown products. */
  setStock(levels: Record<string, number>): void {
    for (const [key, quantity] of Object.entries(levels)) {
      const product = this.state.findProduct(key);
      if (!product) throw new ControlError(404, `Product ${key} not found`);
      if (typeof quantity !== 'number' || !Number.isFinite(quantity)) {
        throw new ControlError(400, `Stock for ${key} must be a number, got ${String(quantity)}`);
      }
      this.state.stock.set(product.ID.toLowerCase(), new Decimal(quantity));
    }
  }

  setFaults(settings: FaultSettings): FaultSettings {
    try {
      this.context.faults.configure(settings);
    } catch (error) {
      throw new ControlError(400, (error as Error).message);
    }
    return this.context.faults.describe();
  }

  clearFaults(): void {
    this.context.faults.clear();
  }

  /** Changes the rate window; the calls already counted are forgotten. */
  setRateLimit(settings: Partial<RateLimitSettings>): RateLimitSettings {
    const next = { ...this.context.rateWindow.settings, ...settings };
    if (!Number.isInteger(next.calls) || next.calls < 0)
      throw new ControlError(400, `calls must be a whole number >= 0, got ${next.calls}`);
    if (!(next.windowMs > 0))
      throw new ControlError(400, `windowMs must be > 0, got ${next.windowMs}`);
    if (next.throttleMode !== '429' && next.throttleMode !== '503')
      throw new ControlError(400, `throttleMode must be "429" or "503"`);
    this.context.rateWindow.settings = next;
    this.context.rateWindow.clear();
    return next;
  }

  /** Merges company settings such as `TaxCalculationMethod` into `GET me`. */
  updateSettings(changes: Record<string, unknown>): DearSeed['me'] {
    const method = changes.TaxCalculationMethod;
    if (method !== undefined && method !== 'Row Total' && method !== 'Total') {
      throw new ControlError(
        400,
        `TaxCalculationMethod must be "Row Total" or "Total", got ${String(method)}`,
      );
    }
    Object.assign(this.state.me, changes);
    return this.state.me;
  }

  /**
   * Sets the percentage taken off the totals of each sale order posted as AUTHORISED while
   * `me` has `AutomaticallyApplyDiscounts` true, or turns it off with null. Returns the
   * percentage set. Throws ControlError 400 unless it is null or a number from 0 to 100.
   */
  setAuthorisationDiscount(percent: unknown): number | null {
    if (percent === null) {
      this.state.authorisationDiscountPercent = null;
      return null;
    }
    if (typeof percent !== 'number' || !Number.isFinite(percent) || percent < 0 || percent > 100) {
      throw new ControlError(
        400,
        `percent must be null or a number from 0 to 100, got ${JSON.stringify(percent)}`,
      );
    }
    this.state.authorisationDiscountPercent = new Decimal(percent);
    return percent;
  }

  /**
   * Changes any fields of a deal (e.g. `IsActive`, `DateTo`); deals carry no modified stamp.
   * Throws ControlError 404 when no deal has that ID.
   */
  patchDeal(id: string, changes: Record<string, unknown>): DearDealRecord {
    const deal = (this.state.reference.deals ?? []).find(
      (candidate) => candidate.ID.toLowerCase() === id.toLowerCase(),
    );
    if (!deal) throw new ControlError(404, `Deal ${id} not found`);
    Object.assign(deal, changes, { ID: deal.ID });
    return deal;
  }

  /**
   * Chooses whether `GET reference/deals` adds `Total` and `Page` (`with-total`) or sends
   * `Deals` alone (`deals-only`). Throws ControlError 400 for any other value.
   */
  setDealsEnvelope(envelope: unknown): DealsEnvelope {
    if (!DEALS_ENVELOPES.includes(envelope as DealsEnvelope)) {
      throw new ControlError(
        400,
        `envelope must be one of ${DEALS_ENVELOPES.join(', ')}, got ${JSON.stringify(envelope)}`,
      );
    }
    this.context.dealsEnvelope = envelope as DealsEnvelope;
    return this.context.dealsEnvelope;
  }

  /** Every sale in the shape `GET sale` returns, newest first. */
  sales(): Record<string, unknown>[] {
    return [...this.state.sales.values()].reverse().map((sale) => saleView(this.state, sale));
  }

  /** Picks, packs and ships a sale in whole or in part; returns the updated sale. */
  shipSale(id: string, request: ShipRequest): Record<string, unknown> {
    return saleView(this.state, shipSale(this.state, id, request));
  }

  voidSale(id: string): Record<string, unknown> {
    return saleView(this.state, voidSale(this.state, id));
  }

  calls(): CallRecord[] {
    return this.context.callLog.list();
  }

  clearCalls(): void {
    this.context.callLog.clear();
  }

  /** Registers a hook that runs after each API call that gets a response; returns a function removing it. */
  afterCall(hook: AfterCallHook): () => void {
    this.context.afterCallHooks.add(hook);
    return () => this.context.afterCallHooks.delete(hook);
  }

  /** Runs `actions` once, right after page `afterPage` of `endpoint` (e.g. `product`) is served. */
  onPage(endpoint: string, afterPage: number, actions: PageAction[]): void {
    const hook: AfterCallHook = (event) => {
      if (
        event.method !== 'GET' ||
        event.path !== endpoint.toLowerCase() ||
        event.page !== afterPage
      )
        return;
      this.context.afterCallHooks.delete(hook);
      for (const action of actions) this.applyPageAction(action);
    };
    this.context.afterCallHooks.add(hook);
  }

  private applyPageAction(action: PageAction): void {
    switch (action.op) {
      case 'patch-product':
        this.patchProduct(action.id, action.changes);
        return;
      case 'patch-customer':
        this.patchCustomer(action.id, action.changes);
        return;
      case 'add-product':
        this.addProducts([action.product]);
        return;
      case 'deprecate-product':
        this.deprecateProduct(action.id);
        return;
    }
  }
}

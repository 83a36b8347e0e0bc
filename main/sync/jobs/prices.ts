import { parseCustomer } from '../../dear/parse-customer.js';
import { parseProduct, tierNamesOf } from '../../dear/parse-product.js';
import type { DearCustomer } from '../../dear/records.js';
import { getLogger } from '../../log/logger.js';
import type { WireCustomerInput } from '../../upstock/wire.js';
import type { Job, JobContext } from '../job.js';
import { ensureMappingsAccount } from '../upstock-account.js';
import { RepairTally } from '../upstock-holdings.js';
import { summarizeDeals } from '../pricing/deals.js';
import { reportForeignCurrency } from '../pricing/foreign-currency.js';
import { planPriceLists, type PricedProduct, type PricingPlan } from '../pricing/price-lists.js';
import { loadReference } from '../reference-cache.js';
import { pendingCustomer, pushCustomers } from './customer-records.js';
import { putChangedLists, retireUnusedLists } from './price-list-writes.js';
import type { PendingRecord } from './push-batches.js';
import { ensureDeals, ensureReference } from './reference.js';

const log = getLogger('sync');

/**
 * Computes the price lists from the cached catalog and brings Upstock in line: puts the lists
 * whose content changed, moves customers whose list changed (a customer upsert with the new
 * key), then deletes the lists no customer uses any more. Rules that price lists cannot
 * express, and every active, current deal, are reported with the run. Calls Cin7 Core only
 * when no reference data (or no deals) is cached. A full pass lists Upstock's price lists
 * first: it puts again each list Upstock lacks or stores with another name or product count,
 * and reassigns the customers whose recorded list Upstock lacked.
 */
export const pricesJob: Job = {
  name: 'prices',
  async run(ctx) {
    await ensureMappingsAccount(ctx);
    const reference = await ensureReference(ctx);
    const products = carriedProducts(ctx, tierNamesOf(reference.priceTiers));
    const customers = activeCustomers(ctx);
    const deals = await ensureDeals(ctx, reference);
    reportUnreadableDeals(ctx);

    const plan = planPriceLists({
      products,
      customers,
      tiers: reference.priceTiers,
      discountRules: reference.discountRules,
      applyCustomerDiscountAfterOtherDiscounts:
        reference.me.applyCustomerDiscountsAfterOtherDiscounts,
      deals: summarizeDeals(deals, customers, ctx.startedAt),
    });
    recordPlanReports(ctx, plan);
    reportForeignCurrencyCustomers(ctx, customers, reference.me.currency);
    log.info(
      `Planned ${plan.lists.length} price lists for ${customers.length} customers and ${products.length} products`,
    );

    const held = ctx.mode === 'full' ? await ctx.upstock.listPriceLists() : null;
    await putChangedLists(ctx, plan.lists, held);
    const heldKeys = held ? new Set(held.map((summary) => summary.key)) : null;
    await assignCustomers(ctx, plan, customers, reference.me.currency, heldKeys);
    await retireUnusedLists(ctx, new Set(plan.lists.map((list) => list.key)), held);
  },
};

/**
 * Returns the products a price list can carry: selected, parsed, not a service, not
 * deprecated, sellable, and already accepted by Upstock (a list may only name existing
 * products). Parse failures are reported by the products job, not here. Keeps only the
 * fields that decide prices, so descriptions and attachments of a large catalog are not held.
 */
function carriedProducts(ctx: JobContext, tierNames: string[]): PricedProduct[] {
  const products: PricedProduct[] = [];
  const accepted = new Set(
    ctx.store.mappings
      .list('product')
      .filter((mapping) => mapping.contentHash)
      .map((mapping) => mapping.dearId),
  );
  for (const id of ctx.store.selection.listSelected()) {
    if (!accepted.has(id)) continue;
    const parsed = parseProduct(ctx.store.catalog.getProduct(id), tierNames);
    if (!parsed.ok) continue;
    const product = parsed.value;
    if (product.type === 'Service' || product.status === 'Deprecated' || !product.sellable)
      continue;
    products.push({
      id: product.id,
      sku: product.sku,
      tierPrices: product.tierPrices,
      discountRule: product.discountRule,
    });
  }
  return products;
}

function activeCustomers(ctx: JobContext): DearCustomer[] {
  const customers: DearCustomer[] = [];
  for (const id of ctx.store.catalog.customerIds()) {
    const parsed = parseCustomer(ctx.store.catalog.getCustomer(id));
    if (parsed.ok && parsed.value.status !== 'Deprecated') customers.push(parsed.value);
  }
  return customers;
}

/**
 * Logs customers whose currency differs from the account's and reports them with the run,
 * without failing it. Their lists carry base-currency prices, because Upstock takes orders in
 * the base currency only.
 */
function reportForeignCurrencyCustomers(
  ctx: JobContext,
  customers: DearCustomer[],
  baseCurrency: string,
): void {
  for (const entry of reportForeignCurrency(customers, baseCurrency))
    ctx.result.unrepresentable(entry);
  const foreign = customers.filter(
    (customer) => customer.currency && customer.currency !== baseCurrency,
  );
  if (foreign.length === 0) return;
  log.warn(
    `${foreign.length} customers use a currency other than ${baseCurrency}; their price lists carry ${baseCurrency} prices`,
    foreign
      .slice(0, 20)
      .map((customer) => `${customer.id} (${customer.name}, ${customer.currency})`),
  );
}

/**
 * Reports the cached deals that do not parse, so a deal is never left out of the prices report
 * without a trace. The reference run reported them too, but that may have been hours ago.
 */
function reportUnreadableDeals(ctx: JobContext): void {
  const issues = loadReference(ctx.store.catalog)?.issues ?? [];
  for (const issue of issues) {
    if (issue.book !== 'deals') continue;
    ctx.result.fail({
      entity: 'reference',
      recordId: issue.recordId,
      label: 'deals',
      field: issue.field,
      reason: `${issue.reason} The deal is left out of the deals this run reports.`,
    });
    log.warn(`Deal ${issue.recordId} could not be read: ${issue.field}: ${issue.reason}`);
  }
}

function recordPlanReports(ctx: JobContext, plan: PricingPlan): void {
  for (const rule of plan.unrepresentable) ctx.result.unrepresentable(rule);
  for (const issue of plan.issues) {
    ctx.result.fail({
      entity: issue.entity === 'customer' ? 'customers' : 'products',
      recordId: issue.recordId,
      label: issue.label,
      field: issue.field,
      reason: issue.reason,
    });
  }
}

/**
 * Sends every customer whose planned list differs from the one Upstock has. Customers left out
 * of the plan (deprecated, or no longer parseable) but still holding a list are moved to no
 * list, so that list can be deleted. `heldKeys`, Upstock's list keys read before this run put
 * any list (full pass only), marks a recorded list Upstock lacked: its customers are sent again.
 */
async function assignCustomers(
  ctx: JobContext,
  plan: PricingPlan,
  customers: DearCustomer[],
  baseCurrency: string,
  heldKeys: ReadonlySet<string> | null,
): Promise<void> {
  const pending: PendingRecord<WireCustomerInput>[] = [];
  const assigned = new Map(
    ctx.store.mappings
      .list('customerPriceList')
      .map((mapping) => [mapping.dearId, mapping.upstockId]),
  );
  const repairs = new RepairTally('price list assignments');
  for (const customer of customers) {
    const key = plan.assignments.get(customer.id) ?? null;
    let current = assigned.get(customer.id) ?? null;
    if (current !== null && heldKeys && !heldKeys.has(current)) {
      repairs.noteMissing(customer.id);
      current = null;
    }
    if (current === key) {
      ctx.result.count('assignments', 'unchanged');
      continue;
    }
    pending.push(pendingCustomer(ctx, customer, key, baseCurrency));
  }

  for (const [customerId, key] of assigned) {
    if (key === null || plan.assignments.has(customerId)) continue;
    const parsed = parseCustomer(ctx.store.catalog.getCustomer(customerId));
    if (!parsed.ok) continue;
    pending.push(pendingCustomer(ctx, parsed.value, null, baseCurrency));
  }

  const accepted = await pushCustomers(
    ctx,
    'assignments',
    'assigning customers to price lists',
    pending,
  );
  if (heldKeys) repairs.log(accepted);
}

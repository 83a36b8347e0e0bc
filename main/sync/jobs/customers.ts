import { parseCustomer } from '../../dear/parse-customer.js';
import { getLogger } from '../../log/logger.js';
import type { WireCustomerInput } from '../../upstock/wire.js';
import type { Job, JobContext } from '../job.js';
import { ensureMappingsAccount } from '../upstock-account.js';
import { customerFingerprint, readHeldCustomers, RepairTally } from '../upstock-holdings.js';
import { pendingCustomer, pushCustomers } from './customer-records.js';
import { fetchIntoCache, reportInvalid } from './fetch-into-cache.js';
import type { PendingRecord } from './push-batches.js';
import { ensureReference } from './reference.js';

const log = getLogger('sync');

/** Store cursor: start time of the last successful customers run (ISO 8601). */
export const CUSTOMERS_CURSOR = 'customers.modifiedSince';

/**
 * Reads changed Cin7 Core customers into the catalog cache, then sends them to Upstock with
 * contacts, addresses, sales rep, tax rule, payment term and their current price list.
 * Active customers are sent; a deprecated one is sent inactive when Upstock already has it and
 * skipped otherwise; a full pass also deactivates customers gone from Cin7 Core. A full pass
 * also lists Upstock's customers and price lists: it sends again every customer Upstock lacks
 * or holds with other content, and sends a customer whose price list Upstock lacks with no
 * list, so the prices job puts the list back and reassigns the customer.
 */
export const customersJob: Job = {
  name: 'customers',
  async run(ctx) {
    await ensureMappingsAccount(ctx);
    const reference = await ensureReference(ctx);
    const baseCurrency = reference.me.currency;

    const fetched = await fetchIntoCache(ctx, {
      entity: 'customers',
      cursorName: CUSTOMERS_CURSOR,
      list: (options) => ctx.dear.listCustomers({ ...options, includeProductPrices: true }),
      upsert: (rows) => ctx.store.catalog.upsertCustomers(rows),
      cachedIds: () => ctx.store.catalog.customerIds(),
      validate: (raw) => parseCustomer(raw),
    });

    if (fetched.goneIds.length > 0) await deactivateGone(ctx, fetched.goneIds, baseCurrency);
    await sendCustomers(ctx, baseCurrency, fetched.invalidIds);

    if (fetched.complete) ctx.store.cursors.set(CUSTOMERS_CURSOR, fetched.nextCursor);
  },
};

async function sendCustomers(
  ctx: JobContext,
  baseCurrency: string,
  alreadyReported: Set<string>,
): Promise<void> {
  const held = ctx.mode === 'full' ? await readHeldCustomers(ctx) : null;
  const heldLists =
    ctx.mode === 'full'
      ? new Set((await ctx.upstock.listPriceLists()).map((summary) => summary.key))
      : null;
  const repairs = new RepairTally('customers');
  const listGone: string[] = [];
  const mappings = new Map(
    ctx.store.mappings.list('customer').map((mapping) => [mapping.dearId, mapping]),
  );
  const pending: PendingRecord<WireCustomerInput>[] = [];
  const assigned = new Map(
    ctx.store.mappings
      .list('customerPriceList')
      .map((mapping) => [mapping.dearId, mapping.upstockId]),
  );

  for (const id of ctx.store.catalog.customerIds()) {
    const parsed = parseCustomer(ctx.store.catalog.getCustomer(id));
    if (!parsed.ok) {
      if (!alreadyReported.has(id)) reportInvalid(ctx, 'customers', parsed);
      continue;
    }
    const customer = parsed.value;
    const mapping = mappings.get(id);
    if (customer.status === 'Deprecated' && !mapping) {
      ctx.result.count('customers', 'skipped');
      continue;
    }

    // Without a recorded assignment (a new data folder) the key is left out, so Upstock keeps
    // the customer's current price list until the prices job assigns one.
    let priceListKey = assigned.has(id) ? (assigned.get(id) ?? null) : undefined;
    if (typeof priceListKey === 'string' && heldLists && !heldLists.has(priceListKey)) {
      // Upstock rejects a customer on a list it lacks; the prices job puts the list back first.
      listGone.push(id);
      priceListKey = null;
    }
    const record = pendingCustomer(ctx, customer, priceListKey, baseCurrency);
    const unchanged = mapping?.contentHash === record.hash;
    const lost =
      held !== null &&
      typeof mapping?.contentHash === 'string' &&
      repairs.needsRepair(id, held, unchanged, () => customerFingerprint(record.payload));
    if (unchanged && !lost) {
      ctx.result.count('customers', 'unchanged');
      continue;
    }
    pending.push(record);
  }

  log.info(`Sending ${pending.length} changed customers to Upstock`);
  const accepted = await pushCustomers(ctx, 'customers', 'sending customers to Upstock', pending);
  if (held) repairs.log(accepted);
  if (listGone.length > 0) {
    log.info(
      `Full pass: Upstock lacks the price list of ${listGone.length} customers; they go to Upstock with no list until the prices job puts the list back`,
      listGone.slice(0, 20),
    );
  }
}

/**
 * Marks inactive in Upstock the customers a full pass no longer found in Cin7 Core, then
 * drops them from the cache. Customers Upstock never had are only dropped; one Upstock
 * rejects stays cached for the next full pass.
 */
async function deactivateGone(
  ctx: JobContext,
  goneIds: string[],
  baseCurrency: string,
): Promise<void> {
  log.info(`${goneIds.length} cached customers are gone from Cin7 Core`, goneIds.slice(0, 20));
  const pending: PendingRecord<WireCustomerInput>[] = [];
  const droppable: string[] = [];
  for (const id of goneIds) {
    const mapping = ctx.store.mappings.get('customer', id);
    const parsed = parseCustomer(ctx.store.catalog.getCustomer(id));
    if (!mapping || !parsed.ok) {
      if (mapping) {
        ctx.result.fail({
          entity: 'customers',
          recordId: id,
          reason:
            'The customer is gone from Cin7 Core, but its cached copy is malformed, so it could not be made inactive in Upstock. Deactivate it there by hand.',
        });
      }
      droppable.push(id);
      continue;
    }
    const record = pendingCustomer(
      ctx,
      { ...parsed.value, status: 'Deprecated' },
      null,
      baseCurrency,
    );
    if (mapping.contentHash === record.hash) droppable.push(id);
    else pending.push(record);
  }

  const accepted = await pushCustomers(
    ctx,
    'goneCustomers',
    'deactivating customers gone from Cin7 Core',
    pending,
  );
  ctx.store.catalog.deleteCustomers([...droppable, ...accepted]);
}

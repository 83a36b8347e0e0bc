import { getLogger } from '../log/logger.js';
import type { Mapping, Store } from '../store/types.js';
import type { WireAccount } from '../upstock/wire.js';
import type { JobContext } from './job.js';
import type { UpstockPort } from './ports.js';

const log = getLogger('sync');

/**
 * Store cursor: the Upstock supplier ID that the product, customer and price list mappings
 * were made against.
 */
export const MAPPINGS_ACCOUNT_CURSOR = 'upstock.mappingsAccountId';
/** Store cursor: the Upstock base URL the mappings were made against. */
export const MAPPINGS_URL_CURSOR = 'upstock.mappingsBaseUrl';

/**
 * How long one `GET account` response is reused for the same client. A client is bound to one
 * token and one URL, so its account only changes if Upstock reassigns the token; 5 minutes
 * covers one sync cycle (imports, orders, shipments) with a single read.
 */
export const ACCOUNT_MAX_AGE_MS = 5 * 60 * 1000;

const accountReads = new WeakMap<object, { account: WireAccount; readAt: number }>();

/**
 * Returns the supplier account `upstock`'s token belongs to, reading it with `GET account` at
 * most once per `ACCOUNT_MAX_AGE_MS` for the same client object. Throws what the client
 * throws (`UpstockAuthError` for a rejected token, network errors); a failed read is not kept.
 */
export async function readUpstockAccount(
  upstock: Pick<UpstockPort, 'account'>,
  now: number = Date.now(),
): Promise<WireAccount> {
  const cached = accountReads.get(upstock);
  if (cached && now - cached.readAt < ACCOUNT_MAX_AGE_MS) return cached.account;
  const account = await upstock.account();
  accountReads.set(upstock, { account, readAt: now });
  return account;
}

/** Returns the URL without trailing slashes, so "…/v1" and "…/v1/" compare equal. */
function normalizeUrl(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * Makes sure the mappings describe the Upstock account this run talks to. When the supplier ID
 * or the base URL differs from the one stored with the mappings, clears the content hashes of
 * the product, customer and price list mappings and the customers' price list assignments, so
 * every record is sent again, and logs the change. Without a stored account (the first run, or
 * data from a version that did not store it) the current account is recorded and nothing is
 * cleared; a full pass still finds what Upstock lacks. Throws what `readUpstockAccount` throws.
 */
export async function ensureMappingsAccount(
  ctx: Pick<JobContext, 'upstock' | 'store' | 'settings'>,
): Promise<void> {
  const { supplierId } = await readUpstockAccount(ctx.upstock);
  const baseUrl = normalizeUrl(ctx.upstock.baseUrl ?? ctx.settings.upstock.baseUrl);
  const storedAccount = ctx.store.cursors.get(MAPPINGS_ACCOUNT_CURSOR);
  const storedUrl = ctx.store.cursors.get(MAPPINGS_URL_CURSOR);
  if (storedAccount === supplierId && storedUrl === baseUrl) return;

  if (storedAccount === null) {
    log.info(`Recording Upstock account ${supplierId} at ${baseUrl} as the mappings' account`);
  } else if (storedAccount !== supplierId || (storedUrl !== null && storedUrl !== baseUrl)) {
    const cleared = ctx.store.transaction(() => forgetSentRecords(ctx.store));
    log.warn(
      `Upstock account changed from ${storedAccount} at ${storedUrl ?? '(URL not recorded)'} to ` +
        `${supplierId} at ${baseUrl}: sending every product, customer and price list again ` +
        `(${cleared.product} products, ${cleared.customer} customers, ${cleared.priceList} ` +
        `price lists, ${cleared.customerPriceList} price list assignments)`,
    );
  }
  ctx.store.transaction(() => {
    ctx.store.cursors.set(MAPPINGS_ACCOUNT_CURSOR, supplierId);
    ctx.store.cursors.set(MAPPINGS_URL_CURSOR, baseUrl);
  });
}

/**
 * Clears what the mappings record as accepted by Upstock: the content hashes of products,
 * customers and price lists, and each customer's assigned price list. Returns how many rows of
 * each it changed. Must run inside a transaction, so a crash never leaves a half-cleared store.
 */
function forgetSentRecords(store: Store): Record<Mapping['entity'], number> {
  const counts: Record<Mapping['entity'], number> = {
    product: 0,
    customer: 0,
    priceList: 0,
    customerPriceList: 0,
  };
  for (const entity of ['product', 'customer', 'priceList'] as const) {
    const sent = store.mappings.list(entity).filter((mapping) => mapping.contentHash !== null);
    store.mappings.upsertMany(
      sent.map((mapping) => ({ ...withoutTime(mapping), contentHash: null })),
    );
    counts[entity] = sent.length;
  }
  const assigned = store.mappings
    .list('customerPriceList')
    .filter((mapping) => mapping.upstockId !== null);
  store.mappings.upsertMany(
    assigned.map((mapping) => ({ ...withoutTime(mapping), upstockId: null })),
  );
  counts.customerPriceList = assigned.length;
  return counts;
}

function withoutTime(mapping: Mapping): Omit<Mapping, 'updatedAt'> {
  const { updatedAt: _updatedAt, ...rest } = mapping;
  return rest;
}

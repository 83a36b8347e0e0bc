import {
  MONEY_PATTERN,
  type WirePriceList,
  type WirePriceListSummary,
  type WirePutPriceListResponse,
  type WireProblem,
} from '../../upstock/wire.js';
import { customersOnPriceList } from './customers.js';
import { badRequest, notFound, requireObject, SimProblem } from './http.js';
import type { SimContext, SimPriceList } from './state.js';

const MAX_PRICES = 50_000;
const MAX_NAMED_CUSTOMERS = 20;

/** Throws a 400 problem unless `key` is 1 to 200 characters without a slash. */
export function checkPriceListKey(key: string): void {
  if (key.length === 0 || key.length > 200 || key.includes('/')) {
    throw badRequest(`price list key "${key}" must be 1 to 200 characters without "/".`);
  }
}

/** Returns the summary of a price list: counts instead of prices. */
export function priceListSummary(context: SimContext, list: SimPriceList): WirePriceListSummary {
  return {
    key: list.key,
    name: list.name,
    productCount: list.prices.size,
    customerCount: customersOnPriceList(context, list.key).length,
    updatedAt: list.updatedAt,
  };
}

/** Returns a price list with its prices sorted by product external ID. */
export function priceListView(context: SimContext, list: SimPriceList): WirePriceList {
  const prices = [...list.prices.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([productExternalId, price]) => ({ productExternalId, price }));
  return { ...priceListSummary(context, list), prices };
}

/**
 * Creates or replaces a price list (`PUT /v1/price-lists/{key}`). Throws a 422 problem listing
 * every rejected price when a product is unknown or repeated or a price is not a non-negative
 * four-decimal string, and a 400 problem for a malformed body.
 */
export function putPriceList(
  context: SimContext,
  key: string,
  body: unknown,
): WirePutPriceListResponse {
  checkPriceListKey(key);
  const input = requireObject(body, 'a "name" and a "prices" array');
  const name = input.name;
  const rawPrices = input.prices;
  if (!Array.isArray(rawPrices)) throw badRequest('The request body needs a "prices" array.');
  if (rawPrices.length > MAX_PRICES) {
    throw badRequest(
      `The price list has ${rawPrices.length} prices; at most ${MAX_PRICES} are allowed.`,
    );
  }

  const errors: NonNullable<WireProblem['errors']> = [];
  if (typeof name !== 'string' || name.trim() === '' || name.length > 200) {
    errors.push({
      externalId: null,
      field: 'name',
      reason: 'name is required, 1 to 200 characters.',
    });
  }
  const prices = new Map<string, string>();
  rawPrices.forEach((entry: unknown, index) => {
    const record = (entry ?? {}) as Record<string, unknown>;
    const productId =
      typeof record.productExternalId === 'string' ? record.productExternalId : null;
    const price = record.price;
    if (productId === null || !context.state.products.has(productId)) {
      const reason =
        productId === null
          ? 'productExternalId is required.'
          : `product "${productId}" does not exist; upsert it before pricing it.`;
      errors.push({ externalId: productId, field: `prices[${index}].productExternalId`, reason });
      return;
    }
    if (prices.has(productId)) {
      const reason = `product "${productId}" appears more than once; give each product one price.`;
      errors.push({ externalId: productId, field: `prices[${index}].productExternalId`, reason });
      return;
    }
    if (typeof price !== 'string' || !MONEY_PATTERN.test(price) || price.startsWith('-')) {
      const reason = `price ${JSON.stringify(price)} must be a non-negative decimal string with four decimal places, such as "12.5000".`;
      errors.push({ externalId: productId, field: `prices[${index}].price`, reason });
      return;
    }
    prices.set(productId, price);
  });
  if (errors.length > 0) {
    throw new SimProblem(
      422,
      'validation',
      'Invalid price list',
      `${errors.length} entries of price list "${key}" are invalid; nothing was changed.`,
      errors,
    );
  }

  return storePriceList(context, { key, name: name as string, prices });
}

function storePriceList(
  context: SimContext,
  incoming: { key: string; name: string; prices: Map<string, string> },
): WirePutPriceListResponse {
  const lists = context.state.priceLists;
  const existing = lists.get(incoming.key);
  if (existing && existing.name === incoming.name && samePrices(existing.prices, incoming.prices)) {
    return { ...priceListSummary(context, existing), result: 'unchanged' };
  }
  const stored: SimPriceList = { ...incoming, updatedAt: context.now().toISOString() };
  lists.set(incoming.key, stored);
  return { ...priceListSummary(context, stored), result: existing ? 'updated' : 'created' };
}

function samePrices(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [productId, price] of a) {
    if (b.get(productId) !== price) return false;
  }
  return true;
}

/**
 * Deletes a price list (`DELETE /v1/price-lists/{key}`). Throws 404 when it does not exist and
 * 409 while customers are assigned to it, naming up to 20 of them.
 */
export function deletePriceList(context: SimContext, key: string): void {
  checkPriceListKey(key);
  if (!context.state.priceLists.has(key)) throw notFound('price list', key);
  const assigned = customersOnPriceList(context, key);
  if (assigned.length > 0) {
    throw new SimProblem(
      409,
      'price-list-in-use',
      'Price list in use',
      `${assigned.length} customers are assigned to price list "${key}"; assign them another list first.`,
      assigned.slice(0, MAX_NAMED_CUSTOMERS).map((customer) => ({
        externalId: customer.externalId,
        field: 'priceListKey',
        reason: `customer "${customer.name}" uses this price list.`,
      })),
    );
  }
  context.state.priceLists.delete(key);
}

/** Orders strings by UTF-16 code units, the same order the paged lists use. */
function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

import type { IncomingMessage } from 'node:http';

import { ORDER_STATUSES, type OrderStatus } from '../../upstock/wire.js';
import { claimOrder, releaseClaim, renewClaim, setIntegrationState } from './claims.js';
import { upsertCustomers } from './customers.js';
import { badRequest, notFound, readJsonBody, routeKey, SimProblem } from './http.js';
import { requireOrder } from './order-entry.js';
import { orderView } from './order-view.js';
import { pageOf } from './paging.js';
import {
  checkPriceListKey,
  deletePriceList,
  priceListSummary,
  priceListView,
  putPriceList,
} from './price-lists.js';
import { upsertProducts } from './products.js';
import { recordShipment } from './shipments.js';
import type { SimContext } from './state.js';

/** A route's response. The router writes it, or drops it to simulate a lost response. */
export interface RouteResult {
  status: number;
  body?: unknown;
}

const ok = (body: unknown): RouteResult => ({ status: 200, body });

/**
 * Runs one `/v1/...` API call on the state. Returns the response to send; throws `SimProblem`
 * for every error response, including 404 for an unknown path.
 */
export async function handleApiCall(
  context: SimContext,
  request: IncomingMessage,
  url: URL,
): Promise<RouteResult> {
  const method = request.method ?? 'GET';
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent).slice(1);
  const id = parts[1];
  const query = url.searchParams;
  const body = method === 'POST' || method === 'PUT' ? await readJsonBody(request) : undefined;
  const nowMs = () => context.now().getTime();
  const { state } = context;

  switch (routeKey(method, parts)) {
    case 'GET account':
      return ok(state.account);
    case 'POST products/:id':
      if (id === 'batch') return ok(upsertProducts(context, body));
      break;
    case 'GET products':
      return ok(
        pageOf(
          state.products.values(),
          (product) => [product.id],
          query,
          (product) => product,
        ),
      );
    case 'POST customers/:id':
      if (id === 'batch') return ok(upsertCustomers(context, body));
      break;
    case 'GET customers':
      return ok(
        pageOf(
          state.customers.values(),
          (customer) => [customer.id],
          query,
          (customer) => customer,
        ),
      );
    case 'GET price-lists':
      return ok(
        pageOf(
          state.priceLists.values(),
          (list) => [list.key],
          query,
          (list) => priceListSummary(context, list),
        ),
      );
    case 'GET price-lists/:id': {
      checkPriceListKey(id ?? '');
      const list = state.priceLists.get(id ?? '');
      if (!list) throw notFound('price list', id ?? '');
      return ok(priceListView(context, list));
    }
    case 'PUT price-lists/:id':
      return ok(putPriceList(context, id ?? '', body));
    case 'DELETE price-lists/:id':
      deletePriceList(context, id ?? '');
      return { status: 204 };
    case 'GET orders':
      return ok(listOrders(context, query));
    case 'GET orders/:id':
      return ok(orderView(requireOrder(context, id ?? ''), nowMs()));
    case 'POST orders/:id/claim':
      return ok(claimOrder(context, id ?? '', body));
    case 'POST orders/:id/claim/renew':
      return ok(renewClaim(context, id ?? '', body));
    case 'DELETE orders/:id/claim':
      releaseClaim(context, id ?? '', query.get('claimToken'));
      return { status: 204 };
    case 'PUT orders/:id/integration':
      return ok(setIntegrationState(context, id ?? '', body));
    case 'POST orders/:id/shipment':
      return ok(recordShipment(context, id ?? '', body));
  }
  throw new SimProblem(
    404,
    'not-found',
    'Not found',
    `${method} ${url.pathname} is not part of the Upstock agent API.`,
  );
}

function listOrders(context: SimContext, query: URLSearchParams) {
  const statusText = query.get('status');
  let statuses: OrderStatus[] | null = null;
  if (statusText) {
    statuses = statusText.split(',').map((status) => status.trim()) as OrderStatus[];
    const unknown = statuses.find((status) => !ORDER_STATUSES.includes(status));
    if (unknown !== undefined) {
      throw badRequest(`status "${unknown}" is not one of ${ORDER_STATUSES.join(', ')}.`);
    }
  }
  const sinceText = query.get('updatedSince');
  const sinceMs = sinceText === null ? null : Date.parse(sinceText);
  if (sinceMs !== null && Number.isNaN(sinceMs)) {
    throw badRequest(`updatedSince "${sinceText}" is not an ISO 8601 timestamp.`);
  }

  const nowMs = context.now().getTime();
  const matching = [...context.state.orders.values()].filter(
    (order) =>
      (statuses === null || statuses.includes(order.status)) &&
      (sinceMs === null || Date.parse(order.updatedAt) >= sinceMs),
  );
  return pageOf(
    matching,
    (order) => [order.updatedAt, order.id],
    query,
    (order) => orderView(order, nowMs),
  );
}

import type { DealsEnvelope } from './deal-routes.js';
import type { PreparedResponse } from './http-io.js';
import type { QueryParams } from './query.js';
import type { ListOrder, SimState } from './state.js';

/** Input of an API handler: the tenant state, the parsed query and the parsed JSON body. */
export interface RouteContext {
  state: SimState;
  query: QueryParams;
  /** Parsed request body with numbers as Decimal; undefined for GET and DELETE. */
  body: unknown;
  listOrder: ListOrder;
  /** Shape of the `GET reference/deals` response. */
  dealsEnvelope: DealsEnvelope;
}

export type RouteHandler = (context: RouteContext) => PreparedResponse;

/** Returns a 200 JSON response. */
export function ok(body: unknown): PreparedResponse {
  return { status: 200, body };
}

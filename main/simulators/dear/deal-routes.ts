import { containsIgnoreCase, equalsIgnoreCase, pageOf, readPaging } from './query.js';
import { ok, type RouteHandler } from './route-types.js';

/**
 * Envelope of `GET reference/deals`. Cin7 Core documents `{ "Deals": [...] }` only; whether
 * `Total` and `Page` come with it is unconfirmed, so the simulator serves either shape.
 */
export type DealsEnvelope = 'deals-only' | 'with-total';

/** Envelopes a control call may choose. */
export const DEALS_ENVELOPES: readonly DealsEnvelope[] = ['deals-only', 'with-total'];

/**
 * `GET reference/deals`: deals, 25 per page by default, filtered by `ID` (exact) and `Search`
 * (name contains). Adds `Total` and `Page` only when the envelope is `with-total`.
 */
export const listDeals: RouteHandler = ({ state, query, dealsEnvelope }) => {
  const paging = readPaging(query, 25);
  const id = query.get('ID');
  const search = query.get('Search');
  const matches = (state.reference.deals ?? []).filter(
    (deal) => equalsIgnoreCase(deal.ID, id) && containsIgnoreCase(deal.Name, search),
  );
  const page = pageOf(matches, paging);
  return dealsEnvelope === 'with-total'
    ? ok({ Total: matches.length, Page: paging.page, Deals: page })
    : ok({ Deals: page });
};

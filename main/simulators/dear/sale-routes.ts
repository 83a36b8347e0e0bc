import { ControlError } from './catalog-edits.js';
import { badRequest } from './http-io.js';
import {
  containsIgnoreCase,
  equalsIgnoreCase,
  pageOf,
  readPaging,
  type QueryParams,
} from './query.js';
import { ok, type RouteHandler } from './route-types.js';
import { undoSale, voidSale } from './sale-fulfilment.js';
import { combinedStatuses } from './sale-status.js';
import type { SimSale } from './sale-types.js';
import { saleListRow, saleOrderView, saleView } from './sale-views.js';
import { compareTicks, parseDearTicks } from './dear-time.js';
import type { SimState } from './state.js';

function requireSale(state: SimState, id: string | undefined, parameter: string): SimSale {
  if (!id) throw badRequest(`${parameter} is required.`);
  const sale = state.findSale(id);
  if (!sale) throw badRequest(`Sale with ${parameter} '${id}' not found.`);
  return sale;
}

/** `GET sale?ID=`: the full sale. */
export const getSale: RouteHandler = ({ state, query }) =>
  ok(saleView(state, requireSale(state, query.get('ID'), 'ID')));

/** `GET sale/order?SaleID=`: the sale order. */
export const getSaleOrder: RouteHandler = ({ state, query }) =>
  ok(saleOrderView(requireSale(state, query.get('SaleID'), 'SaleID')));

/** `DELETE sale?ID=&Void=true` voids the sale; without `Void=true` it undoes the authorised order. */
export const deleteSale: RouteHandler = ({ state, query }) => {
  const sale = requireSale(state, query.get('ID'), 'ID');
  try {
    const changed = query.bool('Void', false)
      ? voidSale(state, sale.id, false)
      : undoSale(state, sale.id);
    // NOTE: the response body of DELETE sale is not documented; the simulator returns the sale.
    return ok(saleView(state, changed));
  } catch (error) {
    if (error instanceof ControlError) throw badRequest(error.message);
    throw error;
  }
};

function statusFilter(query: QueryParams, name: string, value: string): boolean {
  return equalsIgnoreCase(value, query.get(name));
}

function matchesSearch(sale: SimSale, search: string | undefined): boolean {
  if (search === undefined) return true;
  const fields = [
    sale.order.SaleOrderNumber,
    sale.status,
    sale.customerName,
    sale.header.CustomerReference,
  ];
  return fields.some((field) => containsIgnoreCase(field, search));
}

/**
 * `GET saleList`: paged sale rows with the portal's filters (Search, CreatedSince,
 * UpdatedSince, UpdatedUntil, ShipBy, status filters, ExternalID, OrderLocationID), oldest
 * update first.
 */
export const listSales: RouteHandler = ({ state, query }) => {
  const paging = readPaging(query);
  const createdSince = query.ticks('CreatedSince');
  const updatedSince = query.ticks('UpdatedSince');
  const updatedUntil = query.ticks('UpdatedUntil');
  const shipBy = query.ticks('ShipBy');
  const search = query.get('Search');
  const externalId = query.get('ExternalID');
  const readyForShipping =
    query.get('ReadyForShipping') === undefined ? undefined : query.bool('ReadyForShipping', false);
  const locationId = query.get('OrderLocationID');

  const rows = [...state.sales.values()]
    .sort((a, b) => compareTicks(a.updatedTicks, b.updatedTicks) || a.id.localeCompare(b.id))
    .filter((sale) => {
      const statuses = combinedStatuses(sale);
      const saleShipBy =
        typeof sale.header.ShipBy === 'string' ? parseDearTicks(sale.header.ShipBy) : null;
      const row = saleListRow(state, sale);
      return (
        (createdSince === undefined || sale.createdTicks >= createdSince) &&
        (updatedSince === undefined || sale.updatedTicks >= updatedSince) &&
        (updatedUntil === undefined || sale.updatedTicks <= updatedUntil) &&
        (shipBy === undefined ||
          (saleShipBy !== null &&
            saleShipBy <= shipBy &&
            statuses.CombinedShippingStatus !== 'SHIPPED')) &&
        matchesSearch(sale, search) &&
        (externalId === undefined || sale.header.ExternalID === externalId) &&
        statusFilter(query, 'Status', sale.status) &&
        statusFilter(query, 'QuoteStatus', sale.quoteStatus) &&
        statusFilter(query, 'OrderStatus', sale.order.Status) &&
        statusFilter(query, 'CombinedPickStatus', statuses.CombinedPickingStatus) &&
        statusFilter(query, 'CombinedPackStatus', statuses.CombinedPackingStatus) &&
        statusFilter(query, 'CombinedShippingStatus', statuses.CombinedShippingStatus) &&
        statusFilter(query, 'CombinedInvoiceStatus', statuses.CombinedInvoiceStatus) &&
        statusFilter(query, 'CreditNoteStatus', 'NOT AVAILABLE') &&
        (readyForShipping === undefined || readyForShipping === false) &&
        equalsIgnoreCase(row.OrderLocationID, locationId)
      );
    });
  return ok({
    Total: rows.length,
    Page: paging.page,
    SaleList: pageOf(rows, paging).map((sale) => saleListRow(state, sale)),
  });
};

import { formatDearDate, formatDearDateTime } from './dates.js';
import type { DearParams } from './transport.js';

/**
 * Filters of `GET saleList`, named after the portal's parameters. Instants go as UTC
 * `yyyy-MM-ddTHH:mm:ss`. Freeze `updatedUntil` while walking pages so rows updated meanwhile
 * do not shift between pages.
 */
export interface SaleListFilters {
  /** Contains-match over order number, status, customer, invoice number and customer reference. */
  search?: string;
  createdSince?: Date;
  updatedSince?: Date;
  updatedUntil?: Date;
  /** Sales whose ship-by date is on or before this day and whose shipment is not authorised. */
  shipBy?: string | Date;
  quoteStatus?: string;
  orderStatus?: string;
  combinedPickStatus?: string;
  combinedPackStatus?: string;
  combinedShippingStatus?: string;
  combinedInvoiceStatus?: string;
  creditNoteStatus?: string;
  externalId?: string;
  status?: string;
  /** Sales whose pack is authorised and ship is not. */
  readyForShipping?: boolean;
  orderLocationId?: string;
}

/** Turns sale list filters into `saleList` query parameters; unset filters are left out. */
export function saleListParams(filters: SaleListFilters): DearParams {
  return {
    Search: filters.search,
    CreatedSince: filters.createdSince && formatDearDateTime(filters.createdSince),
    UpdatedSince: filters.updatedSince && formatDearDateTime(filters.updatedSince),
    UpdatedUntil: filters.updatedUntil && formatDearDateTime(filters.updatedUntil),
    ShipBy: filters.shipBy === undefined ? undefined : formatDearDate(filters.shipBy),
    QuoteStatus: filters.quoteStatus,
    OrderStatus: filters.orderStatus,
    CombinedPickStatus: filters.combinedPickStatus,
    CombinedPackStatus: filters.combinedPackStatus,
    CombinedShippingStatus: filters.combinedShippingStatus,
    CombinedInvoiceStatus: filters.combinedInvoiceStatus,
    CreditNoteStatus: filters.creditNoteStatus,
    ExternalID: filters.externalId,
    Status: filters.status,
    ReadyForShipping: filters.readyForShipping,
    OrderLocationID: filters.orderLocationId,
  };
}

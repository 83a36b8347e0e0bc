import type { DearSaleRequest } from './mapping/types.js';
import type { OrdersDearPort } from './ports.js';

/**
 * Decides whether a sale found in Cin7 Core by ExternalID is the sale of this Upstock order.
 * ExternalID alone is not proof: an Upstock account that was reset reuses order IDs, two Upstock
 * accounts may feed one Cin7 Core account, and agents before the supplier prefix wrote the bare
 * order ID. So a found sale counts as this order's only when its customer, and its customer
 * reference, are the order's too.
 */

/** Prefix of the ExternalID this agent writes, followed by `<supplier ID>:<order ID>`. */
export const EXTERNAL_ID_PREFIX = 'upstock';

/**
 * Returns the ExternalID of the sale for an Upstock order: `upstock:<supplier ID>:<order ID>`,
 * so order IDs of two Upstock accounts never collide in one Cin7 Core account. Cin7 Core allows
 * 256 characters, so the result is cut there (Upstock IDs are far shorter).
 */
export function saleExternalId(supplierId: string, orderId: string): string {
  return `${EXTERNAL_ID_PREFIX}:${supplierId}:${orderId}`.slice(0, 256);
}

/** A `saleList` row as the match reads it. */
export interface FoundSale {
  saleId: string;
  orderNumber: string | null;
  status: string | null;
  customerId: string | null;
  customerReference: string | null;
  externalId: string;
}

/** The relation between an order and the sales found for it. */
export type SaleMatch =
  /** Exactly one sale is this order's: resume with it. */
  | { kind: 'one'; sale: FoundSale; ignored: FoundSale[] }
  /** No sale is this order's, and every sale found is provably another order's. */
  | { kind: 'none'; ignored: FoundSale[] }
  /** No live sale is this order's, but the merchant voided a sale of this order's customer. */
  | { kind: 'voided'; sales: FoundSale[] }
  /** Several sales are this order's: a human voids all but one. */
  | { kind: 'several'; sales: FoundSale[] }
  /** A sale has this order's customer but another customer reference: not provably foreign. */
  | { kind: 'unsure'; sales: FoundSale[] };

/**
 * Reads the sales whose ExternalID is this order's, under the prefixed ID and under the bare
 * order ID that agents before the prefix wrote. Each sale appears once. Throws what the client
 * throws.
 */
export async function findOrderSales(
  dear: Pick<OrdersDearPort, 'findSalesByExternalId'>,
  supplierId: string,
  orderId: string,
  signal?: AbortSignal,
): Promise<FoundSale[]> {
  const rows = [
    ...(await dear.findSalesByExternalId(saleExternalId(supplierId, orderId), signal)),
    ...(await dear.findSalesByExternalId(orderId, signal)),
  ];
  const sales = new Map<string, FoundSale>();
  for (const row of rows) {
    const sale = toFoundSale(row);
    if (sale && !sales.has(sale.saleId)) sales.set(sale.saleId, sale);
  }
  return [...sales.values()];
}

/** Options of `matchOrderSale`. */
export interface MatchOptions {
  /**
   * True when a person asked to push the order again after its sale was voided: voided sales
   * are then ignored, so a new sale is created. By default a voided sale of this order's
   * customer means the merchant voided the order's sale, and the match returns `voided`.
   */
  skipVoided?: boolean;
}

/**
 * Sorts the found sales against the sale header the agent would post. A sale of another
 * customer, and a sale other than `knownSaleId` (when the ledger has one) are another order's.
 * A live sale of the same customer is this order's when its customer reference is the
 * header's too, and unsure otherwise. A voided sale of the same customer makes the match
 * `voided` when no live sale is this order's (unless `options.skipVoided`), because the
 * merchant voided it and a new sale must not be created without a person deciding so.
 */
export function matchOrderSale(
  found: readonly FoundSale[],
  header: Pick<DearSaleRequest, 'CustomerID' | 'CustomerReference'>,
  knownSaleId: string | null,
  options: MatchOptions = {},
): SaleMatch {
  const ours: FoundSale[] = [];
  const unsure: FoundSale[] = [];
  const voided: FoundSale[] = [];
  const ignored: FoundSale[] = [];
  for (const sale of found) {
    const foreign =
      sale.customerId !== header.CustomerID ||
      (knownSaleId !== null && sale.saleId !== knownSaleId);
    if (foreign) ignored.push(sale);
    else if (isVoided(sale)) (options.skipVoided ? ignored : voided).push(sale);
    else if ((sale.customerReference ?? '') === header.CustomerReference) ours.push(sale);
    else unsure.push(sale);
  }
  if (ours.length > 1) return { kind: 'several', sales: ours };
  if (ours.length === 1) {
    return { kind: 'one', sale: ours[0]!, ignored: [...unsure, ...voided, ...ignored] };
  }
  if (unsure.length > 0) return { kind: 'unsure', sales: unsure };
  if (voided.length > 0) return { kind: 'voided', sales: voided };
  return { kind: 'none', ignored };
}

function isVoided(sale: FoundSale): boolean {
  return sale.status?.toUpperCase() === 'VOIDED';
}

/** Names a sale for a merchant: its sale order number and ID, or the ID alone. */
export function describeSale(sale: FoundSale): string {
  return sale.orderNumber ? `${sale.orderNumber} (${sale.saleId})` : sale.saleId;
}

function toFoundSale(row: Record<string, unknown>): FoundSale | null {
  if (typeof row.SaleID !== 'string' || row.SaleID === '') return null;
  return {
    saleId: row.SaleID,
    orderNumber: textOrNull(row.OrderNumber),
    status: textOrNull(row.Status),
    customerId: textOrNull(row.CustomerID),
    customerReference: textOrNull(row.CustomerReference),
    externalId: typeof row.ExternalID === 'string' ? row.ExternalID : '',
  };
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

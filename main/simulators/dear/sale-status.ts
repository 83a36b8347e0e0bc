import { Decimal } from 'decimal.js';
import { formatDearTicks } from './dear-time.js';
import type { SimSale } from './sale-types.js';
import type { SimState } from './state.js';

/** Stamps a sale's `LastModifiedOn` (the saleList `Updated`) with the next clock tick. */
export function touchSale(state: SimState, sale: SimSale, ticks = state.clock.nextTicks()): void {
  sale.updatedTicks = ticks;
  sale.updated = formatDearTicks(ticks);
}

/** Quantity ordered per lower-case product ID, over all order lines. */
export function orderedQuantities(sale: SimSale): Map<string, Decimal> {
  const totals = new Map<string, Decimal>();
  for (const line of sale.order.Lines) {
    const key = line.ProductID.toLowerCase();
    totals.set(key, (totals.get(key) ?? new Decimal(0)).plus(line.Quantity));
  }
  return totals;
}

/** Quantity shipped so far per lower-case product ID. */
export function shippedQuantities(sale: SimSale): Map<string, Decimal> {
  const totals = new Map<string, Decimal>();
  for (const shipment of sale.shipments) {
    for (const line of shipment.lines) {
      const key = line.productId.toLowerCase();
      totals.set(key, (totals.get(key) ?? new Decimal(0)).plus(line.quantity));
    }
  }
  return totals;
}

export type ShipProgress = 'none' | 'partial' | 'full';

/** Returns how much of the order has shipped. */
export function shipProgress(sale: SimSale): ShipProgress {
  if (sale.shipments.length === 0) return 'none';
  const shipped = shippedQuantities(sale);
  for (const [productId, ordered] of orderedQuantities(sale)) {
    if ((shipped.get(productId) ?? new Decimal(0)).lessThan(ordered)) return 'partial';
  }
  return 'full';
}

export interface CombinedStatuses {
  CombinedPickingStatus: string;
  CombinedPackingStatus: string;
  CombinedShippingStatus: string;
  FulFilmentStatus: string;
  CombinedInvoiceStatus: string;
  CombinedPaymentStatus: string;
  CombinedTrackingNumbers: string;
}

/**
 * Derives the header's combined statuses from the order and its shipments. Picking and
 * packing happen together with shipping in the simulator, so they move in step.
 */
export function combinedStatuses(sale: SimSale): CombinedStatuses {
  const tracking = sale.shipments
    .map((shipment) => shipment.trackingNumber)
    .filter(Boolean)
    .join(', ');
  if (sale.status === 'VOIDED') {
    return {
      CombinedPickingStatus: 'VOIDED',
      CombinedPackingStatus: 'VOIDED',
      CombinedShippingStatus: 'VOIDED',
      FulFilmentStatus: 'VOIDED',
      CombinedInvoiceStatus: 'VOIDED',
      CombinedPaymentStatus: 'VOIDED',
      CombinedTrackingNumbers: tracking,
    };
  }
  if (sale.order.Status !== 'AUTHORISED') {
    return {
      CombinedPickingStatus: 'NOT AVAILABLE',
      CombinedPackingStatus: 'NOT AVAILABLE',
      CombinedShippingStatus: 'NOT AVAILABLE',
      FulFilmentStatus: 'NOT AVAILABLE',
      CombinedInvoiceStatus: 'NOT AVAILABLE',
      CombinedPaymentStatus: 'UNPAID',
      CombinedTrackingNumbers: tracking,
    };
  }
  const progress = shipProgress(sale);
  const word = { none: 'NOT ', partial: 'PARTIALLY ', full: '' }[progress];
  return {
    CombinedPickingStatus: `${word}PICKED`,
    CombinedPackingStatus: `${word}PACKED`,
    CombinedShippingStatus: `${word}SHIPPED`,
    FulFilmentStatus: `${word}FULFILLED`,
    CombinedInvoiceStatus: 'NOT INVOICED',
    CombinedPaymentStatus: 'UNPAID',
    CombinedTrackingNumbers: tracking,
  };
}

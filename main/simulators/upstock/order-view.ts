import { Decimal } from 'decimal.js';

import type { WireClaimInfo, WireOrder, WireOrderLine } from '../../upstock/wire.js';
import type { SimClaim, SimOrder, SimOrderLine } from './state.js';

/**
 * Returns a line's total: quantity × unit price × (1 − discount / 100), rounded half up to
 * cents and written with four decimal places like every amount on the wire.
 */
export function lineTotal(line: SimOrderLine): Decimal {
  const discount = new Decimal(line.discountPercent ?? 0);
  return new Decimal(line.quantity)
    .times(line.unitPrice)
    .times(new Decimal(100).minus(discount))
    .dividedBy(100)
    .toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** Returns true while `claim` is held: not released and its lease not yet run out. */
export function isClaimActive(claim: SimClaim | null, nowMs: number): claim is SimClaim {
  return claim !== null && !claim.released && claim.expiresAtMs > nowMs;
}

/** Returns the order as the API shows it, with line totals, totals and the active claim. */
export function orderView(order: SimOrder, nowMs: number): WireOrder {
  const lines: WireOrderLine[] = order.lines.map((line) => ({
    ...line,
    lineTotal: lineTotal(line).toFixed(4),
  }));
  const linesTotal = order.lines.reduce((sum, line) => sum.plus(lineTotal(line)), new Decimal(0));
  const claim: WireClaimInfo | null = isClaimActive(order.claim, nowMs)
    ? { agentId: order.claim.agentId, expiresAt: new Date(order.claim.expiresAtMs).toISOString() }
    : null;

  return {
    id: order.id,
    number: order.number,
    status: order.status,
    customer: { externalId: order.customerExternalId, name: order.customerName },
    lines,
    freight: order.freight,
    comments: order.comments.map((comment) => ({ ...comment })),
    reference: order.reference,
    orderDate: order.orderDate,
    deliveryDate: order.deliveryDate,
    billingAddress: order.billingAddress && { ...order.billingAddress },
    shippingAddress: order.shippingAddress && { ...order.shippingAddress },
    currency: order.currency,
    totals: {
      lines: linesTotal.toFixed(4),
      freight: order.freight,
      total: linesTotal.plus(order.freight).toFixed(4),
    },
    integration: { ...order.integration, claim },
    shipments: order.shipments.map((shipment) => ({
      ...shipment,
      trackingNumbers: [...shipment.trackingNumbers],
    })),
    version: order.version,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    approvedAt: order.approvedAt,
  };
}

import { Decimal } from 'decimal.js';
import { deterministicGuid } from '../../sample/deterministic.js';
import { ControlError } from './catalog-edits.js';
import { formatDearDate, parseDearTicks } from './dear-time.js';
import { orderedQuantities, shippedQuantities, shipProgress, touchSale } from './sale-status.js';
import type { SimSale } from './sale-types.js';
import type { SimState } from './state.js';

/** A shipment made through the control API; without `lines` everything not yet shipped ships. */
export interface ShipRequest {
  lines?: Array<{ sku: string; quantity: number }>;
  carrier: string;
  trackingNumber: string;
  /** Date of shipment (`2025-07-03` or a datetime); today when omitted. */
  shipmentDate?: string;
}

function requireSale(state: SimState, id: string): SimSale {
  const sale = state.findSale(id);
  if (!sale) throw new ControlError(404, `Sale ${id} not found`);
  return sale;
}

function lineName(sale: SimSale, productId: string): { sku: string; name: string } {
  const line = sale.order.Lines.find(
    (candidate) => candidate.ProductID.toLowerCase() === productId,
  );
  return { sku: line?.SKU ?? productId, name: line?.Name ?? productId };
}

/** Works out what this shipment carries per product ID; throws ControlError on bad requests. */
function shipmentQuantities(
  state: SimState,
  sale: SimSale,
  request: ShipRequest,
): Map<string, Decimal> {
  const ordered = orderedQuantities(sale);
  const shipped = shippedQuantities(sale);
  const remaining = (key: string) =>
    (ordered.get(key) ?? new Decimal(0)).minus(shipped.get(key) ?? 0);
  const quantities = new Map<string, Decimal>();
  if (!request.lines) {
    for (const key of ordered.keys())
      if (remaining(key).greaterThan(0)) quantities.set(key, remaining(key));
  } else {
    for (const entry of request.lines) {
      const product = state.findProductBySku(entry.sku);
      const key = product?.ID.toLowerCase();
      if (!key || !ordered.has(key))
        throw new ControlError(400, `SKU ${entry.sku} is not on sale ${sale.id}`);
      const quantity = new Decimal(entry.quantity);
      if (quantity.lessThanOrEqualTo(0))
        throw new ControlError(400, `Quantity for SKU ${entry.sku} must be positive`);
      const total = quantity.plus(quantities.get(key) ?? 0);
      if (total.greaterThan(remaining(key))) {
        throw new ControlError(
          400,
          `Cannot ship ${total.toFixed()} of SKU ${entry.sku}: only ${remaining(key).toFixed()} left to ship`,
        );
      }
      quantities.set(key, total);
    }
  }
  if (quantities.size === 0)
    throw new ControlError(409, `Sale ${sale.id} has nothing left to ship`);
  return quantities;
}

/**
 * Picks, packs and ships part or all of an authorised order as one new fulfilment: takes the
 * stock, records the ship line with carrier and tracking number, and stamps the sale.
 * Throws ControlError when the order is not authorised or stock on hand is short.
 */
export function shipSale(state: SimState, id: string, request: ShipRequest): SimSale {
  const sale = requireSale(state, id);
  if (sale.order.Status !== 'AUTHORISED')
    throw new ControlError(
      409,
      `Sale ${sale.id} has no authorised order to ship (order is ${sale.order.Status})`,
    );
  if (typeof request.carrier !== 'string' || typeof request.trackingNumber !== 'string') {
    throw new ControlError(400, 'A shipment needs carrier and trackingNumber strings');
  }
  const shipmentTicks = request.shipmentDate ? parseDearTicks(request.shipmentDate) : null;
  if (request.shipmentDate && shipmentTicks === null)
    throw new ControlError(400, `Invalid shipmentDate ${request.shipmentDate}`);

  const quantities = shipmentQuantities(state, sale, request);
  for (const [key, quantity] of quantities) {
    const allocated = sale.allocated.get(key) ?? new Decimal(0);
    const canShip = allocated.plus(Decimal.max(state.availableStock(key), 0));
    if (quantity.greaterThan(canShip)) {
      throw new ControlError(
        409,
        `Cannot ship ${quantity.toFixed()} of SKU ${lineName(sale, key).sku}: only ${canShip.toFixed()} in stock for this sale`,
      );
    }
  }
  for (const [key, quantity] of quantities) {
    const allocated = sale.allocated.get(key) ?? new Decimal(0);
    sale.allocated.set(key, Decimal.max(allocated.minus(quantity), 0));
    state.stock.set(key, state.stockOf(key).minus(quantity));
  }

  const number = sale.shipments.length + 1;
  sale.shipments.push({
    taskId: number === 1 ? sale.id : deterministicGuid('fulfilment', `${sale.id}:${number}`),
    number,
    lines: [...quantities].map(([key, quantity]) => ({
      productId: key,
      ...lineName(sale, key),
      quantity,
    })),
    shipLineId: deterministicGuid('ship-line', `${sale.id}:${number}`),
    shipmentDate:
      shipmentTicks !== null
        ? formatDearDate(new Date(Number(shipmentTicks / 10_000n)))
        : state.clock.today(),
    carrier: request.carrier,
    trackingNumber: request.trackingNumber,
    boxes: `Box ${number}`,
  });
  // NOTE: Cin7 Core's sale Status after shipping without an invoice is not documented. The
  // simulator uses SHIPPING while partly shipped and INVOICING once everything has shipped;
  // clients must read CombinedShippingStatus instead.
  sale.status = shipProgress(sale) === 'full' ? 'INVOICING' : 'SHIPPING';
  touchSale(state, sale);
  return sale;
}

function releaseStock(sale: SimSale): void {
  sale.allocated = new Map();
}

/**
 * Voids a sale: releases allocated stock and sets every status to VOIDED. Unless `force` is set
 * (the control API's merchant-side void), a sale with shipments is rejected.
 */
export function voidSale(state: SimState, id: string, force = true): SimSale {
  const sale = requireSale(state, id);
  if (sale.status === 'VOIDED') return sale;
  if (!force && sale.shipments.length > 0) {
    throw new ControlError(
      409,
      `Sale ${sale.id} has shipments; undo the fulfilment in Cin7 Core before voiding it`,
    );
  }
  releaseStock(sale);
  sale.status = 'VOIDED';
  if (sale.order.Status !== 'NOT AVAILABLE') sale.order.Status = 'VOIDED';
  touchSale(state, sale);
  return sale;
}

/**
 * Undoes an authorised, unshipped order back to DRAFT (the sale becomes ORDERING again).
 * Throws ControlError when there is nothing to undo or something has shipped.
 */
export function undoSale(state: SimState, id: string): SimSale {
  const sale = requireSale(state, id);
  if (sale.shipments.length > 0)
    throw new ControlError(409, `Sale ${sale.id} has shipments; undo the fulfilment first`);
  if (sale.order.Status !== 'AUTHORISED')
    throw new ControlError(
      409,
      `Sale ${sale.id} has no authorised order to undo (order is ${sale.order.Status})`,
    );
  releaseStock(sale);
  sale.order.Status = 'DRAFT';
  for (const line of sale.order.Lines) line.BackorderQuantity = new Decimal(0);
  sale.status = 'ORDERING';
  touchSale(state, sale);
  return sale;
}

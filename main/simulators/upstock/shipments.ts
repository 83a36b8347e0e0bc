import type { WireShipment, WireShipmentResponse } from '../../upstock/wire.js';
import { FieldReader, isTimestamp } from './fields.js';
import { requireObject, SimProblem } from './http.js';
import { requireOrder, touch } from './order-entry.js';
import { throwIfInvalid } from './order-input.js';
import { newId, type SimContext } from './state.js';

/**
 * Records a shipment (`POST /v1/orders/{id}/shipment`) and moves the order to shipped unless the
 * shipment is partial. A shipment already recorded is reported as unchanged, so a retry never
 * adds a second one. Throws 409 unless the order is approved or shipped, and 422 for invalid
 * fields.
 */
export function recordShipment(
  context: SimContext,
  orderId: string,
  body: unknown,
): WireShipmentResponse {
  const order = requireOrder(context, orderId);
  const fields = new FieldReader(
    requireObject(body, '"shippedAt", "carrier" and "trackingNumbers"'),
  );
  const externalId = fields.optionalText('externalId', 200);
  const shippedAt = fields.requiredText('shippedAt', 40);
  const carrier = fields.text('carrier', 200);
  const trackingNumbers = fields.array('trackingNumbers', 50, (value, index) => {
    if (typeof value !== 'string' || value.trim() === '') {
      fields.fail(`trackingNumbers[${index}]`, 'Each tracking number must be a non-empty string.');
    }
    return String(value).trim();
  });
  if (!fields.has('trackingNumbers'))
    fields.fail('trackingNumbers', 'trackingNumbers is required (it may be empty).');
  const partial = fields.boolean('partial', false);
  if (shippedAt !== '' && !isTimestamp(shippedAt)) {
    fields.fail('shippedAt', `shippedAt "${shippedAt}" must be an ISO 8601 timestamp with a zone.`);
  }
  throwIfInvalid(
    fields.errors.map((error) => ({ externalId: order.id, ...error })),
    'shipment',
  );
  if (order.status !== 'approved' && order.status !== 'shipped') {
    throw new SimProblem(
      409,
      'order-not-shippable',
      'Order cannot ship',
      `Order ${order.number} is ${order.status}; only approved or shipped orders take shipments.`,
    );
  }

  const now = context.now().toISOString();
  const incoming = {
    externalId,
    shippedAt: new Date(shippedAt).toISOString(),
    carrier,
    trackingNumbers: [...new Set(trackingNumbers)].sort(),
    partial,
  };
  const match = order.shipments.find((shipment) =>
    externalId !== null
      ? shipment.externalId === externalId
      : shipment.externalId === null && sameShipment(shipment, incoming),
  );

  let result: WireShipmentResponse['result'];
  let shipment: WireShipment;
  if (!match) {
    shipment = { id: newId(context.state, 'shp'), ...incoming, recordedAt: now };
    order.shipments.push(shipment);
    result = 'created';
  } else if (sameShipment(match, incoming) && match.partial === incoming.partial) {
    shipment = match;
    result = 'unchanged';
  } else {
    Object.assign(match, incoming);
    shipment = match;
    result = 'updated';
  }

  if (!shipment.partial && order.status === 'approved') {
    order.status = 'shipped';
    touch(order, now);
  }
  return {
    result,
    shipment: { ...shipment, trackingNumbers: [...shipment.trackingNumbers] },
    orderStatus: order.status,
  };
}

function sameShipment(
  a: Pick<WireShipment, 'shippedAt' | 'carrier' | 'trackingNumbers'>,
  b: Pick<WireShipment, 'shippedAt' | 'carrier' | 'trackingNumbers'>,
): boolean {
  return (
    a.shippedAt === b.shippedAt &&
    a.carrier === b.carrier &&
    a.trackingNumbers.length === b.trackingNumbers.length &&
    a.trackingNumbers.every((number, index) => number === b.trackingNumbers[index])
  );
}

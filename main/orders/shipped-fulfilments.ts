import type { DearRawRecord } from '../dear/client.js';
import type { WireShipmentRequest } from '../upstock/wire.js';

/**
 * Turns the shipped fulfilments of a `GET sale` response into Upstock shipments, one per
 * fulfilment, keyed by the fulfilment's `TaskID` so that re-sending one is idempotent. A
 * fulfilment counts as shipped when its ship task is authorised or any ship line is shipped.
 * `ShipmentDate` is a date without time, so `shippedAt` is midnight UTC of that day.
 */
export function shippedFulfilments(sale: DearRawRecord, partial: boolean): WireShipmentRequest[] {
  const saleId = String(sale.ID);
  const fulfilments = Array.isArray(sale.Fulfilments) ? (sale.Fulfilments as unknown[]) : [];
  const shipments: WireShipmentRequest[] = [];

  for (const [index, raw] of fulfilments.entries()) {
    const fulfilment = (raw ?? {}) as Record<string, unknown>;
    const ship = (fulfilment.Ship ?? {}) as Record<string, unknown>;
    const lines = (Array.isArray(ship.Lines) ? ship.Lines : []) as Record<string, unknown>[];
    const shippedLines = lines.filter((line) => line.IsShipped === true);
    if (ship.Status !== 'AUTHORISED' && shippedLines.length === 0) continue;

    const used = shippedLines.length > 0 ? shippedLines : lines;
    const taskId =
      typeof fulfilment.TaskID === 'string' ? fulfilment.TaskID : `${saleId}:${index + 1}`;
    shipments.push({
      externalId: `fulfilment:${taskId}`,
      shippedAt: shipmentInstant(used.map((line) => line.ShipmentDate)),
      carrier: firstText(used.map((line) => line.Carrier)) ?? '',
      trackingNumbers: uniqueTexts(used.map((line) => line.TrackingNumber)),
      partial,
    });
  }
  return shipments;
}

function shipmentInstant(dates: unknown[]): string {
  const days = dates
    .filter((date): date is string => typeof date === 'string' && /^\d{4}-\d{2}-\d{2}/.test(date))
    .map((date) => date.slice(0, 10))
    .sort();
  const latest = days[days.length - 1];
  // NOTE: a sale read without ship dates (never seen in the documented examples) is stamped
  // with the time the agent saw it shipped.
  return latest ? `${latest}T00:00:00.000Z` : new Date().toISOString();
}

function firstText(values: unknown[]): string | null {
  const found = values.find((value) => typeof value === 'string' && value.trim() !== '');
  return typeof found === 'string' ? found.trim() : null;
}

function uniqueTexts(values: unknown[]): string[] {
  const texts = values
    .filter((value): value is string => typeof value === 'string')
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
  return [...new Set(texts)];
}

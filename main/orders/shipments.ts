import { parseDearDate } from '../dear/dates.js';
import type { DearRawRecord } from '../dear/client.js';
import { DearCredentialsError } from '../dear/errors.js';
import { getLogger } from '../log/logger.js';
import type { Job, JobContext } from '../sync/job.js';
import { upstockProblemCase } from './claim.js';
import { ordersPorts } from './job-ports.js';
import { ledgerFor, type LedgerEntry } from './ledger.js';
import type { OrdersDearPort } from './ports.js';
import {
  checkUnseenSales,
  parkVoidedOrder,
  SaleSightings,
  type ShipmentDeps,
} from './sale-checks.js';
import { shippedFulfilments } from './shipped-fulfilments.js';

const log = getLogger('shipments');

/** Cursor holding the newest sale list `Updated` stamp already read, as ISO 8601 UTC. */
export const SHIPMENTS_CURSOR = 'shipments.updatedSince';

/** Cursor holding how many milliseconds Cin7 Core's `Updated` stamps ran ahead of this PC. */
const SKEW_CURSOR = 'shipments.clockSkewMs';

/** Cin7 Core's largest page; one page covers a quiet minute of a busy tenant. */
const SALE_LIST_PAGE_SIZE = 1000;

/** Options of the shipments job that tests and benchmarks change. */
export interface ShipmentsJobOptions {
  /** The clock that freezes `UpdatedUntil`; the system clock by default. */
  now?: () => Date;
}

/**
 * Creates the `shipments` job. While some pushed order is not yet shipped, a run reads the
 * sale list changed since the cursor minus the overlap, up to a frozen "now". That is one call
 * when fewer than 1,000 sales changed. Only the agent's own sales get a closer look. SHIPPED
 * and PARTIALLY SHIPPED sales get one `GET sale` for carrier and tracking numbers and are
 * reported to Upstock, and VOIDED sales park their order. Then up to 5 sales that the sale
 * list has not shown for 24 hours (on a full run: in this run) are read by ID, so a sale that
 * Cin7 Core lost or voided unseen parks its order too. With nothing awaiting shipment a run
 * makes no call at all. The cursor advances to the newest `Updated` read, but stays before a
 * sale whose report failed, so the next run reads it again.
 */
export function createShipmentsJob(options: ShipmentsJobOptions = {}): Job {
  return { name: 'shipments', run: (ctx) => runShipments(ctx, options) };
}

/** The `shipments` job with default options, for the runner. */
export const shipmentsJob: Job = createShipmentsJob();

async function runShipments(ctx: JobContext, options: ShipmentsJobOptions): Promise<void> {
  const { dear, upstock } = ordersPorts(ctx);
  const ledger = ledgerFor(ctx.store);
  const awaiting = ledger.listAwaitingShipment();
  if (awaiting.length === 0) return;

  const overlapMs = ctx.settings.sync.overlapMinutes * 60_000;
  const cursor = ctx.store.cursors.get(SHIPMENTS_CURSOR);
  const oldestPush = awaiting[0]!.pushedAt ?? new Date().toISOString();
  const updatedSince = new Date(new Date(cursor ?? oldestPush).getTime() - overlapMs);
  // "Now" is frozen on Cin7 Core's clock as last estimated: the local clock plus how far ahead
  // the newest `Updated` stamp was when it was read. `UpdatedUntil` goes in whole seconds and a
  // stamp rounded to fewer fraction digits can land in the next second, so the bound is two
  // seconds past the current one.
  const clock = options.now ?? (() => new Date());
  const skewMs = Number(ctx.store.cursors.get(SKEW_CURSOR) ?? 0);
  const serverNowMs = clock().getTime() + Math.max(0, skewMs);
  const updatedUntil = new Date(Math.floor(serverNowMs / 1000) * 1000 + 2000);

  const rows = await readSaleList(dear, updatedSince, updatedUntil, ctx.signal);
  const readAtMs = clock().getTime();
  let newest = cursor ? new Date(cursor) : null;
  let heldAt: Date | null = null;
  const ours = ledger.findBySaleIds(rows.map((row) => String(row.SaleID)));
  const sightings = new SaleSightings(ledger, clock());
  const deps: ShipmentDeps = { dear, upstock, ledger, ctx };

  for (const row of rows) {
    const updated = typeof row.Updated === 'string' ? parseDearDate(row.Updated) : null;
    if (updated && (!newest || updated > newest)) newest = updated;
    const entry = ours.get(String(row.SaleID));
    if (!entry || (entry.state !== 'pushed' && entry.state !== 'parked')) continue;
    if (entry.state === 'pushed') sightings.note(entry.orderId);

    ctx.signal.throwIfAborted();
    try {
      await handleSaleRow(row, entry, deps);
    } catch (error) {
      if (error instanceof DearCredentialsError) throw error;
      log.warn(
        `Could not report sale ${entry.saleNumber ?? entry.saleId} of order ${entry.orderId}`,
        error,
      );
      ctx.result.count('shipments', 'failed');
      ctx.result.fail({
        entity: 'shipment',
        recordId: entry.orderId,
        label: entry.orderNumber,
        reason: error instanceof Error ? error.message : String(error),
      });
      if (updated && (!heldAt || updated < heldAt)) heldAt = updated;
    }
  }

  if (newest) ctx.store.cursors.set(SKEW_CURSOR, String(Math.max(0, newest.getTime() - readAtMs)));

  // A failed report keeps the cursor just before that sale, so the next run reads it again.
  const next = heldAt ? new Date(heldAt.getTime() - 1) : newest;
  if (next && next.toISOString() !== cursor)
    ctx.store.cursors.set(SHIPMENTS_CURSOR, next.toISOString());

  await checkUnseenSales(awaiting, sightings, ctx.mode === 'full', deps);
}

async function readSaleList(
  dear: OrdersDearPort,
  updatedSince: Date,
  updatedUntil: Date,
  signal: AbortSignal,
): Promise<DearRawRecord[]> {
  const rows: DearRawRecord[] = [];
  const pages = dear.saleList(
    { updatedSince, updatedUntil },
    { pageSize: SALE_LIST_PAGE_SIZE, signal },
  );
  for await (const page of pages) {
    for (const record of page.records) {
      if (typeof record === 'object' && record !== null && 'SaleID' in record) {
        rows.push(record as DearRawRecord);
      }
    }
  }
  return rows;
}

/**
 * Acts on one of the agent's sales in the sale list: parks its order when the sale was
 * voided, reports shipped fulfilments when it shipped in part or in full, and skips a row
 * already handled at the same `Updated` stamp.
 */
async function handleSaleRow(
  row: DearRawRecord,
  entry: LedgerEntry,
  deps: ShipmentDeps,
): Promise<void> {
  const { dear, upstock, ledger, ctx } = deps;
  const shipping = typeof row.CombinedShippingStatus === 'string' ? row.CombinedShippingStatus : '';
  const updated = typeof row.Updated === 'string' ? row.Updated : null;
  const saleLabel = entry.saleNumber ?? entry.saleId ?? String(row.SaleID);

  if (row.Status === 'VOIDED' || shipping === 'VOIDED') {
    if (entry.state === 'parked') return;
    await parkVoidedOrder(entry, saleLabel, deps);
    return;
  }

  if (entry.state !== 'pushed') return;
  if (shipping !== 'SHIPPED' && shipping !== 'PARTIALLY SHIPPED') return;
  if (entry.shippingStatus === shipping && entry.saleUpdated === updated) return;

  const partial = shipping !== 'SHIPPED';
  const sale = await dear.getSale(entry.saleId!, ctx.signal);
  const shipments = shippedFulfilments(sale, partial);
  if (shipments.length === 0) {
    // The sale list reports SHIPPED but the sale has no shipped fulfilment, so report the sale as one.
    const tracking =
      typeof sale.CombinedTrackingNumbers === 'string' ? sale.CombinedTrackingNumbers : '';
    shipments.push({
      externalId: `sale:${entry.saleId}`,
      shippedAt: new Date().toISOString(),
      carrier: typeof sale.Carrier === 'string' ? sale.Carrier : '',
      trackingNumbers: tracking
        .split(',')
        .map((text) => text.trim())
        .filter((text) => text !== ''),
      partial,
    });
  }
  for (const shipment of shipments) {
    try {
      await upstock.markShipped(entry.orderId, shipment);
    } catch (error) {
      if (upstockProblemCase(error) !== 'order-not-shippable') throw error;
      const reason =
        `Sale ${saleLabel} shipped in Cin7 Core, but the Upstock order is neither approved nor ` +
        'shipped, so the shipment could not be recorded. Check the order in Upstock.';
      ledger.park(entry.orderId, 'not-shippable', reason);
      log.warn(`Order ${entry.orderNumber} (${entry.orderId}): ${reason}`);
      return;
    }
  }
  ledger.recordShipping(entry.orderId, shipping, updated, partial ? 'partial' : 'shipped');
  ctx.result.count('shipments', partial ? 'updated' : 'created');
  log.info(
    `Order ${entry.orderNumber} (${entry.orderId}) marked ${partial ? 'partly shipped' : 'shipped'} ` +
      `in Upstock from sale ${saleLabel} (${shipments.length} fulfilments)`,
  );
}

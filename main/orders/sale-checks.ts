import { DearApiError, DearCredentialsError } from '../dear/errors.js';
import { getLogger } from '../log/logger.js';
import type { JobContext } from '../sync/job.js';
import type { LedgerEntry, OrderLedger } from './ledger.js';
import type { OrdersDearPort, OrdersUpstockPort } from './ports.js';

const log = getLogger('shipments');

/** How long a pushed sale may go unseen in the sale list before the agent reads it by ID. */
export const SALE_CHECK_AFTER_MS = 24 * 60 * 60 * 1000;

/** The most `GET sale` calls one shipments run makes to check sales it has not seen. */
export const MAX_SALE_CHECKS_PER_RUN = 5;

/** Sightings of one sale closer together than this are recorded once, to keep the history short. */
const SIGHTING_INTERVAL_MS = 60 * 60 * 1000;

/** The clients, ledger and run context the shipments job acts through. */
export interface ShipmentDeps {
  dear: OrdersDearPort;
  upstock: OrdersUpstockPort;
  ledger: OrderLedger;
  ctx: JobContext;
}

/**
 * The times the agent last saw each pushed sale in Cin7 Core, in the sale list or read by ID.
 * One instance serves one shipments run, and `note` writes a sighting of a sale to the ledger
 * at most once an hour.
 */
export class SaleSightings {
  private readonly lastSeen: Map<string, string>;
  private readonly seenThisRun = new Set<string>();

  constructor(
    private readonly ledger: OrderLedger,
    private readonly now: Date,
  ) {
    this.lastSeen = ledger.lastSaleSeen();
  }

  /** Records that the sale of the order was seen now. */
  note(orderId: string): void {
    this.seenThisRun.add(orderId);
    const last = this.lastSeen.get(orderId);
    if (last && this.now.getTime() - new Date(last).getTime() < SIGHTING_INTERVAL_MS) return;
    const at = this.now.toISOString();
    this.ledger.noteSaleSeen(orderId, at);
    this.lastSeen.set(orderId, at);
  }

  /**
   * Returns up to `limit` of `awaiting` whose sale was not seen in this run and, unless
   * `full`, not seen (nor pushed) within `SALE_CHECK_AFTER_MS`, longest unseen first.
   */
  due(awaiting: readonly LedgerEntry[], full: boolean, limit: number): LedgerEntry[] {
    const threshold = this.now.getTime() - (full ? 0 : SALE_CHECK_AFTER_MS);
    return awaiting
      .filter((entry) => entry.saleId !== null && !this.seenThisRun.has(entry.orderId))
      .map((entry) => ({ entry, seenMs: this.seenMs(entry) }))
      .filter(({ seenMs }) => seenMs <= threshold)
      .sort((a, b) => a.seenMs - b.seenMs || a.entry.orderId.localeCompare(b.entry.orderId))
      .slice(0, limit)
      .map(({ entry }) => entry);
  }

  private seenMs(entry: LedgerEntry): number {
    const times = [this.lastSeen.get(entry.orderId), entry.pushedAt]
      .filter((time): time is string => typeof time === 'string')
      .map((time) => new Date(time).getTime());
    return times.length > 0 ? Math.max(...times) : 0;
  }
}

/**
 * Reads by ID (`GET sale`) the sales of pushed, unshipped orders that the sale list has not
 * shown for a long time (see `SaleSightings.due`), at most `MAX_SALE_CHECKS_PER_RUN` per run.
 * The sale list returns only changed sales, so a sale lost by Cin7 Core would otherwise go
 * unnoticed. A sale that is not found parks its order as `sale-missing`, and a voided one
 * parks it as `sale-voided`. Throws DearCredentialsError; other failures are logged and
 * listed, and the sale is checked again on a later run.
 */
export async function checkUnseenSales(
  awaiting: readonly LedgerEntry[],
  sightings: SaleSightings,
  full: boolean,
  deps: ShipmentDeps,
): Promise<void> {
  const { dear, ledger, ctx } = deps;
  for (const listed of sightings.due(awaiting, full, MAX_SALE_CHECKS_PER_RUN)) {
    ctx.signal.throwIfAborted();
    const entry = ledger.get(listed.orderId);
    if (entry?.state !== 'pushed' || entry.saleId === null) continue;
    const saleLabel = entry.saleNumber ?? entry.saleId;
    try {
      const sale = await dear.getSale(entry.saleId, ctx.signal);
      if (sale.Status === 'VOIDED' || sale.CombinedShippingStatus === 'VOIDED') {
        await parkVoidedOrder(entry, saleLabel, deps);
      } else {
        sightings.note(entry.orderId);
      }
    } catch (error) {
      if (error instanceof DearCredentialsError) throw error;
      if (isSaleNotFound(error)) {
        const reason =
          `Sale ${saleLabel} (${entry.saleId}) no longer exists in Cin7 Core, so its shipment ` +
          'cannot be reported. Enter the sale again in Cin7 Core by hand, cancel the order in ' +
          'Upstock, or retry the order to push it as a new sale.';
        await parkShippedOrder(entry, 'sale-missing', reason, deps);
        continue;
      }
      log.warn(`Could not check sale ${saleLabel} of order ${entry.orderId}`, error);
      ctx.result.count('shipments', 'failed');
      ctx.result.fail({
        entity: 'shipment',
        recordId: entry.orderId,
        label: entry.orderNumber,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
}

/** Parks the order of a sale that was voided in Cin7 Core after the push. */
export async function parkVoidedOrder(
  entry: LedgerEntry,
  saleLabel: string,
  deps: ShipmentDeps,
): Promise<void> {
  const reason =
    `Sale ${saleLabel} was voided in Cin7 Core after the order was pushed. Enter the sale ` +
    'again in Cin7 Core by hand, cancel the order in Upstock, or retry the order to push it ' +
    'as a new sale.';
  await parkShippedOrder(entry, 'sale-voided', reason, deps);
}

/** Records the reason as needs attention in Upstock, then parks the order in the ledger. */
async function parkShippedOrder(
  entry: LedgerEntry,
  code: 'sale-voided' | 'sale-missing',
  reason: string,
  deps: ShipmentDeps,
): Promise<void> {
  await deps.upstock.setIntegrationState(entry.orderId, { state: 'needs_attention', reason });
  deps.ledger.park(entry.orderId, code, reason);
  deps.ctx.result.count('shipments', 'skipped');
  log.warn(`Order ${entry.orderNumber} (${entry.orderId}): ${reason}`);
}

/**
 * Returns true for Cin7 Core's response to `GET sale` with an unknown ID: HTTP 400 with a
 * "not found" Exception. A 404 means an unknown endpoint, not a missing sale.
 */
function isSaleNotFound(error: unknown): boolean {
  if (!(error instanceof DearApiError) || error.status !== 400) return false;
  return /not found/i.test(error.exception || error.message);
}

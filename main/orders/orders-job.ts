import { getLogger } from '../log/logger.js';
import type { Job, JobContext } from '../sync/job.js';
import type { WireOrder } from '../upstock/wire.js';
import { agentIdFor } from './agent-id.js';
import { MappingInputs } from './inputs.js';
import { ledgerFor, UNFINISHED_STATES } from './ledger.js';
import { ordersPorts } from './job-ports.js';
import { OrdersRunReport } from './orders-report.js';
import { requestSyncFixableRetries } from './parked-retry.js';
import { pushOrder, type PushContext, type PushStep } from './push.js';
import { readSupplierId } from './supplier.js';

const log = getLogger('orders');

/** Cursor holding the newest `updatedAt` of the approved orders already looked at. */
export const ORDERS_CURSOR = 'orders.updatedSince';

/** Orders per page of the approved-order list, and the most pages one run reads. */
const PAGE_SIZE = 100;
const MAX_PAGES = 1_000;

/** Options of the orders job that tests and benchmarks change. */
export interface OrdersJobOptions {
  leaseSeconds?: number;
  afterStep?: (step: PushStep, orderId: string) => void;
}

/**
 * Creates the `orders` job. A run first marks for retry the parked orders that a catalog sync
 * since their park may have fixed. It then resumes every order the ledger shows unfinished or
 * marked for retry, and lists approved orders changed since the cursor minus the overlap
 * (all approved orders on the first run and in `full` mode) and pushes each one. Orders
 * already pushed or parked cost no API call. The supplier ID in the ExternalID comes from the
 * Upstock account, read at most once per 5 minutes per client. The cursor advances to the newest `updatedAt`
 * seen, but stays before any order that another agent held or that could not be claimed, so
 * the next run looks at it again. Every order still parked at the end is listed as a failure
 * of the run, so the run reports failures while any order needs attention.
 */
export function createOrdersJob(options: OrdersJobOptions = {}): Job {
  return {
    name: 'orders',
    run: (ctx) => runOrders(ctx, options),
  };
}

/** The `orders` job with default options, for the runner. */
export const ordersJob: Job = createOrdersJob();

async function runOrders(ctx: JobContext, options: OrdersJobOptions): Promise<void> {
  const { dear, upstock } = ordersPorts(ctx);
  const ledger = ledgerFor(ctx.store);
  const report = new OrdersRunReport(ctx);
  const supplierId = await readSupplierId(ctx.upstock, ctx.store);
  const pushContext: PushContext = {
    dear,
    upstock,
    ledger,
    inputs: await MappingInputs.load(ctx.store, dear, supplierId),
    settings: ctx.settings.orders,
    agentId: agentIdFor(ctx.store),
    supplierId,
    leaseSeconds: options.leaseSeconds,
    afterStep: options.afterStep,
    signal: ctx.signal,
  };
  const seen = new Set<string>();
  let done = 0;

  requestSyncFixableRetries(ctx.store, ledger);
  const resume = [...ledger.listByStates(UNFINISHED_STATES), ...ledger.listRetryRequested()];
  for (const entry of resume) {
    ctx.signal.throwIfAborted();
    seen.add(entry.orderId);
    let order: WireOrder;
    try {
      order = await upstock.getOrder(entry.orderId);
    } catch (error) {
      log.warn(
        `Could not read order ${entry.orderNumber} (${entry.orderId}) to resume its push`,
        error,
      );
      report.record(
        { id: entry.orderId, number: entry.orderNumber },
        { kind: 'unfinished', error },
      );
      continue;
    }
    report.record(order, await pushOrder(order, pushContext));
    ctx.report({ phase: 'resuming orders', done: ++done, total: resume.length });
  }

  const cursor = ctx.store.cursors.get(ORDERS_CURSOR);
  const overlapMs = ctx.settings.sync.overlapMinutes * 60_000;
  const updatedSince =
    ctx.mode === 'full' || !cursor
      ? undefined
      : new Date(new Date(cursor).getTime() - overlapMs).toISOString();

  let newest = cursor;
  let heldAt: string | null = null;
  let pageCursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await upstock.listApprovedOrders({
      updatedSince,
      cursor: pageCursor,
      limit: PAGE_SIZE,
    });
    for (const order of result.items) {
      ctx.signal.throwIfAborted();
      if (!newest || order.updatedAt > newest) newest = order.updatedAt;
      if (seen.has(order.id)) continue;
      seen.add(order.id);
      const outcome = await pushOrder(order, pushContext);
      report.record(order, outcome);
      const lookAgain =
        outcome.kind === 'claimed-elsewhere' ||
        (outcome.kind === 'unfinished' && ledger.get(order.id) === null);
      if (lookAgain && (!heldAt || order.updatedAt < heldAt)) heldAt = order.updatedAt;
      ctx.report({ phase: 'pushing approved orders', done: ++done, total: null });
    }
    if (!result.nextCursor) break;
    pageCursor = result.nextCursor;
  }

  const next = heldAt ?? newest;
  if (next && next !== cursor) ctx.store.cursors.set(ORDERS_CURSOR, next);
  report.finish(ledger);
}

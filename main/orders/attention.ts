import type { OrderAttentionRow } from '../../shared/ipc.js';
import type { Store } from '../store/types.js';
import { ledgerFor } from './ledger.js';
import { describeTotalsChange } from './authorised-total.js';
import { describeEdit } from './orders-report.js';

/**
 * One row of the orders-needing-attention list. `kind` is `parked` for an order the merchant
 * fixes and retries. The informational kinds are pushed orders: `edited-after-push` changed
 * in Upstock after its push, and `totals-changed-in-cin7` got another total from Cin7 Core on
 * authorisation. The agent updates neither sale.
 */
export type OrderAttentionEntry = OrderAttentionRow;

/**
 * Returns the orders parked as needing attention, oldest first, with the reason a merchant
 * can act on. Informational rows follow for pushed orders edited in Upstock after the push
 * and not yet shipped, naming the total pushed and the total now, then rows for pushed orders
 * not yet shipped whose total Cin7 Core changed on authorisation. Assumes a store from
 * `openStore`.
 */
export function listOrdersNeedingAttention(store: Store): OrderAttentionEntry[] {
  const ledger = ledgerFor(store);
  const parked = ledger.listByStates(['parked']).map((entry): OrderAttentionEntry => ({
    kind: 'parked',
    orderId: entry.orderId,
    orderNumber: entry.orderNumber,
    customer: entry.customerName,
    reason: entry.parkReason ?? 'No reason was recorded.',
    since: entry.stateChangedAt,
  }));
  const edited = ledger.listEditedAfterPush().map(({ entry, edit }): OrderAttentionEntry => ({
    kind: 'edited-after-push',
    orderId: entry.orderId,
    orderNumber: entry.orderNumber,
    customer: entry.customerName,
    reason: `Informational, sale ${entry.saleNumber ?? entry.saleId}: ${describeEdit(edit)}`,
    since: edit.at,
  }));
  const totals = ledger.listTotalsChangedInCin7().map(({ entry, change }): OrderAttentionEntry => ({
    kind: 'totals-changed-in-cin7',
    orderId: entry.orderId,
    orderNumber: entry.orderNumber,
    customer: entry.customerName,
    reason: `Informational, sale ${entry.saleNumber ?? entry.saleId}: ${describeTotalsChange(change)}`,
    since: change.at,
  }));
  return [...parked, ...edited, ...totals];
}

/** Raised when a retry names an order that is not parked. */
export class OrderNotParkedError extends Error {
  constructor(
    readonly orderId: string,
    readonly state: string | null,
  ) {
    super(
      state === null
        ? `Order ${orderId} is not in the order ledger; only parked orders can be retried.`
        : `Order ${orderId} is ${state}, not parked; only parked orders can be retried.`,
    );
    this.name = 'OrderNotParkedError';
  }
}

/**
 * Marks a parked order for another push. The order is named by its Upstock order ID or its
 * order number (such as UP-1003). The next orders run pushes it again, so run the `orders`
 * job to push it now. Returns the order ID. Throws OrderNotParkedError when it is not parked.
 */
export function retryOrder(store: Store, orderIdOrNumber: string): string {
  const ledger = ledgerFor(store);
  const requested = orderIdOrNumber.trim();
  const entry = ledger.get(requested) ?? ledger.findByNumber(requested);
  const orderId = entry?.orderId ?? requested;
  if (ledger.requestRetry(orderId, 'requested by the merchant')) return orderId;
  throw new OrderNotParkedError(requested, entry?.state ?? null);
}

import type { OrderAttentionRow } from '../../shared/ipc.js';
import type { Store } from '../store/types.js';
import { ledgerFor } from './ledger.js';

/**
 * Returns the orders parked as needing attention, oldest first, with the reason a merchant
 * can act on. Assumes a store from `openStore`.
 */
export function listOrdersNeedingAttention(store: Store): OrderAttentionRow[] {
  return ledgerFor(store)
    .listByStates(['parked'])
    .map((entry) => ({
      orderId: entry.orderId,
      orderNumber: entry.orderNumber,
      customer: entry.customerName,
      reason: entry.parkReason ?? 'No reason was recorded.',
      since: entry.stateChangedAt,
    }));
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
 * Marks a parked order for another push; the next orders run pushes it again (run the
 * `orders` job to push it now). Throws OrderNotParkedError when the order is not parked.
 */
export function retryOrder(store: Store, orderId: string): void {
  const ledger = ledgerFor(store);
  if (ledger.requestRetry(orderId)) return;
  throw new OrderNotParkedError(orderId, ledger.get(orderId)?.state ?? null);
}

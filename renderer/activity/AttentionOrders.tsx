import { useState } from 'react';
import type { OrderAttentionRow } from '../../shared/ipc.js';
import { errorMessage, invoke } from '../bridge.js';
import { formatDateTime } from '../format.js';

/**
 * Approved orders that need the merchant: parked orders, each with a Retry button, and pushed
 * orders edited in Upstock afterwards, which are informational because their sale must be
 * changed in Cin7 Core by hand. `onRetried` reloads the list and returns it (null when the
 * reload failed), so the outcome of a retry can be told.
 */
export function AttentionOrders({
  orders,
  onRetried,
}: {
  orders: OrderAttentionRow[];
  onRetried(): Promise<OrderAttentionRow[] | null>;
}) {
  const [retrying, setRetrying] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [failures, setFailures] = useState<Record<string, string>>({});

  async function retry(order: OrderAttentionRow) {
    setRetrying(order.orderId);
    setOutcome(null);
    try {
      // The engine pushes the order at once and resolves when that orders run has ended.
      await invoke('orders:retry', { orderId: order.orderId });
      setFailures((current) => {
        const remaining = { ...current };
        delete remaining[order.orderId];
        return remaining;
      });
      setOutcome(describeRetry(order, await onRetried()));
    } catch (failure) {
      setFailures((current) => ({
        ...current,
        [order.orderId]: `Retry failed: ${errorMessage(failure)}`,
      }));
    } finally {
      setRetrying(null);
    }
  }

  const status = outcome ? <p role="status">{outcome}</p> : null;
  if (orders.length === 0) {
    return (
      <>
        {status}
        <p className="muted">No orders need attention.</p>
      </>
    );
  }

  return (
    <>
      {status}
      <table className="data-table">
        <caption>Orders needing attention</caption>
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Customer</th>
            <th scope="col">Reason</th>
            <th scope="col">Since</th>
            <th scope="col">
              <span className="visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {orders.map((order) => (
            <tr key={`${order.kind}:${order.orderId}`}>
              <th scope="row">{order.orderNumber}</th>
              <td>{order.customer}</td>
              <td>
                {order.reason}
                {order.kind === 'edited-after-push' ? (
                  <div className="muted">
                    Edited in Upstock after it was pushed: Upstock and Cin7 Core now differ. The
                    agent does not change a pushed sale, so change the sale in Cin7 Core by hand.
                  </div>
                ) : null}
                {order.kind === 'totals-changed-in-cin7' ? (
                  <div className="muted">
                    Cin7 Core changed the total when it authorised the sale order, probably by
                    applying its automatic discounts or deals. Check the invoice in Cin7 Core.
                  </div>
                ) : null}
                {failures[order.orderId] ? (
                  <div role="status">{failures[order.orderId]}</div>
                ) : null}
              </td>
              <td>{formatDateTime(order.since)}</td>
              <td>
                {order.kind === 'parked' ? (
                  <button
                    type="button"
                    onClick={() => void retry(order)}
                    disabled={retrying !== null}
                    aria-label={`Retry order ${order.orderNumber}`}
                  >
                    {retrying === order.orderId ? 'Retrying…' : 'Retry'}
                  </button>
                ) : (
                  <span className="muted">Informational</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Says what a finished retry did, from the list reloaded after it. */
function describeRetry(order: OrderAttentionRow, reloaded: OrderAttentionRow[] | null): string {
  const number = order.orderNumber;
  if (reloaded === null) {
    return `Order ${number} was retried, but the list could not be reloaded to show the outcome.`;
  }
  const stillParked = reloaded.find(
    (row) => row.orderId === order.orderId && row.kind === 'parked',
  );
  if (!stillParked) return `Order ${number} was pushed to Cin7 Core and no longer needs attention.`;
  return (
    `Order ${number} was retried but is still parked: ${stillParked.reason} ` +
    'If Cin7 Core or Upstock is not connected, it is pushed once both are.'
  );
}

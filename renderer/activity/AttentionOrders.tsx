import { useState } from 'react';
import type { OrderAttentionRow } from '../../shared/ipc.js';
import { errorMessage, invoke } from '../bridge.js';
import { formatDateTime } from '../format.js';

/** Approved orders that could not become a Cin7 Core sale, each with a Retry button. */
export function AttentionOrders({
  orders,
  onRetried,
}: {
  orders: OrderAttentionRow[];
  onRetried(): Promise<void>;
}) {
  const [retrying, setRetrying] = useState<string | null>(null);
  const [results, setResults] = useState<Record<string, string>>({});

  async function retry(order: OrderAttentionRow) {
    setRetrying(order.orderId);
    try {
      await invoke('orders:retry', { orderId: order.orderId });
      setResults((current) => ({ ...current, [order.orderId]: 'Retry queued.' }));
      await onRetried();
    } catch (failure) {
      setResults((current) => ({
        ...current,
        [order.orderId]: `Retry failed: ${errorMessage(failure)}`,
      }));
    } finally {
      setRetrying(null);
    }
  }

  if (orders.length === 0) return <p className="muted">No orders need attention.</p>;

  return (
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
          <tr key={order.orderId}>
            <th scope="row">{order.orderNumber}</th>
            <td>{order.customer}</td>
            <td>
              {order.reason}
              {results[order.orderId] ? <div role="status">{results[order.orderId]}</div> : null}
            </td>
            <td>{formatDateTime(order.since)}</td>
            <td>
              <button
                type="button"
                onClick={() => void retry(order)}
                disabled={retrying !== null}
                aria-label={`Retry order ${order.orderNumber}`}
              >
                {retrying === order.orderId ? 'Retrying…' : 'Retry'}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import type { JobContext } from '../sync/job.js';
import type { OrdersDearPort, OrdersUpstockPort } from './ports.js';

/**
 * Returns the run's clients narrowed to the calls the order jobs make. The runner's context
 * types the sale, claim and shipment calls, so this is a plain narrowing: no check, no cast.
 */
export function ordersPorts(ctx: Pick<JobContext, 'dear' | 'upstock'>): {
  dear: OrdersDearPort;
  upstock: OrdersUpstockPort;
} {
  return { dear: ctx.dear, upstock: ctx.upstock };
}

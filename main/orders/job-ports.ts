import type { JobContext } from '../sync/job.js';
import type { OrdersDearPort, OrdersUpstockPort } from './ports.js';

const DEAR_METHODS = [
  'createSale',
  'createSaleOrder',
  'getSale',
  'getSaleOrder',
  'saleList',
  'findSalesByExternalId',
];
const UPSTOCK_METHODS = [
  'listApprovedOrders',
  'getOrder',
  'claimOrder',
  'renewClaim',
  'releaseClaim',
  'setIntegrationState',
  'markShipped',
];

/**
 * Returns the run's clients typed for the order jobs. The runner's context types only the
 * import jobs' part of each client; the real `DearClient` and `UpstockClient` have the rest.
 * Throws when a client lacks a method the order jobs call.
 */
export function ordersPorts(ctx: Pick<JobContext, 'dear' | 'upstock'>): {
  dear: OrdersDearPort;
  upstock: OrdersUpstockPort;
} {
  requireMethods(ctx.dear, DEAR_METHODS, 'Cin7 Core');
  requireMethods(ctx.upstock, UPSTOCK_METHODS, 'Upstock');
  return {
    dear: ctx.dear as unknown as OrdersDearPort,
    upstock: ctx.upstock as unknown as OrdersUpstockPort,
  };
}

function requireMethods(client: object, methods: string[], service: string): void {
  const missing = methods.filter(
    (method) => typeof (client as Record<string, unknown>)[method] !== 'function',
  );
  if (missing.length > 0) {
    throw new Error(
      `The ${service} client given to the order jobs lacks ${missing.join(', ')}; pass the full client.`,
    );
  }
}

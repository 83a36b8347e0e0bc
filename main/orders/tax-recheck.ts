import { DearApiError } from '../dear/errors.js';
import { getLogger } from '../log/logger.js';
import type { WireOrder } from '../upstock/wire.js';
import type { LedgerState } from './ledger.js';
import { mapApprovedOrder } from './mapping/map-order.js';
import type { MappingResult } from './mapping/types.js';
import type { PushContext } from './push.js';

const log = getLogger('orders');

/**
 * Returns true when `error` is Cin7 Core's rejection of a sale order post (the ledger at
 * `order-requested`) whose message is about tax or totals.
 * NOTE: Cin7 Core's exact text for a tax or total mismatch is not documented, so any rejection
 * of the sale order that mentions "tax" or "total" counts.
 */
export function isTaxRejection(error: unknown, state: LedgerState | undefined): boolean {
  if (!(error instanceof DearApiError) || state !== 'order-requested') return false;
  return /tax|total/i.test(error.exception || error.message);
}

/**
 * Re-reads `/me` and the tax rules after Cin7 Core rejected a sale order's tax or totals, at
 * most once per orders run. When the tax calculation method or the sale tax rule's rate
 * changed, the run's reference data and the store's reference cache take the fresh values,
 * and the order is mapped again. Returns that mapping, or null when the re-read already
 * happened in this run or nothing relevant changed (the caller then parks the order). Throws
 * what the client throws.
 */
export async function remapAfterTaxChange(
  order: WireOrder,
  ctx: PushContext,
): Promise<MappingResult | null> {
  const change = await ctx.inputs.rereadTaxSetup(ctx.dear, ctx.settings.taxRule, ctx.signal);
  if (!change) return null;
  if (!change.changed) {
    log.info(
      `Order ${order.number} (${order.id}): Cin7 Core rejected the sale order's tax, and its ` +
        `tax setup is unchanged (${change.after}); parking the order`,
    );
    return null;
  }
  log.warn(
    `Order ${order.number} (${order.id}): the Cin7 Core tax setup changed from ` +
      `${change.before} to ${change.after}; computing the sale order again`,
  );
  return mapApprovedOrder(
    order,
    ctx.inputs.customer(order.customer.externalId),
    ctx.inputs.reference(ctx.settings.freightProduct),
    ctx.settings,
  );
}

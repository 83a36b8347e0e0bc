import { getLogger } from '../log/logger.js';
import type { WireOrder } from '../upstock/wire.js';
import type { HeldClaim } from './claim.js';
import type { LedgerEntry } from './ledger.js';
import type { DearSaleOrderRequest, DearSaleRequest, ParkReason } from './mapping/types.js';
import type { PushContext } from './push.js';

const log = getLogger('orders');

/**
 * Moves an order from `claimed` or `sale-requested` to a sale in Cin7 Core. When an earlier
 * attempt may have created the sale (`mayExist`, or the ledger at `sale-requested`), the sale
 * is looked up by ExternalID first; a sale found that way goes to `order-requested`, so its
 * sale order is read before anything is posted over it. Otherwise `sale-requested` is
 * recorded, the sale is posted and `sale-created` is recorded with its ID.
 */
export async function resumeSale(
  order: WireOrder,
  entry: LedgerEntry,
  body: DearSaleRequest,
  claim: HeldClaim,
  ctx: PushContext,
  mayExist: boolean,
): Promise<void> {
  if (mayExist || entry.state === 'sale-requested') {
    const found = await ctx.dear.findSalesByExternalId(order.id, ctx.signal);
    const first = found[0];
    if (first) {
      if (found.length > 1) {
        log.error(
          `Cin7 Core has ${found.length} sales with ExternalID ${order.id} (order ${order.number}): ` +
            `${found.map((row) => String(row.SaleID)).join(', ')}; keeping the first, void the others`,
        );
      }
      const saleId = String(first.SaleID);
      ctx.ledger.transition(order.id, 'sale-created', { saleId, detail: 'found by ExternalID' });
      ctx.ledger.transition(order.id, 'order-requested', {
        detail: 'checking the existing sale order',
      });
      return;
    }
  }

  await claim.refresh();
  if (entry.state !== 'sale-requested') {
    ctx.ledger.transition(order.id, 'sale-requested');
    ctx.afterStep?.('sale-requested', order.id);
  }
  const sale = await ctx.dear.createSale(body, { signal: ctx.signal });
  ctx.afterStep?.('sale-posted', order.id);
  const saleId = typeof sale.ID === 'string' ? sale.ID : null;
  if (!saleId) {
    throw new Error(
      `The Cin7 Core response to POST sale for order ${order.id} has no sale ID; check the sale in Cin7 Core.`,
    );
  }
  ctx.ledger.transition(order.id, 'sale-created', { saleId });
  ctx.afterStep?.('sale-created', order.id);
}

/**
 * Posts the sale order (lines, freight, status) of a created sale. From `order-requested`,
 * where an earlier post may have landed, the sale order is read first and accepted when it
 * already has this status and line count. Returns a park reason when the existing sale order
 * is authorised but differs, because Cin7 Core accepts no second post then.
 */
export async function resumeSaleOrder(
  order: WireOrder,
  entry: LedgerEntry,
  body: DearSaleOrderRequest,
  claim: HeldClaim,
  ctx: PushContext,
): Promise<ParkReason | null> {
  const saleId = entry.saleId!;
  if (entry.state === 'order-requested') {
    const existing = await ctx.dear.getSaleOrder(saleId, ctx.signal);
    const status = typeof existing.Status === 'string' ? existing.Status : '';
    const lines = Array.isArray(existing.Lines) ? existing.Lines.length : 0;
    const number =
      typeof existing.SaleOrderNumber === 'string' ? existing.SaleOrderNumber : undefined;
    if (status === body.Status && lines === body.Lines.length) {
      ctx.ledger.transition(order.id, 'order-created', {
        saleNumber: number,
        detail: 'found the posted sale order',
      });
      ctx.afterStep?.('order-created', order.id);
      return null;
    }
    if (status !== 'DRAFT' && status !== 'NOT AVAILABLE' && status !== '') {
      return {
        code: 'dear-validation',
        message:
          `Sale ${number ?? saleId} in Cin7 Core already has a sale order with status ${status} ` +
          `and ${lines} lines, which differs from the Upstock order. Check the sale in Cin7 Core.`,
      };
    }
  }

  await claim.refresh();
  if (entry.state !== 'order-requested') {
    ctx.ledger.transition(order.id, 'order-requested');
    ctx.afterStep?.('order-requested', order.id);
  }
  const saved = await ctx.dear.createSaleOrder({ ...body, SaleID: saleId }, { signal: ctx.signal });
  ctx.afterStep?.('order-posted', order.id);
  const saleNumber = typeof saved.SaleOrderNumber === 'string' ? saved.SaleOrderNumber : undefined;
  ctx.ledger.transition(order.id, 'order-created', { saleNumber });
  ctx.afterStep?.('order-created', order.id);
  return null;
}

import { getLogger } from '../log/logger.js';
import type { WireOrder } from '../upstock/wire.js';
import type { HeldClaim } from './claim.js';
import type { LedgerEntry } from './ledger.js';
import type { DearSaleOrderRequest, DearSaleRequest, ParkReason } from './mapping/types.js';
import type { PushContext } from './push.js';
import {
  describeSale,
  findOrderSales,
  matchOrderSale,
  type FoundSale,
  type SaleMatch,
} from './sale-match.js';

const log = getLogger('orders');

/**
 * Moves an order from `claimed` or `sale-requested` to a sale in Cin7 Core. When an earlier
 * attempt may have created the sale (`mayExist`, or the ledger at `sale-requested`), the sales
 * with this order's ExternalID are read first and matched on customer and customer reference
 * (see `matchOrderSale`). The one matching sale goes to `order-requested`, so its sale order is
 * read before anything is posted over it. Several matches, or a sale of this customer with
 * another customer reference, return a park reason naming the sales. So does a voided sale of
 * this customer when no live sale matches, unless `skipVoided` (a person asked to push the order
 * again after its sale was voided). Otherwise `sale-requested` is recorded, the sale is posted
 * and `sale-created` is recorded with its ID.
 */
export async function resumeSale(
  order: WireOrder,
  entry: LedgerEntry,
  body: DearSaleRequest,
  claim: HeldClaim,
  ctx: PushContext,
  mayExist: boolean,
  skipVoided: boolean,
): Promise<ParkReason | null> {
  if (mayExist || entry.state === 'sale-requested') {
    const found = await findOrderSales(ctx.dear, ctx.supplierId, order.id, ctx.signal);
    const match = matchOrderSale(found, body, entry.saleId, { skipVoided });
    if (match.kind === 'several' || match.kind === 'unsure') {
      return ambiguousSale(match, body);
    }
    if (match.kind === 'voided') return voidedSale(match.sales);
    if (match.kind === 'one') {
      logIgnored(order, match.ignored);
      ctx.ledger.transition(order.id, 'sale-created', {
        saleId: match.sale.saleId,
        detail: `found by ExternalID ${match.sale.externalId}`,
      });
      ctx.ledger.transition(order.id, 'order-requested', {
        detail: 'checking the existing sale order',
      });
      return null;
    }
    logIgnored(order, match.ignored);
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
  return null;
}

function ambiguousSale(
  match: Extract<SaleMatch, { kind: 'several' | 'unsure' }>,
  body: DearSaleRequest,
): ParkReason {
  const names = match.sales.map(describeSale).join(', ');
  if (match.kind === 'several') {
    return {
      code: 'ambiguous-sale',
      message:
        `Cin7 Core has ${match.sales.length} sales for this order (customer and customer ` +
        `reference "${body.CustomerReference}" match): ${names}. Void all but one of them in ` +
        'Cin7 Core, then retry the order.',
    };
  }
  const references = match.sales.map((sale) => `"${sale.customerReference ?? ''}"`).join(', ');
  return {
    code: 'ambiguous-sale',
    message:
      `Cin7 Core has sale ${names} with this order's ExternalID and customer, but customer ` +
      `reference ${references} instead of "${body.CustomerReference}", so the agent cannot ` +
      `tell whether it is this order's sale. If it is, set its customer reference to ` +
      `"${body.CustomerReference}" in Cin7 Core; if it is not, void it. Then retry the order.`,
  };
}

function voidedSale(sales: readonly FoundSale[]): ParkReason {
  const names = sales.map(describeSale).join(', ');
  return {
    code: 'sale-voided',
    message:
      `Sale ${names} of this order was voided in Cin7 Core, so the agent does not create a new ` +
      'sale by itself. Enter the sale again in Cin7 Core by hand, cancel the order in Upstock, ' +
      'or retry the order to push it as a new sale.',
  };
}

function logIgnored(order: WireOrder, ignored: readonly FoundSale[]): void {
  if (ignored.length === 0) return;
  log.warn(
    `Order ${order.number} (${order.id}): ignored ${ignored.length} Cin7 Core sales with its ` +
      `ExternalID that are voided or belong to another customer or order: ` +
      ignored.map(describeSale).join(', '),
  );
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

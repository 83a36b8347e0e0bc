import { Decimal } from 'decimal.js';
import { DearCredentialsError } from '../dear/errors.js';
import { getLogger } from '../log/logger.js';
import type { WireOrder } from '../upstock/wire.js';
import type { LedgerEntry, TotalsChangedInCin7 } from './ledger.js';
import type { DearSaleOrderRequest } from './mapping/types.js';
import type { PushContext } from './push.js';

const log = getLogger('orders');

/**
 * Reads back the sale order of a just-pushed order once and compares its `Total` with the
 * total the agent posted. Cin7 Core applies discounts and deals when a sale order is
 * authorised if `/me.AutomaticallyApplyDiscounts` is true, and may then rewrite the posted
 * lines. Makes no call for a DRAFT sale order or when the setting is false. Returns the
 * change, also stored in the ledger, or null when the totals match or nothing was checked.
 * Throws DearCredentialsError only. Any other read failure is logged and returns null,
 * because the order is pushed either way.
 * NOTE: a crash between the push and this read skips the check for that order for good.
 */
export async function checkAuthorisedTotal(
  order: Pick<WireOrder, 'id' | 'number'>,
  entry: LedgerEntry,
  posted: DearSaleOrderRequest,
  ctx: PushContext,
): Promise<TotalsChangedInCin7 | null> {
  if (posted.Status !== 'AUTHORISED' || !ctx.inputs.automaticallyApplyDiscounts) return null;
  const saleId = entry.saleId!;
  const sale = `${entry.saleNumber ?? ''} ${saleId}`.trim();

  let stored: Record<string, unknown>;
  try {
    stored = await ctx.dear.getSaleOrder(saleId, ctx.signal);
  } catch (error) {
    if (error instanceof DearCredentialsError) throw error;
    log.warn(
      `Order ${order.number} (${order.id}): could not read sale ${sale} back to compare its ` +
        'total after authorisation; check the invoice in Cin7 Core',
      error instanceof Error ? error.message : String(error),
    );
    return null;
  }

  const cin7Total = readTotal(stored.Total);
  const postedTotal = new Decimal(posted.Total);
  if (cin7Total === null) {
    log.warn(
      `Order ${order.number} (${order.id}): sale order of sale ${sale} has no readable Total ` +
        `(${JSON.stringify(stored.Total ?? null)}); its total after authorisation is unchecked`,
    );
    return null;
  }
  // Cents decide, so a different rounding of the same amount is no change.
  if (cin7Total.toDecimalPlaces(2).equals(postedTotal.toDecimalPlaces(2))) return null;

  const change: TotalsChangedInCin7 = {
    postedTotal: postedTotal.toFixed(2),
    cin7Total: cin7Total.toFixed(2),
    at: new Date().toISOString(),
  };
  ctx.ledger.noteTotalsChangedInCin7(order.id, change);
  log.warn(
    `Order ${order.number} (${order.id}): Cin7 Core changed the total of sale ${sale} on ` +
      `authorisation from ${change.postedTotal} to ${change.cin7Total}, probably by applying ` +
      'its discounts or deals; check the invoice in Cin7 Core',
  );
  return change;
}

function readTotal(value: unknown): Decimal | null {
  if (typeof value !== 'number' && typeof value !== 'string') return null;
  try {
    const total = new Decimal(value);
    return total.isFinite() ? total : null;
  } catch {
    return null;
  }
}

/** Describes a total changed on authorisation for a merchant: both totals and what to do. */
export function describeTotalsChange(change: TotalsChangedInCin7): string {
  return (
    `Cin7 Core changed the sale order total on authorisation from ${change.postedTotal} ` +
    `(as pushed from Upstock) to ${change.cin7Total}, probably by applying its automatic ` +
    'discounts or deals. The sale exists; check its invoice in Cin7 Core.'
  );
}

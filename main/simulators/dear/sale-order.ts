import { Decimal } from 'decimal.js';
import { badRequest } from './http-io.js';
import { ok, type RouteHandler } from './route-types.js';
import { parseOrderLines } from './sale-order-lines.js';
import { checkTaxes, type DocumentTotals } from './sale-order-tax.js';
import { touchSale } from './sale-status.js';
import type { SimSale } from './sale-types.js';
import { isObject, MessageCollector, readDecimal, readString } from './sale-values.js';
import { saleOrderView } from './sale-views.js';
import type { SimState } from './state.js';

const AUTO_MODES = ['NOPICK', 'AUTOPICK', 'AUTOPICKPACK', 'AUTOPICKPACKSHIP'];

function checkSentTotals(
  body: Record<string, unknown>,
  totals: DocumentTotals,
  messages: MessageCollector,
): void {
  const sent: Array<[string, Decimal]> = [
    ['TotalBeforeTax', totals.totalBeforeTax],
    ['Tax', totals.tax],
    ['Total', totals.total],
  ];
  for (const [field, expected] of sent) {
    const value = messages.take(readDecimal(body[field], field, { maxPlaces: 4 }));
    if (value !== undefined && !value.equals(expected)) {
      messages.add(
        `${field} ${value.toFixed()} does not match the lines and additional charges, which add up to ${expected.toFixed(2)}.`,
      );
    }
  }
}

function findSaleForOrder(state: SimState, body: Record<string, unknown>): SimSale {
  if (typeof body.SaleID !== 'string' || body.SaleID === '')
    throw badRequest('SaleID is required.');
  const sale = state.findSale(body.SaleID);
  if (!sale) throw badRequest(`Sale with SaleID '${body.SaleID}' not found.`);
  if (sale.status === 'VOIDED')
    throw badRequest(`Sale '${sale.id}' is voided; its order cannot be changed.`);
  if (sale.order.Status !== 'DRAFT' && sale.order.Status !== 'NOT AVAILABLE') {
    throw badRequest(
      `Sale order ${sale.order.SaleOrderNumber ?? ''} of sale '${sale.id}' is ${sale.order.Status}; only a DRAFT or NOT AVAILABLE order can be posted. Undo the order first.`,
    );
  }
  if (sale.quoteStatus !== 'AUTHORISED' && sale.header.SkipQuote !== true) {
    throw badRequest(
      `The quote of sale '${sale.id}' is not authorised; create the sale with SkipQuote true or authorise the quote first.`,
    );
  }
  return sale;
}

/**
 * Takes the control API's authorisation discount off the document totals when the account
 * applies discounts automatically. It stands in for the discounts and deals Cin7 Core may
 * apply on authorisation, so it only lowers the totals and leaves the lines as posted.
 */
function applyAuthorisationDiscount(state: SimState, sale: SimSale): void {
  const percent = state.authorisationDiscountPercent;
  if (percent === null || state.me.AutomaticallyApplyDiscounts !== true) return;
  const factor = new Decimal(1).minus(percent.dividedBy(100));
  const order = sale.order;
  order.TotalBeforeTax = order.TotalBeforeTax.times(factor).toDecimalPlaces(2);
  order.Tax = order.Tax.times(factor).toDecimalPlaces(2);
  order.Total = order.TotalBeforeTax.plus(order.Tax);
}

/** Holds stock for each stock line and marks what cannot be covered as backordered. */
function allocateStock(state: SimState, sale: SimSale): boolean {
  let backordered = false;
  sale.allocated = new Map();
  for (const line of sale.order.Lines) {
    const key = line.ProductID.toLowerCase();
    const available = Decimal.max(state.availableStock(line.ProductID), 0);
    const allocatable = Decimal.min(available, line.Quantity);
    line.BackorderQuantity = line.Quantity.minus(allocatable);
    if (line.BackorderQuantity.greaterThan(0)) backordered = true;
    if (allocatable.greaterThan(0))
      sale.allocated.set(key, (sale.allocated.get(key) ?? new Decimal(0)).plus(allocatable));
  }
  return backordered;
}

/**
 * `POST sale/order`: replaces the order's lines and additional charges after checking every
 * field, each line's Total and Tax, and any document totals sent. `DRAFT` leaves the sale
 * ORDERING; `AUTHORISED` makes it ORDERED, or BACKORDERED when stock is short (silently, as
 * Cin7 Core does). The first post assigns the sale order number (SO-00001, ...).
 */
export const postSaleOrder: RouteHandler = ({ state, body }) => {
  if (!isObject(body))
    throw badRequest('The request body must be a JSON object describing the sale order.');
  const sale = findSaleForOrder(state, body);
  const messages = new MessageCollector();

  if (body.Status !== 'DRAFT' && body.Status !== 'AUTHORISED') {
    messages.add(`Status must be DRAFT or AUTHORISED, got ${JSON.stringify(body.Status ?? null)}.`);
  }
  const memo = messages.take(readString(body.Memo, 'Memo', 1024));
  if (body.Memo === undefined || body.Memo === null)
    messages.add('Memo is required (it may be an empty string).');
  const mode = body.AutoPickPackShipMode ?? 'NOPICK';
  if (typeof mode !== 'string' || !AUTO_MODES.includes(mode)) {
    messages.add(
      `AutoPickPackShipMode must be one of ${AUTO_MODES.join(', ')}, got ${JSON.stringify(mode)}.`,
    );
  }

  const parsed = parseOrderLines(state, body.Lines, body.AdditionalCharges, messages);
  if (
    body.Status === 'AUTHORISED' &&
    parsed.lines.length === 0 &&
    parsed.charges.length === 0 &&
    messages.messages.length === 0
  ) {
    messages.add('An AUTHORISED sale order needs at least one line or additional charge.');
  }
  if (messages.messages.length > 0) throw badRequest(messages.messages);

  const totals = checkTaxes(
    parsed.amounts,
    state.me.TaxCalculationMethod,
    sale.header.TaxInclusive === true,
    messages,
  );
  checkSentTotals(body, totals, messages);
  if (messages.messages.length > 0) throw badRequest(messages.messages);

  if (!sale.order.SaleOrderNumber) {
    state.saleOrderCounter += 1;
    sale.order.SaleOrderNumber = `SO-${String(state.saleOrderCounter).padStart(5, '0')}`;
  }
  sale.order = {
    ...sale.order,
    Memo: memo ?? '',
    Status: body.Status as 'DRAFT' | 'AUTHORISED',
    AutoPickPackShipMode: mode as string,
    Lines: parsed.lines,
    AdditionalCharges: parsed.charges,
    TotalBeforeTax: totals.totalBeforeTax,
    Tax: totals.tax,
    Total: totals.total,
  };
  if (body.Status === 'AUTHORISED') {
    applyAuthorisationDiscount(state, sale);
    sale.status = allocateStock(state, sale) ? 'BACKORDERED' : 'ORDERED';
  } else {
    sale.allocated = new Map();
    sale.status = 'ORDERING';
  }
  touchSale(state, sale);
  return ok(saleOrderView(sale));
};

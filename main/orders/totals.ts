import { Decimal } from 'decimal.js';

/**
 * Sale order arithmetic for tax-exclusive Cin7 Core sales. Cin7 Core stores prices,
 * quantities and totals to 4 dp and line discounts to 2 dp. Each line's `Total` must equal
 * round2(Quantity × Price × (1 − Discount/100)) and each `Tax` is an amount, so the agent
 * computes both exactly and never sends a value that Cin7 Core would compute differently.
 * Rounding is half away from zero (`ROUND_HALF_UP` in decimal.js).
 */

/** `/me.TaxCalculationMethod`: tax per line, or tax on the document total. */
export type TaxCalculationMethod = 'Row Total' | 'Total';

/** One Upstock order line as the arithmetic needs it. */
export interface LineAmountsInput {
  /** SKU or line position, used in parking reasons. */
  label: string;
  quantity: Decimal;
  unitPrice: Decimal;
  /** Percent 0-100, any precision. */
  discountPercent: Decimal;
  /** Upstock's tax-exclusive line total, which the Cin7 Core line must reproduce exactly. */
  lineTotal: Decimal;
}

/** The amounts of one Cin7 Core sale order line or additional charge. */
export interface LineAmounts {
  quantity: Decimal;
  price: Decimal;
  discount: Decimal;
  total: Decimal;
  tax: Decimal;
}

/** The amounts of a whole sale order. */
export interface SaleOrderAmounts {
  lines: LineAmounts[];
  /** Null when the order has no freight. */
  freight: LineAmounts | null;
  totalBeforeTax: Decimal;
  tax: Decimal;
  total: Decimal;
}

/** Either the value, or the reason the order cannot be represented exactly in Cin7 Core. */
export type Exact<T> = { ok: true; value: T } | { ok: false; reason: string };

const HUNDRED = new Decimal(100);

/** Rounds to `places` decimal places, half away from zero. */
export function roundTo(value: Decimal, places: number): Decimal {
  return value.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
}

/** Rounds to cents, half away from zero. */
export function round2(value: Decimal): Decimal {
  return roundTo(value, 2);
}

function fitsPlaces(value: Decimal, places: number): boolean {
  return value.decimalPlaces() <= places;
}

/** Computes a line total the way Cin7 Core validates it: round2(Q × P × (1 − D/100)). */
export function lineTotal(quantity: Decimal, price: Decimal, discountPercent: Decimal): Decimal {
  return round2(quantity.times(price).times(HUNDRED.minus(discountPercent)).dividedBy(HUNDRED));
}

/**
 * Chooses Quantity, Price and Discount for one line so that Cin7 Core's line total equals
 * Upstock's. A discount with at most 2 dp is sent as is. Otherwise the discounted unit price
 * goes in `Price` (rounded to 4 dp) with `Discount` 0. Returns a reason instead when the
 * quantity or price needs more than 4 dp, the quantity is below 1, the discount is outside
 * 0-100, or neither form reproduces Upstock's line total.
 */
export function priceLine(input: LineAmountsInput): Exact<Omit<LineAmounts, 'tax'>> {
  const { label, quantity, unitPrice, discountPercent } = input;
  if (!fitsPlaces(quantity, 4) || quantity.lessThan(1)) {
    return {
      ok: false,
      reason:
        `Line ${label}: quantity ${quantity.toString()} cannot be sent to Cin7 Core, which ` +
        'takes quantities of at least 1 with up to 4 decimal places. Change the quantity in Upstock.',
    };
  }
  if (!fitsPlaces(unitPrice, 4) || unitPrice.isNegative()) {
    return {
      ok: false,
      reason:
        `Line ${label}: unit price ${unitPrice.toString()} has more than 4 decimal places or ` +
        'is negative, which Cin7 Core cannot store. Correct the price in Upstock.',
    };
  }
  if (discountPercent.isNegative() || discountPercent.greaterThan(HUNDRED)) {
    return {
      ok: false,
      reason: `Line ${label}: discount ${discountPercent.toString()}% is outside 0-100.`,
    };
  }

  const expected = input.lineTotal;
  if (fitsPlaces(discountPercent, 2)) {
    const total = lineTotal(quantity, unitPrice, discountPercent);
    if (total.equals(expected)) {
      return { ok: true, value: { quantity, price: unitPrice, discount: discountPercent, total } };
    }
  }

  // The discount needs more than 2 dp, or Upstock rounded its total differently: try the
  // discounted unit price at 4 dp with no discount.
  const netPrice = roundTo(unitPrice.times(HUNDRED.minus(discountPercent)).dividedBy(HUNDRED), 4);
  const netTotal = lineTotal(quantity, netPrice, new Decimal(0));
  if (netTotal.equals(expected)) {
    return {
      ok: true,
      value: { quantity, price: netPrice, discount: new Decimal(0), total: netTotal },
    };
  }
  return {
    ok: false,
    reason:
      `Line ${label}: Upstock's line total ${expected.toFixed(2)} cannot be reproduced in ` +
      `Cin7 Core (quantity ${quantity.toString()} × price ${unitPrice.toString()} less ` +
      `${discountPercent.toString()}% gives ${lineTotal(quantity, unitPrice, discountPercent).toFixed(2)} ` +
      `with a 2-dp discount and ${netTotal.toFixed(2)} with a 4-dp net price). ` +
      'Adjust the line in Upstock or enter the sale in Cin7 Core by hand.',
  };
}

/**
 * Splits the document tax round2(Σ totals × rate) over the rows so that the row values sum
 * to it exactly. Each row gets its exact share truncated to cents, and the cents left over go
 * to the rows with the largest remainders (ties to the earlier row). Assumes non-negative
 * totals.
 */
export function distributeDocumentTax(totals: Decimal[], rate: Decimal): Decimal[] {
  const documentTax = round2(Decimal.sum(new Decimal(0), ...totals).times(rate));
  const exact = totals.map((total) => total.times(rate));
  const floors = exact.map((share) => share.toDecimalPlaces(2, Decimal.ROUND_DOWN));
  const allocated = Decimal.sum(new Decimal(0), ...floors);
  let centsLeft = documentTax.minus(allocated).times(HUNDRED).toNumber();

  const byRemainder = exact
    .map((share, index) => ({ index, remainder: share.minus(floors[index]!) }))
    .sort((a, b) => b.remainder.comparedTo(a.remainder) || a.index - b.index);
  const result = [...floors];
  for (const { index } of byRemainder) {
    if (centsLeft <= 0) break;
    result[index] = result[index]!.plus('0.01');
    centsLeft--;
  }
  return result;
}

/**
 * Computes every amount of a sale order: line and freight totals, per-row tax by the
 * tenant's tax calculation method, and the document totals. `rate` is a fraction (0.15 for
 * 15%). Returns the first line's reason when a line cannot be represented exactly, or a
 * reason when the freight is negative or not in whole cents.
 */
export function computeSaleOrderAmounts(
  lines: LineAmountsInput[],
  freight: Decimal | null,
  rate: Decimal,
  method: TaxCalculationMethod,
): Exact<SaleOrderAmounts> {
  const priced: Omit<LineAmounts, 'tax'>[] = [];
  for (const line of lines) {
    const result = priceLine(line);
    if (!result.ok) return result;
    priced.push(result.value);
  }

  let freightRow: Omit<LineAmounts, 'tax'> | null = null;
  if (freight && !freight.isZero()) {
    // A charge's Total is rounded to cents, so freight with fractions of a cent would change.
    if (!fitsPlaces(freight, 2) || freight.isNegative()) {
      return {
        ok: false,
        reason:
          `Freight ${freight.toString()} is negative or has fractions of a cent, which the ` +
          'Cin7 Core freight charge would round away. Set the freight in whole cents in Upstock.',
      };
    }
    const one = new Decimal(1);
    freightRow = {
      quantity: one,
      price: freight,
      discount: new Decimal(0),
      total: lineTotal(one, freight, new Decimal(0)),
    };
  }

  const rows = freightRow ? [...priced, freightRow] : priced;
  const taxes =
    method === 'Total'
      ? distributeDocumentTax(
          rows.map((row) => row.total),
          rate,
        )
      : rows.map((row) => round2(row.total.times(rate)));
  const withTax: LineAmounts[] = rows.map((row, index) => ({ ...row, tax: taxes[index]! }));

  const totalBeforeTax = Decimal.sum(new Decimal(0), ...withTax.map((row) => row.total));
  const tax = Decimal.sum(new Decimal(0), ...withTax.map((row) => row.tax));
  return {
    ok: true,
    value: {
      lines: freightRow ? withTax.slice(0, -1) : withTax,
      freight: freightRow ? withTax[withTax.length - 1]! : null,
      totalBeforeTax,
      tax,
      total: totalBeforeTax.plus(tax),
    },
  };
}

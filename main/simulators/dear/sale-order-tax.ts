import { Decimal } from 'decimal.js';
import type { CheckedAmounts } from './sale-order-lines.js';
import { round2, type MessageCollector } from './sale-values.js';

/**
 * Tax checks for `POST sale/order`, following `/me.TaxCalculationMethod`:
 * - "Row Total": each line's Tax must equal round2(line Total × rate);
 * - "Total": per tax rule, round2(Σ line Totals × rate) is the document tax, and the line Tax
 *   values of that rule must add up to it (how they are spread over lines is the client's choice).
 * With `TaxInclusive` the line Total includes tax, so the tax part is Total × rate / (100 + rate).
 * NOTE: Cin7 Core's inclusive arithmetic and its rounding mode are not documented; half away
 * from zero at 2 dp is an assumption.
 */

export interface DocumentTotals {
  totalBeforeTax: Decimal;
  tax: Decimal;
  total: Decimal;
}

function taxOf(base: Decimal, percent: Decimal, inclusive: boolean): Decimal {
  const raw = inclusive
    ? base.times(percent).dividedBy(percent.plus(100))
    : base.times(percent).dividedBy(100);
  return round2(raw);
}

function describeFormula(
  base: Decimal,
  percent: Decimal,
  inclusive: boolean,
  label: string,
): string {
  return inclusive
    ? `round2(${label} ${base.toFixed()} × ${percent.toFixed()} / (100 + ${percent.toFixed()}))`
    : `round2(${label} ${base.toFixed()} × ${percent.toFixed()}%)`;
}

/** Checks line taxes and returns the document totals they imply. */
export function checkTaxes(
  amounts: CheckedAmounts[],
  method: string,
  inclusive: boolean,
  messages: MessageCollector,
): DocumentTotals {
  if (method === 'Total') {
    const groups = new Map<
      string,
      { percent: Decimal; totals: Decimal; taxes: Decimal; labels: string[] }
    >();
    for (const line of amounts) {
      const group = groups.get(line.rule.Name) ?? {
        percent: new Decimal(line.rule.TaxPercent),
        totals: new Decimal(0),
        taxes: new Decimal(0),
        labels: [],
      };
      group.totals = group.totals.plus(line.total);
      group.taxes = group.taxes.plus(line.tax);
      group.labels.push(line.label);
      groups.set(line.rule.Name, group);
    }
    for (const [ruleName, group] of groups) {
      const expected = taxOf(group.totals, group.percent, inclusive);
      if (!group.taxes.equals(expected)) {
        messages.add(
          `Tax of the lines using '${ruleName}' (${group.labels.join(', ')}) adds up to ${group.taxes.toFixed()}, but the document tax ` +
            `is ${describeFormula(group.totals, group.percent, inclusive, 'sum of line Totals')} = ${expected.toFixed(2)} (TaxCalculationMethod "Total").`,
        );
      }
    }
  } else {
    for (const line of amounts) {
      const percent = new Decimal(line.rule.TaxPercent);
      const expected = taxOf(line.total, percent, inclusive);
      if (!line.tax.equals(expected)) {
        messages.add(
          `${line.label}: Tax ${line.tax.toFixed()} does not match ${describeFormula(line.total, percent, inclusive, 'Total')} = ` +
            `${expected.toFixed(2)} (TaxCalculationMethod "Row Total").`,
        );
      }
    }
  }

  const lineTotals = amounts.reduce((sum, line) => sum.plus(line.total), new Decimal(0));
  const tax = amounts.reduce((sum, line) => sum.plus(line.tax), new Decimal(0));
  return inclusive
    ? { totalBeforeTax: lineTotals.minus(tax), tax, total: lineTotals }
    : { totalBeforeTax: lineTotals, tax, total: lineTotals.plus(tax) };
}

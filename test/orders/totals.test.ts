import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  computeSaleOrderAmounts,
  distributeDocumentTax,
  priceLine,
} from '../../main/orders/totals.js';

const d = (value: string | number) => new Decimal(value);
const RATE = d('0.15');

describe('priceLine', () => {
  it('keeps a 2-dp discount as the line discount', () => {
    const result = priceLine({
      label: '1',
      quantity: d(3),
      unitPrice: d(12),
      discountPercent: d(10),
      lineTotal: d('32.4'),
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.discount.toString()).toBe('10');
    expect(result.value.price.toString()).toBe('12');
    expect(result.value.total.toString()).toBe('32.4');
  });

  it('carries a 4-dp discount as a net price with no discount', () => {
    const result = priceLine({
      label: '1',
      quantity: d(7),
      unitPrice: d('9.99'),
      discountPercent: d('12.345'),
      lineTotal: d('61.27'),
    });
    // 9.99 × (1 − 0.12345) = 8.7567345 → 8.7567; 7 × 8.7567 = 61.2969 → 61.30, not 61.27.
    expect(result.ok).toBe(false);

    const exact = priceLine({
      label: '1',
      quantity: d(7),
      unitPrice: d('9.99'),
      discountPercent: d('12.345'),
      lineTotal: d('61.30'),
    });
    expect(exact.ok).toBe(true);
    if (!exact.ok) return;
    expect(exact.value.discount.isZero()).toBe(true);
    expect(exact.value.price.toString()).toBe('8.7567');
    expect(exact.value.total.toString()).toBe('61.3');
  });

  it('rejects quantities below 1 and over 4 dp', () => {
    for (const quantity of ['0.5', '1.00001', '0']) {
      const result = priceLine({
        label: '1',
        quantity: d(quantity),
        unitPrice: d(1),
        discountPercent: d(0),
        lineTotal: d(1),
      });
      expect(result.ok, quantity).toBe(false);
    }
  });

  it('rejects a price with more than 4 dp', () => {
    const result = priceLine({
      label: '1',
      quantity: d(1),
      unitPrice: d('1.23456'),
      discountPercent: d(0),
      lineTotal: d('1.23'),
    });
    expect(result.ok).toBe(false);
  });

  it('parks when the line total disagrees', () => {
    const result = priceLine({
      label: 'X',
      quantity: d(2),
      unitPrice: d(5),
      discountPercent: d(0),
      lineTotal: d('10.01'),
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toContain('Line X');
    expect(result.reason).toContain('10.01');
  });
});

describe('distributeDocumentTax', () => {
  it('sums to the document tax exactly', () => {
    const totals = [d('0.33'), d('0.33'), d('0.33'), d('10.01'), d('7.77')];
    const taxes = distributeDocumentTax(totals, RATE);
    const documentTax = Decimal.sum(...totals)
      .times(RATE)
      .toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    expect(Decimal.sum(...taxes).toString()).toBe(documentTax.toString());
  });

  it('gives leftover cents to the largest remainders', () => {
    // Exact shares 0.0495 each; floors 0.04 each (0.12); document tax round2(0.1485)=0.15.
    const taxes = distributeDocumentTax([d('0.33'), d('0.33'), d('0.33')], RATE);
    expect(taxes.map(String)).toEqual(['0.05', '0.05', '0.05']);
  });

  it('differs from per-row rounding where it should', () => {
    const totals = [d('0.10'), d('0.10'), d('0.10')];
    // Row Total: each 0.015 → 0.02, sum 0.06. Total: round2(0.045) = 0.05.
    const rowTaxes = computeSaleOrderAmounts(
      totals.map((total, index) => ({
        label: String(index),
        quantity: d(1),
        unitPrice: total,
        discountPercent: d(0),
        lineTotal: total,
      })),
      null,
      RATE,
      'Row Total',
    );
    const documentTaxes = computeSaleOrderAmounts(
      totals.map((total, index) => ({
        label: String(index),
        quantity: d(1),
        unitPrice: total,
        discountPercent: d(0),
        lineTotal: total,
      })),
      null,
      RATE,
      'Total',
    );
    expect(rowTaxes.ok && rowTaxes.value.tax.toString()).toBe('0.06');
    expect(documentTaxes.ok && documentTaxes.value.tax.toString()).toBe('0.05');
  });
});

describe('computeSaleOrderAmounts', () => {
  it('matches the worked example with freight', () => {
    const result = computeSaleOrderAmounts(
      [
        {
          label: '1',
          quantity: d(10),
          unitPrice: d('4.5'),
          discountPercent: d(0),
          lineTotal: d(45),
        },
        {
          label: '2',
          quantity: d(3),
          unitPrice: d(12),
          discountPercent: d(10),
          lineTotal: d('32.4'),
        },
      ],
      d(15),
      RATE,
      'Row Total',
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.totalBeforeTax.toString()).toBe('92.4');
    expect(result.value.tax.toString()).toBe('13.86');
    expect(result.value.total.toString()).toBe('106.26');
    expect(result.value.freight?.tax.toString()).toBe('2.25');
  });

  it('parks freight with fractions of a cent', () => {
    for (const freight of ['7.3333', '1.005', '1.00001']) {
      const result = computeSaleOrderAmounts([], d(freight), RATE, 'Row Total');
      expect(result.ok, freight).toBe(false);
    }
  });
});

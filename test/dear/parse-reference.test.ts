import { describe, expect, it } from 'vitest';
import {
  parseCarrier,
  parseCompanyContact,
  parseDiscountRule,
  parseLocation,
  parseMe,
  parseTaxRule,
} from '../../main/dear/parse.js';
import type { ParseResult } from '../../main/dear/records.js';
import { sampleSeed } from '../../main/sample/sample-merchant.js';

function expectOk<T>(result: ParseResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.field}: ${result.reason}`);
  return result.value;
}

describe('reference parsers', () => {
  it('parse every sample reference record', () => {
    const seed = sampleSeed();
    expect(expectOk(parseMe(seed.me)).company).toBe('Harbour Roasters Wholesale');
    for (const rule of seed.taxRules) expect(expectOk(parseTaxRule(rule)).id).toBe(rule.ID);
    for (const location of seed.locations)
      expect(expectOk(parseLocation(location)).name).toBe(location.Name);
    for (const carrier of seed.carriers ?? [])
      expect(expectOk(parseCarrier(carrier)).id).toBe(carrier.CarrierID);
    for (const rule of seed.discountRules)
      expect(expectOk(parseDiscountRule(rule)).name).toBe(rule.Name);
    for (const contact of seed.companyContacts ?? []) {
      expect(expectOk(parseCompanyContact(contact)).id).toBe(contact.ContactID);
    }
  });

  it.each([
    ['N2', 2],
    ['N0', 0],
    [' n4 ', 4],
    ['#,##0.00', null],
    [undefined, null],
  ])('reads quantity decimal places from %s', (format, expected) => {
    const me = expectOk(
      parseMe({
        Company: 'Harbour Roasters',
        Currency: 'NZD',
        MaximumDecimalPlacesInQuantity: format,
      }),
    );
    expect(me.maxQuantityDecimals).toBe(expected);
  });

  it('reads the company settings', () => {
    const me = expectOk(
      parseMe({
        Company: 'Harbour Roasters',
        Currency: 'NZD',
        TimeZone: 'Pacific/Auckland',
        TaxCalculationMethod: 'Total',
        AutomaticallyApplyDiscounts: 'true',
      }),
    );
    expect(me).toMatchObject({
      company: 'Harbour Roasters',
      currency: 'NZD',
      taxCalculationMethod: 'Total',
      automaticallyApplyDiscounts: true,
      applyCustomerDiscountsAfterOtherDiscounts: false,
    });
  });

  it('reports a company without currency', () => {
    const result = parseMe({ Company: 'Harbour Roasters' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.recordId).toBe('me');
      expect(result.field).toBe('Currency');
    }
  });

  it('reads tax components in the portal and real-data shapes', () => {
    const portal = expectOk(
      parseTaxRule({
        ID: 't1',
        Name: 'GST on Income',
        IsActive: true,
        IsTaxForSale: true,
        Components: [{ Name: 'GST', Percent: '15.0000000000', Compound: '0' }],
      }),
    );
    expect(portal.taxPercent.toString()).toBe('15');
    expect(portal.components[0]?.percent.toString()).toBe('15');
    expect(portal.components[0]?.compound).toBe(false);

    const realData = expectOk(
      parseTaxRule({
        ID: 't2',
        Name: 'Compound tax',
        TaxPercent: 17.5,
        Components: [
          { Name: 'A', Percent: 10, Compound: false },
          { Name: 'B', Percent: 7.5, Compound: '1' },
        ],
      }),
    );
    expect(realData.taxPercent.toString()).toBe('17.5');
    expect(realData.components[1]?.compound).toBe(true);
  });

  it('reports a tax rule name over 50 characters', () => {
    const result = parseTaxRule({ ID: 't3', Name: 'G'.repeat(51), TaxPercent: 15 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.field).toBe('Name');
      expect(result.reason).toContain('50');
    }
  });

  it('reads discount lines with optional bands', () => {
    const rule = expectOk(
      parseDiscountRule({
        ID: 'd1',
        Name: 'Bean volume breaks',
        IsActive: true,
        Type: 'QuantityBased',
        DiscountLines: [
          { MinValue: 10, MaxValue: 49, DiscountType: 'DiscountPercent', Amount: 5 },
          { DiscountType: 'DiscountPercent', Amount: '8' },
        ],
      }),
    );
    expect(rule.lines[0]?.minValue?.toString()).toBe('10');
    expect(rule.lines[1]?.minValue).toBeNull();
    expect(rule.lines[1]?.amount.toString()).toBe('8');
  });

  it('reports a discount line without an amount', () => {
    const result = parseDiscountRule({
      ID: 'd2',
      Name: 'Broken',
      Type: 'Simple',
      DiscountLines: [{ DiscountType: 'DiscountPercent' }],
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.field).toBe('DiscountLines[0].Amount');
  });

  it('reports a carrier without a CarrierID', () => {
    const result = parseCarrier({ Description: 'NZ Couriers' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.recordId).toBe('(missing ID)');
      expect(result.label).toBe('NZ Couriers');
    }
  });
});

import { describe, expect, it } from 'vitest';
import { parseCustomer } from '../../main/dear/parse.js';
import type { DearCustomer, ParseResult } from '../../main/dear/records.js';
import { sampleSeed } from '../../main/sample/sample-merchant.js';

function baseCustomer(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ID: 'c0ffee00-2222-4c3d-8e9f-aabbccddeeff',
    Name: 'Corner Cafe Ltd',
    DisplayName: 'Corner Cafe',
    Status: 'Active',
    Currency: 'NZD',
    PaymentTerm: '20th of following month',
    TaxRule: 'GST on Income',
    PriceTier: 'Wholesale',
    Discount: 5,
    SalesRepresentative: 'Sam Rep',
    Tags: 'cafe,auckland',
    LastModifiedOn: '2025-07-01T02:03:04.5Z',
    Addresses: [
      {
        ID: 'a1',
        Line1: '12 Queen Street',
        Line2: null,
        City: 'Auckland',
        Postcode: '1010',
        Country: 'New Zealand',
        Type: 'Shipping',
        DefaultForType: true,
      },
    ],
    Contacts: [{ ID: 'b1', Name: 'Alex Owner', Email: 'orders@cornercafe.example', Default: true }],
    ProductPrices: [{ ProductID: 'p1', ProductSKU: 'COF-BEAN-1KG', Price: 26.5 }],
    ...overrides,
  };
}

function expectCustomer(result: ParseResult<DearCustomer>): DearCustomer {
  if (!result.ok) throw new Error(`expected success, got ${result.field}: ${result.reason}`);
  return result.value;
}

function expectFailure(result: ParseResult<DearCustomer>) {
  if (result.ok) throw new Error('expected a failure');
  return result;
}

describe('parseCustomer', () => {
  it('parses every sample customer', () => {
    for (const raw of sampleSeed().customers) {
      expect(expectCustomer(parseCustomer(raw)).id).toBe(raw.ID);
    }
  });

  it('reads addresses, contacts and customer prices', () => {
    const customer = expectCustomer(parseCustomer(baseCustomer()));
    expect(customer.addresses[0]).toMatchObject({
      line1: '12 Queen Street',
      line2: null,
      type: 'Shipping',
      defaultForType: true,
    });
    expect(customer.contacts[0]).toMatchObject({ name: 'Alex Owner', isDefault: true });
    expect(customer.productPrices[0]?.price.toFixed(2)).toBe('26.50');
    expect(customer.discount.toString()).toBe('5');
    expect(customer.tags).toEqual(['cafe', 'auckland']);
  });

  it('defaults missing lists and discount', () => {
    const customer = expectCustomer(
      parseCustomer(
        baseCustomer({
          Addresses: null,
          Contacts: undefined,
          ProductPrices: undefined,
          Discount: null,
        }),
      ),
    );
    expect(customer.addresses).toEqual([]);
    expect(customer.contacts).toEqual([]);
    expect(customer.productPrices).toEqual([]);
    expect(customer.discount.isZero()).toBe(true);
  });

  it('accepts a discount given as a string', () => {
    expect(
      expectCustomer(parseCustomer(baseCustomer({ Discount: '12.50' }))).discount.toString(),
    ).toBe('12.5');
  });

  it('reports a discount outside 0-100', () => {
    const failure = expectFailure(parseCustomer(baseCustomer({ Discount: 150 })));
    expect(failure.field).toBe('Discount');
    expect(failure.reason).toContain('150%');
  });

  it('reports a missing name with the ID', () => {
    const failure = expectFailure(parseCustomer(baseCustomer({ Name: '' })));
    expect(failure.recordId).toBe('c0ffee00-2222-4c3d-8e9f-aabbccddeeff');
    expect(failure.field).toBe('Name');
    expect(failure.reason).toContain('is missing');
  });

  it('reports a 5,000 character name', () => {
    const failure = expectFailure(parseCustomer(baseCustomer({ Name: 'A'.repeat(5000) })));
    expect(failure.field).toBe('Name');
    expect(failure.reason).toContain('5000 characters');
  });

  it('reports a customer price without a price', () => {
    const failure = expectFailure(
      parseCustomer(baseCustomer({ ProductPrices: [{ ProductID: 'p1', Price: 'n/a' }] })),
    );
    expect(failure.field).toBe('ProductPrices[0].Price');
    expect(failure.label).toBe('Corner Cafe Ltd');
  });

  it('reports a negative customer price', () => {
    const prices = [
      { ProductID: 'p1', Price: 26.5 },
      { ProductID: 'p2', ProductSKU: 'CUP-8OZ-1000', Price: -5 },
    ];
    const failure = expectFailure(parseCustomer(baseCustomer({ ProductPrices: prices })));
    expect(failure.recordId).toBe('c0ffee00-2222-4c3d-8e9f-aabbccddeeff');
    expect(failure.field).toBe('ProductPrices[1].Price');
    expect(failure.reason).toContain('-5');
    expect(failure.reason).toContain('negative price');
    expect(failure.reason).toContain('Correct it in Cin7 Core');
  });

  it('accepts a customer price of 0', () => {
    const prices = [{ ProductID: 'p1', Price: '0.0000' }];
    const customer = expectCustomer(parseCustomer(baseCustomer({ ProductPrices: prices })));
    expect(customer.productPrices[0]!.price.toString()).toBe('0');
  });

  it('reports a postcode over 20 characters', () => {
    const failure = expectFailure(
      parseCustomer(
        baseCustomer({ Addresses: [{ Line1: 'x', Country: 'NZ', Postcode: '1'.repeat(21) }] }),
      ),
    );
    expect(failure.field).toBe('Addresses[0].Postcode');
  });

  it('keeps emoji and ampersands in names', () => {
    const customer = expectCustomer(
      parseCustomer(baseCustomer({ Name: 'Ponsonby Deli & Grocer 🥐' })),
    );
    expect(customer.name).toBe('Ponsonby Deli & Grocer 🥐');
  });
});

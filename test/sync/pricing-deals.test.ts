import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type { DearCustomer, DearDeal } from '../../main/dear/records.js';
import {
  dealCustomers,
  describeDeal,
  isDealCurrent,
  summarizeDeals,
} from '../../main/sync/pricing/deals.js';

function customer(id: string, tags: string[] = []): DearCustomer {
  return {
    id,
    name: `Customer ${id}`,
    displayName: null,
    status: 'Active',
    currency: 'NZD',
    paymentTerm: null,
    taxRule: null,
    priceTier: 'Wholesale',
    discount: new Decimal(0),
    salesRepresentative: null,
    location: null,
    carrier: null,
    tags,
    addresses: [],
    contacts: [],
    productPrices: [],
    lastModifiedOn: new Date('2025-01-01T00:00:00Z'),
  };
}

function deal(fields: Partial<DearDeal>): DearDeal {
  return {
    id: 'deal-1',
    name: 'Deal',
    dateFrom: null,
    dateTo: null,
    isActive: true,
    allowCoupons: false,
    customersGroup: 'All',
    customers: [],
    customerTags: [],
    discounts: [],
    ...fields,
  };
}

const CUSTOMERS = [
  customer('c1', ['cafe', 'auckland']),
  customer('c2', ['Hotel']),
  customer('c3', ['retail']),
  customer('c4'),
];

describe('isDealCurrent', () => {
  const window = deal({
    dateFrom: new Date('2025-03-01T00:00:00Z'),
    dateTo: new Date('2025-03-31T00:00:00Z'),
  });

  it('includes the whole of the last day and nothing after it', () => {
    expect(isDealCurrent(window, new Date('2025-03-31T23:59:59Z'))).toBe(true);
    expect(isDealCurrent(window, new Date('2025-04-01T00:00:00Z'))).toBe(false);
  });

  it('starts on the first day', () => {
    expect(isDealCurrent(window, new Date('2025-02-28T23:59:59Z'))).toBe(false);
    expect(isDealCurrent(window, new Date('2025-03-01T00:00:00Z'))).toBe(true);
  });

  it('leaves a missing date open and ignores a switched-off deal', () => {
    expect(isDealCurrent(deal({}), new Date('1999-01-01T00:00:00Z'))).toBe(true);
    expect(isDealCurrent(deal({ isActive: false }), new Date('2025-03-10T00:00:00Z'))).toBe(false);
  });
});

describe('dealCustomers', () => {
  it('targets every customer for All and B2B, none for POS or an unknown group', () => {
    expect(dealCustomers(deal({ customersGroup: 'All' }), CUSTOMERS)).toHaveLength(4);
    expect(dealCustomers(deal({ customersGroup: 'B2B' }), CUSTOMERS)).toHaveLength(4);
    expect(dealCustomers(deal({ customersGroup: 'POS' }), CUSTOMERS)).toHaveLength(0);
    expect(dealCustomers(deal({ customersGroup: 'Wholesalers' }), CUSTOMERS)).toHaveLength(0);
  });

  it('counts listed customers that are among the given ones, ignoring ID case', () => {
    const listed = deal({
      customersGroup: 'Specified',
      customers: [
        { customerId: 'C1', customerName: null },
        { customerId: 'c3', customerName: null },
        { customerId: 'gone', customerName: 'Deprecated customer' },
      ],
    });
    expect(dealCustomers(listed, CUSTOMERS).map((c) => c.id)).toEqual(['c1', 'c3']);
  });

  it('matches any of the deal tags, ignoring case', () => {
    const tagged = deal({ customersGroup: 'CustomerTags', customerTags: ['hotel', 'cafe'] });
    expect(dealCustomers(tagged, CUSTOMERS).map((c) => c.id)).toEqual(['c1', 'c2']);
  });
});

describe('summarizeDeals', () => {
  it('reports only active, current deals, sorted by name, with their customer counts', () => {
    const now = new Date('2025-06-01T00:00:00Z');
    const summaries = summarizeDeals(
      [
        deal({ id: 'd1', name: 'Zeta', customersGroup: 'B2B' }),
        deal({ id: 'd2', name: 'Alpha', customersGroup: 'CustomerTags', customerTags: ['retail'] }),
        deal({ id: 'd3', name: 'Ended', dateTo: new Date('2025-05-01T00:00:00Z') }),
        deal({ id: 'd4', name: 'Off', isActive: false }),
        deal({ id: 'd5', name: 'Later', dateFrom: new Date('2025-07-01T00:00:00Z') }),
      ],
      CUSTOMERS,
      now,
    );
    expect(summaries.map((s) => [s.name, s.customerCount])).toEqual([
      ['Alpha', 1],
      ['Zeta', 4],
    ]);
  });

  it('describes the audience and the scopes once each', () => {
    const text = describeDeal(
      deal({
        allowCoupons: true,
        customersGroup: 'Specified',
        customers: [{ customerId: 'c1', customerName: null }],
        discounts: [
          {
            id: null,
            name: 'Buy 6 get 1',
            discountType: 'QuantityBased',
            isOrderLevel: false,
            scopes: [
              { kind: 'category', id: 'x', name: 'Milk', side: 'Buy' },
              { kind: 'category', id: 'x', name: 'Milk', side: 'Get' },
            ],
          },
        ],
      }),
    );
    expect(text).toContain('Coupon deal for 1 listed customer:');
    expect(text).toContain('"Buy 6 get 1" (QuantityBased) on category Milk.');
  });
});

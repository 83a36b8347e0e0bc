import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import {
  indexRulesByName,
  resolveProductDiscount,
} from '../../main/sync/pricing/discount-rules.js';
import {
  effectivePrice,
  resolveTier,
  roundPrice,
  toPricedCustomer,
} from '../../main/sync/pricing/effective-price.js';
import { TIERS, customer, product, rule } from './pricing-fixtures.js';

const RULES = indexRulesByName([
  rule('Ten off', 'Simple', [['DiscountPercent', '10']]),
  rule('Two dollars off', 'Simple', [['DiscountAmount', '2']]),
  rule('Fixed 7.5', 'Simple', [['PriceOverride', '7.5']]),
  rule('Huge amount', 'Simple', [['DiscountAmount', '1000']]),
  rule('Markup', 'Simple', [['MarkupPercent', '20']]),
  rule('Flat', 'Simple', [['FlatAmount', '5']]),
  rule('Breaks', 'QuantityBased', [
    ['DiscountPercent', '5'],
    ['DiscountPercent', '10'],
  ]),
  rule('Ship free', 'FreeShipping', [['FreeShipping', '0']]),
  rule('Old promo', 'Simple', [['DiscountPercent', '50']], false),
]);

interface Case {
  name: string;
  tiers: string[];
  tier: string | null;
  discount?: string;
  special?: string;
  rule?: string;
  after?: boolean;
  expected: string;
}

const CASES: Case[] = [
  { name: 'tier 1 price', tiers: ['10', '8'], tier: 'Retail', expected: '10.0000' },
  {
    name: 'named tier picks its column',
    tiers: ['10', '8'],
    tier: 'Wholesale',
    expected: '8.0000',
  },
  {
    name: 'tier name ignores case and spaces',
    tiers: ['10', '8'],
    tier: ' wholesale ',
    expected: '8.0000',
  },
  { name: 'no tier falls back to tier 1', tiers: ['10', '8'], tier: null, expected: '10.0000' },
  {
    name: 'unknown tier falls back to tier 1',
    tiers: ['10', '8'],
    tier: 'Gold',
    expected: '10.0000',
  },
  { name: 'missing tier column counts as 0', tiers: ['10'], tier: 'Cafe', expected: '0.0000' },
  {
    name: 'special price is final',
    tiers: ['10', '8'],
    tier: 'Wholesale',
    discount: '50',
    special: '9.25',
    rule: 'Ten off',
    expected: '9.2500',
  },
  {
    name: 'customer discount alone',
    tiers: ['10', '8'],
    tier: 'Wholesale',
    discount: '5',
    expected: '7.6000',
  },
  {
    name: 'percent rule alone',
    tiers: ['10'],
    tier: 'Retail',
    rule: 'Ten off',
    expected: '9.0000',
  },
  {
    name: 'amount rule alone',
    tiers: ['10'],
    tier: 'Retail',
    rule: 'Two dollars off',
    expected: '8.0000',
  },
  {
    name: 'price override alone',
    tiers: ['10'],
    tier: 'Retail',
    rule: 'Fixed 7.5',
    expected: '7.5000',
  },
  {
    name: 'never below zero',
    tiers: ['10'],
    tier: 'Retail',
    rule: 'Huge amount',
    expected: '0.0000',
  },
  {
    name: 'inactive rule ignored',
    tiers: ['10'],
    tier: 'Retail',
    rule: 'Old promo',
    expected: '10.0000',
  },
  {
    name: 'markup rule not applied',
    tiers: ['10'],
    tier: 'Retail',
    rule: 'Markup',
    expected: '10.0000',
  },
  {
    name: 'flat amount rule not applied',
    tiers: ['10'],
    tier: 'Retail',
    rule: 'Flat',
    expected: '10.0000',
  },
  {
    name: 'quantity breaks not applied',
    tiers: ['10'],
    tier: 'Retail',
    rule: 'Breaks',
    expected: '10.0000',
  },
  {
    name: 'unknown rule not applied',
    tiers: ['10'],
    tier: 'Retail',
    rule: 'Nowhere',
    expected: '10.0000',
  },
  {
    name: 'stacked after product rule',
    tiers: ['10'],
    tier: 'Retail',
    discount: '5',
    rule: 'Ten off',
    after: true,
    expected: '8.5500',
  },
  {
    name: 'larger: product rule wins',
    tiers: ['10'],
    tier: 'Retail',
    discount: '5',
    rule: 'Ten off',
    after: false,
    expected: '9.0000',
  },
  {
    name: 'larger: customer discount wins',
    tiers: ['10'],
    tier: 'Retail',
    discount: '25',
    rule: 'Two dollars off',
    after: false,
    expected: '7.5000',
  },
  {
    name: 'stacked on amount rule',
    tiers: ['10'],
    tier: 'Retail',
    discount: '25',
    rule: 'Two dollars off',
    after: true,
    expected: '6.0000',
  },
  {
    name: 'override then stacked discount',
    tiers: ['10'],
    tier: 'Retail',
    discount: '10',
    rule: 'Fixed 7.5',
    after: true,
    expected: '6.7500',
  },
  { name: 'rounds half away from zero', tiers: ['1.00005'], tier: 'Retail', expected: '1.0001' },
  { name: 'rounds down below half', tiers: ['1.00004'], tier: 'Retail', expected: '1.0000' },
  {
    name: 'third-of-a-percent discount rounds',
    tiers: ['9.99'],
    tier: 'Retail',
    discount: '33.3333',
    expected: '6.6600',
  },
  {
    name: 'discount above 100 clamps to zero',
    tiers: ['10'],
    tier: 'Retail',
    discount: '120',
    expected: '0.0000',
  },
  {
    name: 'special price rounded to 4 dp',
    tiers: ['10'],
    tier: 'Retail',
    special: '3.123456',
    expected: '3.1235',
  },
];

describe('effectivePrice', () => {
  it.each(CASES)('$name', (c) => {
    const p = product('p1', c.tiers, { discountRule: c.rule ?? null });
    const priced = toPricedCustomer(
      customer('c1', c.tier, c.discount ?? '0', c.special ? { p1: c.special } : {}),
      TIERS,
    );
    const discount = resolveProductDiscount(p.discountRule, RULES);

    const result = effectivePrice(p, priced, discount, c.after ?? false);

    expect(result.price.toFixed(4)).toBe(c.expected);
  });
});

describe('resolveTier', () => {
  it('reports no tier', () => {
    expect(resolveTier(null, TIERS)).toEqual({ code: 1, name: 'Retail', fallback: 'no-tier' });
  });

  it('reports an unknown tier', () => {
    expect(resolveTier('Platinum', TIERS)).toEqual({
      code: 1,
      name: 'Retail',
      fallback: 'unknown-tier',
    });
  });

  it('finds a tier by name', () => {
    expect(resolveTier('Cafe', TIERS)).toEqual({ code: 3, name: 'Cafe', fallback: null });
  });
});

describe('resolveProductDiscount', () => {
  it.each([
    ['Breaks', 'quantity-discount'],
    ['Ship free', 'free-shipping'],
    ['Markup', 'markup-discount'],
    ['Flat', 'markup-discount'],
  ])('classes %s as %s', (name, kind) => {
    const discount = resolveProductDiscount(name, RULES);
    expect(discount.kind).toBe('unrepresentable');
    expect(discount.kind === 'unrepresentable' && discount.ruleKind).toBe(kind);
  });

  it('classes a missing rule as unknown', () => {
    expect(resolveProductDiscount('Nowhere', RULES)).toEqual({
      kind: 'unknown-rule',
      ruleName: 'Nowhere',
    });
  });
});

describe('roundPrice', () => {
  it.each([
    ['2.49995', '2.5000'],
    ['2.49994', '2.4999'],
    ['-0.5', '0.0000'],
    ['0', '0.0000'],
  ])('rounds %s to %s', (input, expected) => {
    expect(roundPrice(new Decimal(input)).toFixed(4)).toBe(expected);
  });
});

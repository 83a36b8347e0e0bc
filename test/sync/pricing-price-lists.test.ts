import { describe, expect, it } from 'vitest';
import { planPriceLists, type PricingInput } from '../../main/sync/pricing/price-lists.js';
import { TIERS, customer, product, rule } from './pricing-fixtures.js';

function baseInput(overrides: Partial<PricingInput> = {}): PricingInput {
  return {
    products: [
      product('p1', ['10', '8', '9']),
      product('p2', ['20', '16', '18'], { discountRule: 'Breaks' }),
    ],
    customers: [
      customer('c1', 'Retail'),
      customer('c2', 'Wholesale'),
      customer('c3', 'Wholesale'),
      customer('c4', 'Wholesale', '5'),
      customer('c5', 'Cafe', '0', { p1: '7' }),
      customer('c6', null),
      customer('c7', 'Unknown tier'),
    ],
    tiers: TIERS,
    discountRules: [rule('Breaks', 'QuantityBased', [['DiscountPercent', '5']])],
    applyCustomerDiscountAfterOtherDiscounts: false,
    ...overrides,
  };
}

function listOf(plan: ReturnType<typeof planPriceLists>, customerId: string) {
  const key = plan.assignments.get(customerId);
  return plan.lists.find((list) => list.key === key);
}

function pricesOf(
  plan: ReturnType<typeof planPriceLists>,
  customerId: string,
): Record<string, string> {
  const list = listOf(plan, customerId);
  return Object.fromEntries(
    [...(list?.prices() ?? [])].map((entry) => [entry.productId, entry.price]),
  );
}

describe('planPriceLists', () => {
  it('groups customers with identical prices', () => {
    const plan = planPriceLists(baseInput());

    expect(plan.lists).toHaveLength(4);
    expect(plan.assignments.get('c2')).toBe(plan.assignments.get('c3'));
    expect(plan.assignments.get('c1')).toBe(plan.assignments.get('c6'));
    expect(plan.assignments.get('c1')).toBe(plan.assignments.get('c7'));
    expect(plan.assignments.get('c4')).not.toBe(plan.assignments.get('c2'));
  });

  it('gives each customer its effective prices', () => {
    const plan = planPriceLists(baseInput());

    expect(pricesOf(plan, 'c1')).toEqual({ p1: '10.0000', p2: '20.0000' });
    expect(pricesOf(plan, 'c2')).toEqual({ p1: '8.0000', p2: '16.0000' });
    expect(pricesOf(plan, 'c4')).toEqual({ p1: '7.6000', p2: '15.2000' });
    expect(pricesOf(plan, 'c5')).toEqual({ p1: '7.0000', p2: '18.0000' });
  });

  it('names lists after tier, discount and special prices', () => {
    const plan = planPriceLists(baseInput());

    expect(listOf(plan, 'c1')?.name).toBe('Retail');
    expect(listOf(plan, 'c2')?.name).toBe('Wholesale');
    expect(listOf(plan, 'c4')?.name).toBe('Wholesale \u22125%');
    expect(listOf(plan, 'c5')?.name).toBe('Cafe + 1 special price (Customer c5)');
  });

  it('keeps keys when prices change', () => {
    const before = planPriceLists(baseInput());
    const after = planPriceLists(
      baseInput({
        products: [product('p1', ['11', '9', '9.5']), product('p2', ['21', '17', '19'])],
      }),
    );

    expect(after.lists.map((list) => list.key)).toEqual(before.lists.map((list) => list.key));
    expect(pricesOf(after, 'c2')).toEqual({ p1: '9.0000', p2: '17.0000' });
  });

  it('keeps the shared key when a member joins', () => {
    const before = planPriceLists(baseInput());
    const input = baseInput();
    const after = planPriceLists({
      ...input,
      customers: [...input.customers, customer('c8', 'Wholesale')],
    });

    expect(after.assignments.get('c8')).toBe(before.assignments.get('c2'));
    expect(after.assignments.get('c2')).toBe(before.assignments.get('c2'));
  });

  it('merges a special price equal to the tier price', () => {
    const input = baseInput();
    const plan = planPriceLists({
      ...input,
      customers: [...input.customers, customer('c9', 'Wholesale', '0', { p1: '8' })],
    });

    expect(plan.assignments.get('c9')).toBe(plan.assignments.get('c2'));
    expect(listOf(plan, 'c9')?.name).toBe('Wholesale');
  });

  it('ignores special prices on products not carried', () => {
    const input = baseInput();
    const plan = planPriceLists({
      ...input,
      customers: [...input.customers, customer('c10', 'Retail', '0', { p99: '1' })],
    });

    expect(plan.assignments.get('c10')).toBe(plan.assignments.get('c1'));
  });

  it('reports tier fallbacks as issues', () => {
    const plan = planPriceLists(baseInput());
    const fields = plan.issues.map((issue) => `${issue.recordId}:${issue.field}`).sort();

    expect(fields).toEqual(['c6:PriceTier', 'c7:PriceTier']);
    expect(plan.issues.find((issue) => issue.recordId === 'c7')?.reason).toContain('Unknown tier');
  });

  it('reports an unknown discount rule', () => {
    const plan = planPriceLists(
      baseInput({ products: [product('p3', ['5'], { discountRule: 'Gone' })] }),
    );

    expect(plan.issues).toContainEqual(
      expect.objectContaining({ entity: 'product', recordId: 'p3', field: 'DiscountRule' }),
    );
  });

  it('counts unrepresentable rules and deals', () => {
    const plan = planPriceLists(
      baseInput({
        products: [
          product('p1', ['10'], { discountRule: 'Breaks' }),
          product('p2', ['10'], { discountRule: 'Breaks' }),
          product('p3', ['10'], { discountRule: 'Ship free' }),
        ],
        discountRules: [
          rule('Breaks', 'QuantityBased', [['DiscountPercent', '5']]),
          rule('Ship free', 'FreeShipping', [['FreeShipping', '0']]),
          rule('Unused breaks', 'QuantityBased', [['DiscountPercent', '5']]),
          rule('Order free shipping', 'FreeShipping', [['FreeShipping', '0']]),
          rule('Old free shipping', 'FreeShipping', [['FreeShipping', '0']], false),
        ],
        deals: [{ name: 'Winter deal', customerCount: 3, detail: 'Buy 2 get 1' }],
      }),
    );

    expect(plan.unrepresentable).toEqual([
      expect.objectContaining({ kind: 'quantity-discount', ruleName: 'Breaks', affected: 2 }),
      expect.objectContaining({
        kind: 'free-shipping',
        ruleName: 'Order free shipping',
        affected: 0,
      }),
      expect.objectContaining({ kind: 'free-shipping', ruleName: 'Ship free', affected: 1 }),
      expect.objectContaining({ kind: 'deal', ruleName: 'Winter deal', affected: 3 }),
    ]);
  });

  it('assigns every customer', () => {
    const input = baseInput();
    const plan = planPriceLists(input);

    for (const c of input.customers) expect(plan.assignments.has(c.id)).toBe(true);
    const members = plan.lists.flatMap((list) => list.customerIds).sort();
    expect(members).toEqual(input.customers.map((c) => c.id).sort());
  });

  it('makes duplicate names unique', () => {
    const plan = planPriceLists(
      baseInput({
        customers: [
          { ...customer('a', 'Retail', '0', { p1: '1' }), name: 'Twin' },
          { ...customer('b', 'Retail', '0', { p1: '2' }), name: 'Twin' },
        ],
      }),
    );
    const names = plan.lists.map((list) => list.name).sort();

    expect(names).toEqual([
      'Retail + 1 special price (Twin)',
      'Retail + 1 special price (Twin) (2)',
    ]);
  });

  it('shares a list for equal special prices', () => {
    const input = baseInput();
    const plan = planPriceLists({
      ...input,
      customers: [
        ...input.customers,
        customer('c11', 'Cafe', '0', { p1: '7' }),
        customer('c12', 'Cafe', '0', { p1: '6' }),
      ],
    });

    expect(plan.assignments.get('c11')).toBe(plan.assignments.get('c5'));
    expect(plan.assignments.get('c12')).not.toBe(plan.assignments.get('c5'));
    expect(pricesOf(plan, 'c12')).toEqual({ p1: '6.0000', p2: '18.0000' });
  });

  it('hashes prices, not membership', () => {
    const before = planPriceLists(baseInput());
    const input = baseInput();
    const joined = planPriceLists({
      ...input,
      customers: [...input.customers, customer('c8', 'Wholesale')],
    });
    const repriced = planPriceLists(
      baseInput({
        products: [product('p1', ['10', '8.5', '9']), product('p2', ['20', '16', '18'])],
      }),
    );

    expect(listOf(joined, 'c2')?.pricesHash).toBe(listOf(before, 'c2')?.pricesHash);
    expect(listOf(repriced, 'c2')?.pricesHash).not.toBe(listOf(before, 'c2')?.pricesHash);
    expect(listOf(repriced, 'c1')?.pricesHash).toBe(listOf(before, 'c1')?.pricesHash);
  });

  it('yields one entry per carried product', () => {
    const plan = planPriceLists(baseInput());

    for (const list of plan.lists) {
      const ids = [...list.prices()].map((entry) => entry.productId);
      expect(ids).toEqual(['p1', 'p2']);
      expect(list.size).toBe(2);
    }
  });
});

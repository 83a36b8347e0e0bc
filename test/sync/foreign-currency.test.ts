import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary, UnrepresentableRule } from '../../shared/sync.js';
import { reportForeignCurrency } from '../../main/sync/pricing/foreign-currency.js';
import { startHarness, type SyncHarness } from './harness.js';
import { customer } from './pricing-fixtures.js';

let h: SyncHarness | null = null;

afterEach(async () => {
  await h?.close();
  h = null;
});

function inCurrency(id: string, currency: string) {
  return { ...customer(id, 'Retail'), currency };
}

function currencyEntries(run: RunSummary | undefined): UnrepresentableRule[] {
  return (run?.unrepresentable ?? []).filter((rule) => rule.kind === 'foreign-currency');
}

describe('reportForeignCurrency', () => {
  it('groups customers by foreign currency', () => {
    const entries = reportForeignCurrency(
      [
        inCurrency('c1', 'NZD'),
        inCurrency('c2', 'USD'),
        inCurrency('c3', 'AUD'),
        inCurrency('c4', 'USD'),
        inCurrency('c5', ''),
      ],
      'NZD',
    );

    expect(entries.map((entry) => [entry.ruleName, entry.affected])).toEqual([
      ['Customers in AUD', 1],
      ['Customers in USD', 2],
    ]);
    expect(entries[1]?.detail).toContain('Customer c2, Customer c4');
    expect(entries[1]?.detail).toContain('NZD prices');
    expect(entries[0]?.detail).not.toContain('Customer c1');
  });

  it('returns nothing when every customer uses the base currency', () => {
    expect(reportForeignCurrency([inCurrency('c1', 'NZD')], 'NZD')).toEqual([]);
  });

  it('counts customers beyond the listed names', () => {
    const many = Array.from({ length: 25 }, (_, i) =>
      inCurrency(`c${String(i).padStart(2, '0')}`, 'EUR'),
    );
    const [entry] = reportForeignCurrency(many, 'NZD');

    expect(entry?.affected).toBe(25);
    expect(entry?.detail).toContain('and 5 more');
    expect(entry?.detail).not.toContain('Customer c24');
  });
});

describe('foreign-currency customers in the prices run', () => {
  it('reports the sample AUD customer without failing the run', async () => {
    h = await startHarness();
    h.selectAll();
    const prices = (await h.syncAll('full')).find((summary) => summary.job === 'prices');
    const expectedNames = h.seed.customers
      .filter((record) => record.Status !== 'Deprecated' && record.Currency !== 'NZD')
      .map((record) => record.Name);

    const entries = currencyEntries(prices);
    expect(expectedNames).toEqual(['Bondi Bean Co Pty Ltd']);
    expect(entries.map((entry) => [entry.ruleName, entry.affected])).toEqual([
      ['Customers in AUD', 1],
    ]);
    expect(entries[0]?.detail).toContain('Bondi Bean Co Pty Ltd');
    expect(prices?.status).toBe('succeeded');
    expect(currencyEntries(h.store.runs.get(prices!.id) ?? undefined)).toEqual(entries);
  });
});

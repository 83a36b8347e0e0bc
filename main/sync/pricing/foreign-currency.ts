import type { UnrepresentableRule } from '../../../shared/sync.js';
import type { DearCustomer } from '../../dear/records.js';

/** The maximum number of customer names one entry lists; `affected` still counts them all. */
const MAX_NAMES = 20;

/**
 * Returns one `foreign-currency` entry per currency other than the account's base currency,
 * naming the active customers that use it. Their price lists carry base-currency prices,
 * because Upstock takes orders in the base currency only. Customers with no currency are
 * taken to use the base currency. Entries are sorted by currency code.
 */
export function reportForeignCurrency(
  customers: DearCustomer[],
  baseCurrency: string,
): UnrepresentableRule[] {
  const byCurrency = new Map<string, string[]>();
  for (const customer of customers) {
    if (!customer.currency || customer.currency === baseCurrency) continue;
    const names = byCurrency.get(customer.currency) ?? [];
    names.push(customer.name);
    byCurrency.set(customer.currency, names);
  }

  return [...byCurrency.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, names]) => {
      const sorted = [...names].sort((a, b) => a.localeCompare(b));
      const listed = sorted.slice(0, MAX_NAMES).join(', ');
      const more = sorted.length > MAX_NAMES ? ` and ${sorted.length - MAX_NAMES} more` : '';
      return {
        kind: 'foreign-currency',
        ruleName: `Customers in ${currency}`,
        affected: names.length,
        detail:
          `Their price lists carry ${baseCurrency} prices, because Upstock takes orders in ` +
          `${baseCurrency} only: ${listed}${more}.`,
      };
    });
}

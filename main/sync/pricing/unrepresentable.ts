import type { UnrepresentableRule } from '../../../shared/sync.js';
import type { ProductDiscount } from './discount-rules.js';

/** An active Cin7 Core deal, reduced to what the report needs. */
export interface DealSummary {
  name: string;
  /** Customers the deal targets; for "All" customers, the number of active customers. */
  customerCount: number;
  detail: string;
}

/**
 * Counts the rules no Upstock price list can express: one entry per rule, with the number of
 * carried products that name it, plus one entry per active deal with the customers it targets.
 * Rules that no carried product uses are left out, since they change no price the agent sends.
 */
export function reportUnrepresentable(
  discounts: readonly ProductDiscount[],
  deals: readonly DealSummary[],
): UnrepresentableRule[] {
  const byRule = new Map<string, UnrepresentableRule>();
  for (const discount of discounts) {
    if (discount.kind !== 'unrepresentable') continue;
    const entry = byRule.get(discount.ruleName) ?? {
      kind: discount.ruleKind,
      ruleName: discount.ruleName,
      affected: 0,
      detail: discount.detail,
    };
    entry.affected += 1;
    byRule.set(discount.ruleName, entry);
  }

  const rules = [...byRule.values()].sort((a, b) => a.ruleName.localeCompare(b.ruleName));
  for (const deal of deals) {
    rules.push({ kind: 'deal', ruleName: deal.name, affected: deal.customerCount, detail: deal.detail });
  }
  return rules;
}

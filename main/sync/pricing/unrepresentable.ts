import type { DearDiscountRule } from '../../dear/records.js';
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
 * Every active free-shipping rule is listed, because it applies to orders rather than products.
 * Other rules that no carried product uses are left out, because they change no price sent.
 */
export function reportUnrepresentable(
  discounts: readonly ProductDiscount[],
  rules: readonly DearDiscountRule[],
  deals: readonly DealSummary[],
): UnrepresentableRule[] {
  const byRule = new Map<string, UnrepresentableRule>();
  for (const rule of rules) {
    if (!rule.isActive || rule.type !== 'FreeShipping' || byRule.has(rule.name)) continue;
    byRule.set(rule.name, {
      kind: 'free-shipping',
      ruleName: rule.name,
      affected: 0,
      detail:
        'Free shipping depends on the order total; Upstock price lists carry product prices only.',
    });
  }
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

  const reported = [...byRule.values()].sort((a, b) => a.ruleName.localeCompare(b.ruleName));
  for (const deal of deals) {
    reported.push({
      kind: 'deal',
      ruleName: deal.name,
      affected: deal.customerCount,
      detail: deal.detail,
    });
  }
  return reported;
}

import type { Decimal } from 'decimal.js';
import type { DearDiscountRule } from '../../dear/records.js';
import type { UnrepresentableRule } from '../../../shared/sync.js';

/** A product discount that an Upstock price list can express as a fixed price. */
export interface SimpleProductDiscount {
  kind: 'simple';
  ruleName: string;
  discountType: 'DiscountPercent' | 'DiscountAmount' | 'PriceOverride';
  amount: Decimal;
}

/** The effect of a product's `DiscountRule` on its price list price. */
export type ProductDiscount =
  | { kind: 'none' }
  | SimpleProductDiscount
  /** The rule exists but no price list can express it; the product is priced without it. */
  | {
      kind: 'unrepresentable';
      ruleName: string;
      ruleKind: UnrepresentableRule['kind'];
      detail: string;
    }
  /** The product names a rule that `/reference/discount` does not return. */
  | { kind: 'unknown-rule'; ruleName: string };

const SIMPLE_TYPES = new Set(['DiscountPercent', 'DiscountAmount', 'PriceOverride']);

/**
 * Resolves a product's discount rule by name. Inactive rules resolve to `none`, because Cin7
 * Core does not apply them. Simple rules with a percent, amount or price override line become
 * a `simple` discount. Quantity breaks, free shipping, markups and flat amounts are
 * `unrepresentable`, so they leave the price as it was.
 */
export function resolveProductDiscount(
  ruleName: string | null,
  rulesByName: ReadonlyMap<string, DearDiscountRule>,
): ProductDiscount {
  if (!ruleName || ruleName.trim() === '') return { kind: 'none' };
  const rule = rulesByName.get(ruleName) ?? findIgnoringCase(ruleName, rulesByName);
  if (!rule) return { kind: 'unknown-rule', ruleName };
  if (!rule.isActive) return { kind: 'none' };

  if (rule.type === 'QuantityBased') {
    return {
      kind: 'unrepresentable',
      ruleName: rule.name,
      ruleKind: 'quantity-discount',
      detail: `Quantity breaks (${rule.lines.length} bands) depend on the ordered quantity; the price list carries the price before the rule.`,
    };
  }
  if (rule.type === 'FreeShipping') {
    return {
      kind: 'unrepresentable',
      ruleName: rule.name,
      ruleKind: 'free-shipping',
      detail:
        'Free shipping depends on the order total; Upstock price lists carry product prices only.',
    };
  }

  const line = rule.lines[0];
  if (!line) return { kind: 'none' };
  if (rule.type === 'Simple' && SIMPLE_TYPES.has(line.discountType)) {
    return {
      kind: 'simple',
      ruleName: rule.name,
      discountType: line.discountType as SimpleProductDiscount['discountType'],
      amount: line.amount,
    };
  }
  return {
    kind: 'unrepresentable',
    ruleName: rule.name,
    ruleKind: 'markup-discount',
    detail: `Rule type "${rule.type}" with line type "${line.discountType}" has no fixed-price equivalent; the price list carries the price before the rule.`,
  };
}

function findIgnoringCase(
  ruleName: string,
  rulesByName: ReadonlyMap<string, DearDiscountRule>,
): DearDiscountRule | undefined {
  const wanted = ruleName.trim().toLowerCase();
  for (const rule of rulesByName.values()) {
    if (rule.name.trim().toLowerCase() === wanted) return rule;
  }
  return undefined;
}

/** Indexes discount rules by name; when two rules share a name, the first one wins. */
export function indexRulesByName(
  rules: readonly DearDiscountRule[],
): Map<string, DearDiscountRule> {
  const byName = new Map<string, DearDiscountRule>();
  for (const rule of rules) if (!byName.has(rule.name)) byName.set(rule.name, rule);
  return byName;
}

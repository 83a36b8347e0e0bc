import { Decimal } from 'decimal.js';
import type { DearMe, DearTaxRule } from '../../dear/records.js';
import type { ParkReason } from './types.js';

/** A sale tax rule the agent can compute exactly: its name and one rate as a fraction. */
export interface SaleTaxRate {
  ruleName: string;
  /** 0.15 for 15%. */
  rate: Decimal;
}

const FIFTEEN = new Decimal(15);

/**
 * Picks the sale tax rule: the one named in the settings, else the active sale rule of 15%,
 * else `/me.DefaultSaleTaxRuleName`. Returns its rate, or a park reason when no rule is found
 * or the rule is inactive, not for sales, tax-inclusive or compound (several components where
 * any is compound), because the agent computes only single-rate exclusive tax.
 */
export function chooseSaleTaxRate(
  rules: readonly DearTaxRule[],
  me: DearMe,
  configuredName: string | null,
): { ok: true; value: SaleTaxRate } | { ok: false; park: ParkReason } {
  const byName = (name: string): DearTaxRule | undefined =>
    rules.find((rule) => rule.name.toLowerCase() === name.toLowerCase());

  let rule: DearTaxRule | undefined;
  if (configuredName) {
    rule = byName(configuredName);
    if (!rule) {
      return unsupported(
        `The tax rule "${configuredName}" set in the agent's order settings was not found in ` +
          'Cin7 Core. Pick an existing sale tax rule in the settings.',
      );
    }
  } else {
    rule =
      rules.find((r) => r.isActive && r.isTaxForSale && r.taxPercent.equals(FIFTEEN)) ??
      (me.defaultSaleTaxRuleName ? byName(me.defaultSaleTaxRuleName) : undefined);
    if (!rule) {
      return unsupported(
        'Cin7 Core has no active 15% sale tax rule and no default sale tax rule. Create one ' +
          'or pick a tax rule in the agent settings.',
      );
    }
  }

  const problem = describeUnsupported(rule);
  if (problem) return unsupported(`The tax rule "${rule.name}" ${problem}`);
  return { ok: true, value: { ruleName: rule.name, rate: singleRate(rule).dividedBy(100) } };
}

function singleRate(rule: DearTaxRule): Decimal {
  if (rule.components.length === 0) return rule.taxPercent;
  return Decimal.sum(new Decimal(0), ...rule.components.map((component) => component.percent));
}

function describeUnsupported(rule: DearTaxRule): string | null {
  if (!rule.isActive) return 'is inactive in Cin7 Core. Activate it or pick another rule.';
  if (!rule.isTaxForSale) return 'is not a sale tax rule. Pick a rule used for sales.';
  if (rule.taxInclusive) {
    return 'is tax-inclusive; the agent sends tax-exclusive sales only. Pick an exclusive rule.';
  }
  if (rule.components.length > 1 && rule.components.some((component) => component.compound)) {
    return 'has compound components, which the agent cannot compute exactly. Pick a single-rate rule.';
  }
  if (!singleRate(rule).equals(rule.taxPercent)) {
    return (
      `lists components that add up to ${singleRate(rule).toString()}% but a rate of ` +
      `${rule.taxPercent.toString()}%. Correct the rule in Cin7 Core.`
    );
  }
  return null;
}

function unsupported(message: string): { ok: false; park: ParkReason } {
  return { ok: false, park: { code: 'unsupported-tax-rule', message } };
}

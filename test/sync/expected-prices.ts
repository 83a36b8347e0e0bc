import { Decimal } from 'decimal.js';
import type {
  DearCustomerRecord,
  DearProductRecord,
  DearSeed,
} from '../../main/sample/dear-seed.js';

/**
 * An independent reading of Cin7 Core pricing straight from the seed's raw records, to check
 * what the agent put in Upstock: special price, else tier price, then a Simple product rule,
 * then the customer discount (stacked when the account setting asks for it, else the larger one).
 */
export function expectedPrice(
  seed: DearSeed,
  customer: DearCustomerRecord,
  product: DearProductRecord,
): string {
  const special = (customer.ProductPrices ?? []).find((entry) => entry.ProductID === product.ID);
  if (special) return clamp(new Decimal(String(special.Price)));

  const tier =
    seed.priceTiers.find((candidate) => candidate.Name === customer.PriceTier) ??
    seed.priceTiers.find((t) => t.Code === 1)!;
  const positional = product[`PriceTier${tier.Code}`];
  const named = product.PriceTiers?.[tier.Name];
  const tierPrice = new Decimal(String(typeof positional === 'number' ? positional : (named ?? 0)));

  const rule = seed.discountRules.find((candidate) => candidate.Name === product.DiscountRule);
  let afterRule = tierPrice;
  let hasRule = false;
  if (rule && rule.IsActive && rule.Type === 'Simple') {
    const line = rule.DiscountLines[0] as { DiscountType: string; Amount: number } | undefined;
    const amount = new Decimal(String(line?.Amount ?? 0));
    if (line?.DiscountType === 'DiscountPercent')
      afterRule = tierPrice.mul(new Decimal(1).minus(amount.div(100)));
    if (line?.DiscountType === 'DiscountAmount') afterRule = tierPrice.minus(amount);
    if (line?.DiscountType === 'PriceOverride') afterRule = amount;
    hasRule =
      line !== undefined &&
      ['DiscountPercent', 'DiscountAmount', 'PriceOverride'].includes(line.DiscountType);
  }

  const percent = new Decimal(String(customer.Discount ?? 0));
  if (percent.isZero()) return clamp(afterRule);
  const factor = new Decimal(1).minus(percent.div(100));
  if (seed.me.ApplyCustomerDiscountsAfterOtherDiscounts === true)
    return clamp(afterRule.mul(factor));
  const afterCustomer = tierPrice.mul(factor);
  return clamp(hasRule && afterRule.lessThan(afterCustomer) ? afterRule : afterCustomer);
}

function clamp(value: Decimal): string {
  const rounded = value.toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
  return (rounded.isNegative() ? new Decimal(0) : rounded).toFixed(4);
}

/** Returns the products a price list carries: not services, not deprecated, sellable. */
export function carriedProducts(seed: DearSeed): DearProductRecord[] {
  return seed.products.filter(
    (p) => p.Type !== 'Service' && p.Status !== 'Deprecated' && p.Sellable !== false,
  );
}

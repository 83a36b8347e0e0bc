import { Decimal } from 'decimal.js';
import type { DearCustomer, DearPriceTier, DearProduct } from '../../dear/records.js';
import type { ProductDiscount } from './discount-rules.js';

/** The price tier a customer is priced at, and why. */
export interface ResolvedTier {
  code: number;
  name: string;
  /** Set when the customer's tier was missing or unknown and tier 1 was used instead. */
  fallback: 'no-tier' | 'unknown-tier' | null;
}

/** The customer fields that decide prices. */
export interface PricedCustomer {
  tier: ResolvedTier;
  /** Customer-wide discount, percent. */
  discount: Decimal;
  /** Customer-specific prices by Cin7 Core product ID. */
  specialPrices: ReadonlyMap<string, Decimal>;
}

/** One computed price with its source, for logs and tests. */
export interface PriceBreakdown {
  price: Decimal;
  source: 'customer-price' | 'tier';
  tierPrice: Decimal | null;
  /** The discounts applied on top of the tier price. */
  applied: 'none' | 'product' | 'customer' | 'both';
}

const ZERO = new Decimal(0);
const HUNDRED = new Decimal(100);

/**
 * Resolves the customer's price tier by name (exact, then ignoring case and spaces). A
 * customer without a tier, or with a name `/ref/priceTier` does not list, is priced at tier 1
 * and the fallback is recorded so the caller can report it.
 */
export function resolveTier(
  tierName: string | null,
  tiers: readonly DearPriceTier[],
): ResolvedTier {
  const first = tiers.find((tier) => tier.code === 1) ?? { code: 1, name: 'Tier 1' };
  if (!tierName || tierName.trim() === '') return { ...first, fallback: 'no-tier' };
  const exact = tiers.find((tier) => tier.name === tierName);
  if (exact) return { code: exact.code, name: exact.name, fallback: null };
  const wanted = tierName.trim().toLowerCase();
  const loose = tiers.find((tier) => tier.name.trim().toLowerCase() === wanted);
  if (loose) return { code: loose.code, name: loose.name, fallback: null };
  return { ...first, fallback: 'unknown-tier' };
}

/** Builds the pricing view of a customer: resolved tier, discount and special prices. */
export function toPricedCustomer(
  customer: DearCustomer,
  tiers: readonly DearPriceTier[],
): PricedCustomer {
  const specialPrices = new Map<string, Decimal>();
  for (const entry of customer.productPrices) specialPrices.set(entry.productId, entry.price);
  return {
    tier: resolveTier(customer.priceTier, tiers),
    discount: customer.discount,
    specialPrices,
  };
}

/** Rounds to 4 decimal places, half away from zero, and never below zero. */
export function roundPrice(value: Decimal): Decimal {
  const rounded = value.toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
  return rounded.isNegative() ? ZERO : rounded;
}

/**
 * Computes the unit price Cin7 Core gives a customer for a product, in its order of precedence:
 *
 * 1. a customer-specific price is final;
 * 2. otherwise the product's price at the customer's tier (a missing tier price counts as 0);
 * 3. then the product's Simple discount rule (percent, amount off, or price override);
 * 4. then the customer-wide discount: stacked after the product discount when
 *    `applyCustomerDiscountAfterOtherDiscounts` is true, otherwise the larger of the two
 *    discounts applies on its own.
 *
 * NOTE: Cin7 Core does not document how the customer discount and a product discount combine
 * when the setting is false. "The larger one wins" is our reading and is unconfirmed. It is
 * also unconfirmed whether a tier price of 0 means "free" or "not set".
 */
export function effectivePrice(
  product: Pick<DearProduct, 'id' | 'tierPrices'>,
  customer: PricedCustomer,
  productDiscount: ProductDiscount,
  applyCustomerDiscountAfterOtherDiscounts: boolean,
): PriceBreakdown {
  const special = customer.specialPrices.get(product.id);
  if (special)
    return {
      price: roundPrice(special),
      source: 'customer-price',
      tierPrice: null,
      applied: 'none',
    };

  const tierPrice = product.tierPrices[customer.tier.code - 1] ?? ZERO;
  const afterProduct = applyProductDiscount(tierPrice, productDiscount);
  const hasProductDiscount = productDiscount.kind === 'simple';
  const hasCustomerDiscount = !customer.discount.isZero();

  if (!hasCustomerDiscount) {
    const applied = hasProductDiscount ? 'product' : 'none';
    return { price: roundPrice(afterProduct), source: 'tier', tierPrice, applied };
  }
  if (applyCustomerDiscountAfterOtherDiscounts) {
    const price = applyPercent(afterProduct, customer.discount);
    return {
      price: roundPrice(price),
      source: 'tier',
      tierPrice,
      applied: hasProductDiscount ? 'both' : 'customer',
    };
  }

  const afterCustomer = applyPercent(tierPrice, customer.discount);
  if (hasProductDiscount && afterProduct.lessThan(afterCustomer)) {
    return { price: roundPrice(afterProduct), source: 'tier', tierPrice, applied: 'product' };
  }
  return { price: roundPrice(afterCustomer), source: 'tier', tierPrice, applied: 'customer' };
}

function applyProductDiscount(price: Decimal, discount: ProductDiscount): Decimal {
  if (discount.kind !== 'simple') return price;
  switch (discount.discountType) {
    case 'DiscountPercent':
      return applyPercent(price, discount.amount);
    case 'DiscountAmount':
      return price.minus(discount.amount);
    case 'PriceOverride':
      return discount.amount;
  }
}

function applyPercent(price: Decimal, percent: Decimal): Decimal {
  return price.times(HUNDRED.minus(percent)).dividedBy(HUNDRED);
}

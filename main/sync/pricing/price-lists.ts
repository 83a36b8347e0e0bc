import { createHash } from 'node:crypto';
import type {
  DearCustomer,
  DearDiscountRule,
  DearPriceTier,
  DearProduct,
} from '../../dear/records.js';
import type { UnrepresentableRule } from '../../../shared/sync.js';
import {
  indexRulesByName,
  resolveProductDiscount,
  type ProductDiscount,
} from './discount-rules.js';
import {
  effectivePrice,
  toPricedCustomer,
  type PricedCustomer,
  type ResolvedTier,
} from './effective-price.js';
import {
  makePriceVector,
  overriddenEntries,
  overriddenHash,
  type PriceEntry,
  type PriceOverrides,
  type PriceVector,
} from './price-vector.js';
import { reportUnrepresentable, type DealSummary } from './unrepresentable.js';

/** The product fields that decide a price list price. `DearProduct` satisfies it. */
export type PricedProduct = Pick<DearProduct, 'id' | 'sku' | 'tierPrices' | 'discountRule'>;

/** Input of the price list planner. */
export interface PricingInput {
  /** The products the lists carry: selected, sellable, not services, not deprecated. */
  products: readonly PricedProduct[];
  /** The customers to assign a list to: active ones. */
  customers: readonly DearCustomer[];
  tiers: readonly DearPriceTier[];
  discountRules: readonly DearDiscountRule[];
  /** `/me.ApplyCustomerDiscountsAfterOtherDiscounts`. */
  applyCustomerDiscountAfterOtherDiscounts: boolean;
  /** Active deals, when the client can read them; each is reported, never applied. */
  deals?: readonly DealSummary[];
}

/** A pricing input that is wrong or suspicious; the plan still prices the record. */
export interface PricingIssue {
  entity: 'customer' | 'product';
  recordId: string;
  label: string;
  field: string;
  reason: string;
}

/**
 * One Upstock price list: a fixed price per carried product, shared by its customers. The
 * prices are not stored per list: a list is its profile's shared vector plus the special
 * prices that set it apart, and `prices()` builds the entries on demand.
 */
export interface PlannedPriceList {
  /** Stable while the list's pricing profile (tier, discount, special-price customer) stays. */
  key: string;
  name: string;
  /** Sorted by customer ID. */
  customerIds: string[];
  /** SHA-256 of the product IDs and prices; equal for lists with equal prices. */
  pricesHash: string;
  /** The number of entries `prices()` yields: one per carried product. */
  size: number;
  /** Yields the list's prices sorted by product ID. */
  prices(): Iterable<PriceEntry>;
}

export interface PricingPlan {
  lists: PlannedPriceList[];
  /** Customer ID -> price list key, for every input customer. */
  assignments: Map<string, string>;
  unrepresentable: UnrepresentableRule[];
  issues: PricingIssue[];
}

/** A customer's pricing profile: what its prices follow, and how to name a list after it. */
interface Profile {
  /** `tier=..;discount=..` for customers priced by tier and discount alone; else customer-specific. */
  id: string;
  generic: boolean;
  name: string;
}

/** Customers with the same prices: a profile vector and the same overrides on it. */
interface PriceGroup {
  vector: PriceVector;
  overrides: PriceOverrides;
  members: { customer: DearCustomer; profile: Profile }[];
}

/**
 * Plans the price lists that give every customer the price Cin7 Core would give them, with
 * customers whose effective prices are identical on every carried product sharing one list.
 *
 * Prices are computed once per tier-and-discount profile (a vector over all products). A
 * customer with special prices is that vector plus the prices that differ from it, so the
 * work grows with products × profiles plus the special prices, not products × customers.
 * Two customers share a list when their vectors have equal content and their overrides are
 * equal. NOTE: a customer whose special prices happen to turn one profile's vector into
 * another profile's gets a list of its own, with the same prices as the other profile's list.
 *
 * A list's key is a hash of the pricing profile that names it: "tier + customer discount" for
 * customers priced by those alone, or the customer ID for a customer whose special prices set
 * them apart. So a price change keeps every key, and only a change of membership (a customer
 * moving tier, gaining a special price) can retire a key. Assumes products and customers parsed.
 */
export function planPriceLists(input: PricingInput): PricingPlan {
  const products = [...input.products].sort((a, b) => compare(a.id, b.id));
  const productIds = products.map((product) => product.id);
  const indexById = new Map(productIds.map((id, index) => [id, index]));
  const rulesByName = indexRulesByName(input.discountRules);
  const discounts = products.map((product) =>
    resolveProductDiscount(product.discountRule, rulesByName),
  );
  const issues = productIssues(products, discounts);
  const applyAfter = input.applyCustomerDiscountAfterOtherDiscounts;

  const genericVectors = new Map<string, PriceVector>();
  const groups = new Map<string, PriceGroup>();

  for (const customer of input.customers) {
    const priced = toPricedCustomer(customer, input.tiers);
    const tierIssue = tierIssueFor(customer, priced.tier);
    if (tierIssue) issues.push(tierIssue);

    const genericId = genericProfileId(priced);
    let vector = genericVectors.get(genericId);
    if (!vector) {
      const withoutSpecials: PricedCustomer = { ...priced, specialPrices: new Map() };
      const prices = products.map((p, i) =>
        priceText(p, withoutSpecials, discounts[i]!, applyAfter),
      );
      vector = makePriceVector(productIds, prices);
      genericVectors.set(genericId, vector);
    }

    const overrides: [number, string][] = [];
    for (const productId of priced.specialPrices.keys()) {
      const index = indexById.get(productId);
      if (index === undefined) continue;
      const special = priceText(products[index]!, priced, discounts[index]!, applyAfter);
      if (special !== vector.prices[index]) overrides.push([index, special]);
    }
    overrides.sort((a, b) => a[0] - b[0]);

    const profile = profileFor(customer, priced, genericId, overrides.length);
    const signature = overriddenHash(vector, overrides);
    const group = groups.get(signature) ?? { vector, overrides, members: [] };
    group.members.push({ customer, profile });
    groups.set(signature, group);
  }

  const lists: PlannedPriceList[] = [];
  const assignments = new Map<string, string>();
  for (const [signature, group] of groups) {
    const naming = chooseProfile(group.members.map((member) => member.profile));
    const key = `pl_${hash(naming.id).slice(0, 20)}`;
    const customerIds = group.members.map((member) => member.customer.id).sort(compare);
    for (const id of customerIds) assignments.set(id, key);
    const { vector, overrides } = group;
    lists.push({
      key,
      name: naming.name,
      customerIds,
      pricesHash: signature,
      size: productIds.length,
      prices: () => overriddenEntries(vector, overrides),
    });
  }
  lists.sort((a, b) => compare(a.key, b.key));
  makeNamesUnique(lists);

  const unrepresentable = reportUnrepresentable(discounts, input.discountRules, input.deals ?? []);
  return { lists, assignments, unrepresentable, issues };
}

function priceText(
  product: PricedProduct,
  customer: PricedCustomer,
  discount: ProductDiscount,
  applyAfter: boolean,
): string {
  return effectivePrice(product, customer, discount, applyAfter).price.toFixed(4);
}

function genericProfileId(customer: PricedCustomer): string {
  return `tier=${customer.tier.code};discount=${customer.discount.toString()}`;
}

function profileFor(
  customer: DearCustomer,
  priced: PricedCustomer,
  genericId: string,
  specialCount: number,
): Profile {
  const base = priced.discount.isZero()
    ? priced.tier.name
    : `${priced.tier.name} \u2212${priced.discount.toString()}%`;
  if (specialCount === 0) return { id: genericId, generic: true, name: base };
  const noun = specialCount === 1 ? 'special price' : 'special prices';
  return {
    id: `customer=${customer.id}`,
    generic: false,
    name: `${base} + ${specialCount} ${noun} (${customer.name})`,
  };
}

/** Prefers a tier-and-discount profile, so a shared list keeps its key as members come and go. */
function chooseProfile(profiles: Profile[]): Profile {
  const sorted = [...profiles].sort(
    (a, b) => Number(b.generic) - Number(a.generic) || compare(a.id, b.id),
  );
  return sorted[0]!;
}

function makeNamesUnique(lists: PlannedPriceList[]): void {
  const seen = new Map<string, number>();
  for (const list of lists) {
    const count = (seen.get(list.name) ?? 0) + 1;
    seen.set(list.name, count);
    if (count > 1) list.name = `${list.name} (${count})`;
  }
}

function tierIssueFor(customer: DearCustomer, tier: ResolvedTier): PricingIssue | null {
  if (!tier.fallback) return null;
  const reason =
    tier.fallback === 'no-tier'
      ? `Customer has no price tier, so it is priced at tier 1 ("${tier.name}"). Set its price tier in Cin7 Core if that is wrong.`
      : `Price tier "${customer.priceTier}" is not one of the account's price tiers, so the customer is priced at tier 1 ("${tier.name}"). Correct the customer's price tier in Cin7 Core.`;
  return {
    entity: 'customer',
    recordId: customer.id,
    label: customer.name,
    field: 'PriceTier',
    reason,
  };
}

function productIssues(products: PricedProduct[], discounts: ProductDiscount[]): PricingIssue[] {
  const issues: PricingIssue[] = [];
  products.forEach((product, i) => {
    const discount = discounts[i]!;
    if (discount.kind !== 'unknown-rule') return;
    issues.push({
      entity: 'product',
      recordId: product.id,
      label: product.sku,
      field: 'DiscountRule',
      reason: `Discount rule "${discount.ruleName}" is not among Cin7 Core's discount rules, so the product is priced without it. Correct the product's discount rule in Cin7 Core.`,
    });
  });
  return issues;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function compare(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

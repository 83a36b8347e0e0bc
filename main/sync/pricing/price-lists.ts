import { createHash } from 'node:crypto';
import { Decimal } from 'decimal.js';
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
import { reportUnrepresentable, type DealSummary } from './unrepresentable.js';

/** Input of the price list planner. */
export interface PricingInput {
  /** The products the lists carry: selected, sellable, not services, not deprecated. */
  products: readonly DearProduct[];
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

/** One Upstock price list: a fixed price per carried product, shared by its customers. */
export interface PlannedPriceList {
  /** Stable while the list's pricing profile (tier, discount, special-price customer) stays. */
  key: string;
  name: string;
  /** Sorted by product ID. */
  prices: { productId: string; price: Decimal }[];
  /** Sorted by customer ID. */
  customerIds: string[];
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

/**
 * Plans the price lists that give every customer the price Cin7 Core would give them, with
 * customers whose effective prices are identical on every carried product sharing one list.
 *
 * A list's key is a hash of the pricing profile that names it: "tier + customer discount" for
 * customers priced by those alone, or the customer ID for a customer whose special prices set
 * them apart. So a price change keeps every key, and only a change of membership (a customer
 * moving tier, gaining a special price) can retire a key. Assumes products and customers parsed.
 */
export function planPriceLists(input: PricingInput): PricingPlan {
  const products = [...input.products].sort((a, b) => compare(a.id, b.id));
  const rulesByName = indexRulesByName(input.discountRules);
  const discounts = products.map((product) =>
    resolveProductDiscount(product.discountRule, rulesByName),
  );
  const issues = productIssues(products, discounts);
  const applyAfter = input.applyCustomerDiscountAfterOtherDiscounts;

  const genericVectors = new Map<string, string[]>();
  const groups = new Map<
    string,
    { prices: string[]; members: { customer: DearCustomer; profile: Profile }[] }
  >();

  for (const customer of input.customers) {
    const priced = toPricedCustomer(customer, input.tiers);
    const tierIssue = tierIssueFor(customer, priced.tier);
    if (tierIssue) issues.push(tierIssue);

    const genericId = genericProfileId(priced);
    let generic = genericVectors.get(genericId);
    if (!generic) {
      const withoutSpecials: PricedCustomer = { ...priced, specialPrices: new Map() };
      generic = products.map((p, i) => priceText(p, withoutSpecials, discounts[i]!, applyAfter));
      genericVectors.set(genericId, generic);
    }

    const prices = [...generic];
    let specialCount = 0;
    products.forEach((product, i) => {
      if (!priced.specialPrices.has(product.id)) return;
      const special = priceText(product, priced, discounts[i]!, applyAfter);
      if (special !== generic[i]) specialCount += 1;
      prices[i] = special;
    });

    const profile = profileFor(customer, priced, genericId, specialCount);
    const signature = hash(prices.join('|'));
    const group = groups.get(signature) ?? { prices, members: [] };
    group.members.push({ customer, profile });
    groups.set(signature, group);
  }

  const lists: PlannedPriceList[] = [];
  const assignments = new Map<string, string>();
  for (const group of groups.values()) {
    const naming = chooseProfile(group.members.map((member) => member.profile));
    const key = `pl_${hash(naming.id).slice(0, 20)}`;
    const customerIds = group.members.map((member) => member.customer.id).sort(compare);
    for (const id of customerIds) assignments.set(id, key);
    lists.push({
      key,
      name: naming.name,
      prices: products.map((product, i) => ({
        productId: product.id,
        price: new Decimal(group.prices[i]!),
      })),
      customerIds,
    });
  }
  lists.sort((a, b) => compare(a.key, b.key));
  makeNamesUnique(lists);

  const unrepresentable = reportUnrepresentable(discounts, input.discountRules, input.deals ?? []);
  return { lists, assignments, unrepresentable, issues };
}

function priceText(
  product: DearProduct,
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

function productIssues(products: DearProduct[], discounts: ProductDiscount[]): PricingIssue[] {
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

import type { DearCustomer, DearDeal, DearDealDiscount } from '../../dear/records.js';
import type { DealSummary } from './unrepresentable.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Returns true when the deal is switched on and `now` falls inside its dates. A missing date
 * leaves that side open.
 *
 * NOTE: Cin7 Core sends the dates as midnight without a time zone, and how it treats the last
 * day is unconfirmed. Here `DateTo` includes its whole day, read in UTC.
 */
export function isDealCurrent(deal: DearDeal, now: Date): boolean {
  if (!deal.isActive) return false;
  if (deal.dateFrom && now.getTime() < deal.dateFrom.getTime()) return false;
  if (deal.dateTo && now.getTime() >= deal.dateTo.getTime() + DAY_MS) return false;
  return true;
}

/**
 * Returns the customers among `customers` that the deal targets. `All` and `B2B` target every
 * one, because Upstock orders are B2B sales. `POS` (point of sale only) targets none.
 * `Specified` targets the listed customers, and `CustomerTags` those with at least one of the
 * deal's tags, ignoring case. An unknown group targets none, and `describeDeal` says so.
 */
export function dealCustomers(
  deal: DearDeal,
  customers: readonly DearCustomer[],
): readonly DearCustomer[] {
  switch (deal.customersGroup) {
    case 'All':
    case 'B2B':
      return customers;
    case 'Specified': {
      const listed = new Set(deal.customers.map((entry) => entry.customerId.toLowerCase()));
      return customers.filter((customer) => listed.has(customer.id.toLowerCase()));
    }
    case 'CustomerTags': {
      const tags = new Set(deal.customerTags.map((tag) => tag.trim().toLowerCase()));
      return customers.filter((customer) =>
        customer.tags.some((tag) => tags.has(tag.trim().toLowerCase())),
      );
    }
    default:
      return [];
  }
}

/**
 * Reduces the active, current deals to report entries, one per deal, sorted by name, with the
 * number of `customers` (the active ones) each targets. Deals that are switched off or outside
 * their dates are left out, because Cin7 Core does not apply them either.
 */
export function summarizeDeals(
  deals: readonly DearDeal[],
  customers: readonly DearCustomer[],
  now: Date,
): DealSummary[] {
  return deals
    .filter((deal) => isDealCurrent(deal, now))
    .map((deal) => ({
      name: deal.name,
      customerCount: dealCustomers(deal, customers).length,
      detail: describeDeal(deal),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Describes who the deal is for, what it discounts and why no price list carries it. */
export function describeDeal(deal: DearDeal): string {
  const coupon = deal.allowCoupons ? 'Coupon deal' : 'Deal';
  const discounts =
    deal.discounts.length === 0 ? 'no discounts' : deal.discounts.map(describeDiscount).join('; ');
  return (
    `${coupon} for ${audience(deal)}: ${discounts}. Cin7 Core applies deals to its own sales ` +
    'only; Upstock price lists carry prices without them.'
  );
}

function audience(deal: DearDeal): string {
  switch (deal.customersGroup) {
    case 'All':
      return 'all customers';
    case 'B2B':
      return 'B2B customers';
    case 'POS':
      return 'point-of-sale customers (never Upstock orders)';
    case 'Specified':
      return deal.customers.length === 1
        ? '1 listed customer'
        : `${deal.customers.length} listed customers`;
    case 'CustomerTags':
      return `customers tagged ${deal.customerTags.map((tag) => `"${tag}"`).join(', ')}`;
    default:
      return `customer group "${deal.customersGroup}", which the agent does not know, so no customers are counted`;
  }
}

function describeDiscount(discount: DearDealDiscount): string {
  const name = discount.name ? `"${discount.name}" ` : '';
  const scope = discount.isOrderLevel
    ? 'on the whole order'
    : discount.scopes.length === 0
      ? 'on every product'
      : `on ${[...new Set(discount.scopes.map((scope) => `${scope.kind} ${scope.name}`))].join(', ')}`;
  return `${name}(${discount.discountType}) ${scope}`;
}

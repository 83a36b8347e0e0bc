import { Decimal } from 'decimal.js';
import type {
  DearCustomer,
  DearDiscountRule,
  DearPriceTier,
  DearProduct,
} from '../../main/dear/records.js';

/** Tiers as `/ref/priceTier` returns them, with custom names for the first three. */
export const TIERS: DearPriceTier[] = [
  { code: 1, name: 'Retail' },
  { code: 2, name: 'Wholesale' },
  { code: 3, name: 'Cafe' },
  ...Array.from({ length: 7 }, (_, i) => ({ code: i + 4, name: `Tier ${i + 4}` })),
];

/** Builds a parsed product with tier prices given as strings (tier 1 first). */
export function product(
  id: string,
  tierPrices: string[],
  overrides: Partial<DearProduct> = {},
): DearProduct {
  return {
    id,
    sku: `SKU-${id}`,
    name: `Product ${id}`,
    type: 'Stock',
    status: 'Active',
    category: null,
    brand: null,
    uom: null,
    barcode: null,
    shortDescription: null,
    description: null,
    tags: [],
    sellable: true,
    saleTaxRule: null,
    discountRule: null,
    tierPrices: tierPrices.map((price) => new Decimal(price)),
    attachments: [],
    lastModifiedOn: new Date('2025-01-01T00:00:00Z'),
    ...overrides,
  };
}

/** Builds a parsed customer; `special` maps product ID to a customer-specific price. */
export function customer(
  id: string,
  tier: string | null,
  discount = '0',
  special: Record<string, string> = {},
): DearCustomer {
  return {
    id,
    name: `Customer ${id}`,
    displayName: null,
    status: 'Active',
    currency: 'NZD',
    paymentTerm: null,
    taxRule: null,
    priceTier: tier,
    discount: new Decimal(discount),
    salesRepresentative: null,
    location: null,
    carrier: null,
    tags: [],
    addresses: [],
    contacts: [],
    productPrices: Object.entries(special).map(([productId, price]) => ({
      productId,
      sku: null,
      price: new Decimal(price),
    })),
    lastModifiedOn: new Date('2025-01-01T00:00:00Z'),
  };
}

/** Builds a discount rule with one line per `[discountType, amount]`. */
export function rule(
  name: string,
  type: string,
  lines: [string, string][],
  isActive = true,
): DearDiscountRule {
  return {
    id: `rule-${name}`,
    name,
    isActive,
    type,
    lines: lines.map(([discountType, amount]) => ({
      minValue: null,
      maxValue: null,
      discountType,
      amount: new Decimal(amount),
    })),
  };
}

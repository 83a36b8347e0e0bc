import type { Decimal } from 'decimal.js';

/**
 * Cin7 Core records after parsing: the fields the agent uses, with money as Decimal and
 * dates as Date. Raw API objects are parsed record by record (see `parse.ts`), so a malformed
 * record is reported on its own and never stops the rest of a page.
 */

/** Tier name -> price, keyed by the tenant's own tier names (from `ref/priceTier`). */
export type TierPrices = Map<string, Decimal>;

export interface DearAttachment {
  id: string;
  contentType: string | null;
  fileName: string | null;
  downloadUrl: string;
  isDefault: boolean;
}

export interface DearProduct {
  id: string;
  sku: string;
  name: string;
  /** "Stock", "Service" or another non-inventory spelling; services are never imported. */
  type: string;
  status: 'Active' | 'Deprecated' | 'Setup required' | string;
  category: string | null;
  brand: string | null;
  uom: string | null;
  barcode: string | null;
  shortDescription: string | null;
  description: string | null;
  tags: string[];
  sellable: boolean;
  saleTaxRule: string | null;
  discountRule: string | null;
  /** Positional tier prices: index 0 is PriceTier1. */
  tierPrices: Decimal[];
  attachments: DearAttachment[];
  lastModifiedOn: Date;
}

export interface DearAddress {
  id: string | null;
  line1: string;
  line2: string | null;
  city: string | null;
  state: string | null;
  postcode: string | null;
  country: string;
  type: 'Billing' | 'Business' | 'Shipping' | string;
  defaultForType: boolean;
}

export interface DearContact {
  id: string | null;
  name: string;
  jobTitle: string | null;
  phone: string | null;
  mobilePhone: string | null;
  email: string | null;
  isDefault: boolean;
}

export interface DearCustomerPrice {
  productId: string;
  sku: string | null;
  price: Decimal;
}

export interface DearCustomer {
  id: string;
  name: string;
  displayName: string | null;
  status: 'Active' | 'Deprecated' | string;
  currency: string | null;
  paymentTerm: string | null;
  taxRule: string | null;
  priceTier: string | null;
  /** Customer-wide discount, percent 0-100. */
  discount: Decimal;
  salesRepresentative: string | null;
  location: string | null;
  carrier: string | null;
  tags: string[];
  addresses: DearAddress[];
  contacts: DearContact[];
  productPrices: DearCustomerPrice[];
  lastModifiedOn: Date;
}

export interface DearMe {
  company: string;
  currency: string;
  timeZone: string | null;
  taxCalculationMethod: 'Row Total' | 'Total' | string;
  defaultSaleTaxRuleName: string | null;
  applyCustomerDiscountsAfterOtherDiscounts: boolean;
  automaticallyApplyDiscounts: boolean;
  discountRule: string | null;
  /**
   * Decimal places Cin7 Core keeps in quantities, from `MaximumDecimalPlacesInQuantity` ("N2"
   * is 2). Null or absent when Cin7 Core did not send it (or a cache predates the field).
   */
  maxQuantityDecimals?: number | null;
}

export interface DearPriceTier {
  code: number;
  name: string;
}

export interface DearTaxComponent {
  name: string;
  percent: Decimal;
  compound: boolean;
}

export interface DearTaxRule {
  id: string;
  name: string;
  isActive: boolean;
  taxInclusive: boolean;
  taxPercent: Decimal;
  isTaxForSale: boolean;
  components: DearTaxComponent[];
}

export interface DearLocation {
  id: string;
  name: string;
  isDefault: boolean;
}

export interface DearCarrier {
  id: string;
  description: string;
}

export interface DearDiscountLine {
  minValue: Decimal | null;
  maxValue: Decimal | null;
  discountType:
    | 'DiscountAmount'
    | 'DiscountPercent'
    | 'MarkupAmount'
    | 'MarkupPercent'
    | 'PriceOverride'
    | 'FlatAmount'
    | 'FreeShipping'
    | string;
  amount: Decimal;
}

export interface DearDiscountRule {
  id: string;
  name: string;
  isActive: boolean;
  type: 'Simple' | 'QuantityBased' | 'FreeShipping' | string;
  lines: DearDiscountLine[];
}

export interface DearCompanyContact {
  id: string | null;
  name: string;
  type: string | null;
}

/** What a deal discount is limited to: a brand, category, product tag or product. */
export interface DearDealScope {
  kind: 'brand' | 'category' | 'tag' | 'product';
  /** `BrandID`, `CategoryID` or `ProductID`; null for tags, which Cin7 Core names only. */
  id: string | null;
  /** Brand, category or tag name; the SKU (else the name) for a product. */
  name: string;
  /** `Buy` (what qualifies) or `Get` (what is discounted); null when Cin7 Core leaves it out. */
  side: 'Buy' | 'Get' | string | null;
}

/** One discount of a deal. Buy and Get values are kept out: their meaning is undocumented. */
export interface DearDealDiscount {
  id: string | null;
  name: string | null;
  discountType: 'Simple' | 'QuantityBased' | 'FreeShipping' | string;
  isOrderLevel: boolean;
  scopes: DearDealScope[];
}

/** A deal from `GET reference/deals`: a customer-group or coupon discount. */
export interface DearDeal {
  id: string;
  name: string;
  /** Start and end dates as Cin7 Core sends them (midnight, no time zone); null when open. */
  dateFrom: Date | null;
  dateTo: Date | null;
  isActive: boolean;
  allowCoupons: boolean;
  customersGroup: 'All' | 'B2B' | 'POS' | 'Specified' | 'CustomerTags' | string;
  /** The listed customers, for `Specified`. */
  customers: { customerId: string; customerName: string | null }[];
  /** The customer tags, for `CustomerTags`. */
  customerTags: string[];
  discounts: DearDealDiscount[];
}

/** Result of parsing one raw record. */
export type ParseResult<T> =
  | { ok: true; value: T }
  | { ok: false; recordId: string; label?: string; field: string; reason: string };

import type {
  DearCustomer,
  DearLocation,
  DearMe,
  DearPriceTier,
  DearProduct,
  DearTaxRule,
} from '../../dear/records.js';
import type { Settings } from '../../../shared/settings.js';

/**
 * Inputs and outputs of the order mapping. The mapping is pure: everything it needs from Cin7
 * Core (the cached customer and products, reference books, `/me`) is passed in, and it returns
 * the two request bodies or the reason the order must be parked.
 */

/** Cin7 Core reference data the mapping reads, as cached by the reference job or fetched. */
export interface MappingReference {
  me: DearMe;
  taxRules: DearTaxRule[];
  locations: DearLocation[];
  /** The tenant's price tiers (`ref/priceTier`); the sale names the customer's tier as spelled here. */
  priceTiers: DearPriceTier[];
  /** The Upstock supplier account ID, the middle part of the sale's ExternalID. */
  supplierId: string;
  /** Cached Cin7 Core products by ID; an order line whose product is missing here is parked. */
  products: { get(productId: string): DearProduct | undefined };
  /** The service product named by `orders.freightProduct`, or null when none exists. */
  freightProduct: DearProduct | null;
}

/** The order settings the mapping follows. */
export type OrderSettings = Settings['orders'];

/** An address on a sale (`BillingAddress`, or `ShippingAddress` with its extra fields). */
export interface DearSaleAddress {
  /** Set when the address is one of the customer's own, so Cin7 Core uses that record. */
  ID?: string;
  Line1: string;
  Line2: string | null;
  City: string | null;
  State: string | null;
  Postcode: string | null;
  Country: string;
  Company?: string | null;
  Contact?: string | null;
  /** True for a one-off shipping address, so Cin7 Core does not add it to the customer. */
  ShipToOther?: boolean;
}

/** The body of `POST /sale`: the sale header. Numbers are JSON numbers, as Cin7 Core takes them. */
export interface DearSaleRequest {
  CustomerID: string;
  Customer: string;
  Contact: string | null;
  Phone: string | null;
  Email: string | null;
  SkipQuote: true;
  SaleType: 'Simple';
  BillingAddress: DearSaleAddress | null;
  ShippingAddress: DearSaleAddress | null;
  ShippingNotes: string;
  TaxRule: string;
  TaxInclusive: false;
  Terms: string | null;
  PriceTier: string | null;
  Location: string;
  SaleOrderDate: string;
  ShipBy: string | null;
  Note: string;
  CustomerReference: string;
  SalesRepresentative: string;
  Carrier: string | null;
  CurrencyRate: 1;
  ExternalID: string;
}

/** One line or additional charge of `POST /sale/order`. */
export interface DearSaleOrderRow {
  Quantity: number;
  Price: number;
  Discount: number;
  Tax: number;
  TaxRule: string;
  Total: number;
  Comment: string;
}

export interface DearSaleOrderLine extends DearSaleOrderRow {
  ProductID: string;
  SKU: string;
  Name: string;
}

export interface DearAdditionalCharge extends DearSaleOrderRow {
  /** The name of the Cin7 Core service product, such as "Freight". */
  Description: string;
}

/** The body of `POST /sale/order` without `SaleID`, which exists only after `POST /sale`. */
export interface DearSaleOrderRequest {
  Status: 'DRAFT' | 'AUTHORISED';
  Memo: string;
  AutoPickPackShipMode: 'NOPICK';
  CombineAdditionalCharges: false;
  Lines: DearSaleOrderLine[];
  AdditionalCharges: DearAdditionalCharge[];
  TotalBeforeTax: number;
  Tax: number;
  Total: number;
}

/** The Cin7 Core customer as the mapping needs it. */
export type MappingCustomer = DearCustomer;

/** The reason an order cannot be pushed, in words a merchant can act on. */
export interface ParkReason {
  /** A short machine-readable case, such as `currency` or `unknown-product`. */
  code: ParkCode;
  message: string;
}

export type ParkCode =
  | 'currency'
  | 'unknown-customer'
  | 'unknown-product'
  | 'service-product'
  | 'missing-freight-product'
  | 'missing-location'
  | 'unsupported-tax-rule'
  | 'not-representable'
  | 'unknown-price-tier'
  | 'quantity-precision'
  | 'dear-validation'
  | 'ambiguous-sale'
  | 'sale-voided'
  | 'sale-missing'
  | 'not-shippable';

/**
 * Park codes for data that a later catalog sync can fix; the orders job retries such orders by
 * itself after the sync job named here. Every other code waits for `orders retry`.
 */
export const SYNC_FIXABLE_PARKS: Readonly<
  Partial<Record<ParkCode, 'reference' | 'products' | 'customers'>>
> = {
  'unknown-customer': 'customers',
  'unknown-product': 'products',
  'missing-freight-product': 'products',
  'missing-location': 'reference',
  'unsupported-tax-rule': 'reference',
  'unknown-price-tier': 'reference',
};

/** The two request bodies for one approved order, or the reason to park it. */
export type MappingResult =
  | { ok: true; sale: DearSaleRequest; saleOrder: DearSaleOrderRequest }
  | { ok: false; park: ParkReason };

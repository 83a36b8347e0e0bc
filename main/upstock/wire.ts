/**
 * The Upstock agent API as JSON on the wire, mirroring `docs/upstock-agent-api.yaml`. Money is
 * a decimal string with exactly four decimal places ("12.5000"), quantities and percentages are
 * decimal strings with up to four, timestamps are ISO 8601 UTC strings and dates are
 * `YYYY-MM-DD`. The client and the simulator both build on these types.
 */

/** The maximum number of records in one batch upsert. */
export const MAX_BATCH_SIZE = 500;

/** The maximum and the default number of items in one page of a list. */
export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 100;

/** A price or other amount of money: digits, a point and exactly four decimal places. */
export const MONEY_PATTERN = /^-?(0|[1-9]\d*)\.\d{4}$/;

/** A quantity or percentage: digits with up to four decimal places. */
export const QUANTITY_PATTERN = /^(0|[1-9]\d*)(\.\d{1,4})?$/;

/** The supplier account that the token belongs to. */
export interface WireAccount {
  supplierId: string;
  name: string;
  /** ISO 4217 code of the supplier's base currency. */
  currency: string;
  /** IANA time zone, such as "Pacific/Auckland". */
  timeZone: string;
}

/** One page of a cursor-paged list. `nextCursor` is null on the last page. */
export interface WirePage<T> {
  items: T[];
  nextCursor: string | null;
}

export type ProductAvailability = 'available' | 'out_of_stock' | 'discontinued';

/** A product as the agent sends it, keyed by the Cin7 Core product ID. */
export interface WireProductInput {
  externalId: string;
  /** The SKU; unique per supplier among products that are not discontinued. */
  code: string;
  name: string;
  description?: string | null;
  category?: string | null;
  brand?: string | null;
  unit?: string | null;
  barcode?: string | null;
  imageUrls?: string[];
  notes?: string | null;
  availability: ProductAvailability;
}

/** A product as Upstock stores it. */
export interface WireProduct extends Required<WireProductInput> {
  id: string;
  createdAt: string;
  updatedAt: string;
}

export type AddressType = 'billing' | 'shipping' | 'business';

export interface WireContact {
  name: string;
  email?: string | null;
  phone?: string | null;
  mobile?: string | null;
  jobTitle?: string | null;
  default?: boolean;
}

/** A customer address, keyed by the Cin7 Core address ID. */
export interface WireAddress {
  externalId: string;
  type: AddressType;
  /** True for the customer's default address of this type. */
  default: boolean;
  line1: string;
  line2?: string | null;
  city?: string | null;
  state?: string | null;
  postcode?: string | null;
  country: string;
}

/** A customer as the agent sends it, keyed by the Cin7 Core customer ID. */
export interface WireCustomerInput {
  externalId: string;
  name: string;
  contacts?: WireContact[];
  addresses?: WireAddress[];
  /** Key of an existing price list, or null for none. */
  priceListKey?: string | null;
  salesRep?: string | null;
  taxRule?: string | null;
  paymentTerm?: string | null;
  currency: string;
  active: boolean;
}

export interface WireCustomer extends Required<WireCustomerInput> {
  id: string;
  createdAt: string;
  updatedAt: string;
}

export type UpsertResult = 'created' | 'updated' | 'unchanged';

/** A rejected field of one record, with the reason. */
export interface WireFieldError {
  field: string;
  reason: string;
}

/** The outcome for one record of a batch, in the order the records were sent. */
export type WireBatchItemResult =
  | { index: number; externalId: string; result: UpsertResult; id: string }
  | { index: number; externalId: string | null; result: 'failed'; errors: WireFieldError[] };

export interface WireBatchResponse {
  results: WireBatchItemResult[];
  counts: { created: number; updated: number; unchanged: number; failed: number };
}

export interface WirePriceListInput {
  name: string;
  prices: { productExternalId: string; price: string }[];
}

export interface WirePriceListSummary {
  key: string;
  name: string;
  productCount: number;
  customerCount: number;
  updatedAt: string;
}

export interface WirePriceList extends WirePriceListSummary {
  prices: { productExternalId: string; price: string }[];
}

export interface WirePutPriceListResponse extends WirePriceListSummary {
  result: UpsertResult;
}

export type OrderStatus = 'scheduled' | 'ordered' | 'approved' | 'shipped' | 'cancelled';
export const ORDER_STATUSES: readonly OrderStatus[] = [
  'scheduled',
  'ordered',
  'approved',
  'shipped',
  'cancelled',
];

export type IntegrationStateName = 'pending' | 'pushed' | 'needs_attention';

export interface WireOrderLine {
  productExternalId: string;
  code: string;
  name: string;
  quantity: string;
  unitPrice: string;
  /** Percent off the unit price, 0 to 100; null when the line has no discount. */
  discountPercent: string | null;
  /** quantity × unitPrice × (1 − discountPercent / 100), rounded half up to cents. */
  lineTotal: string;
}

export interface WireOrderComment {
  author: string;
  text: string;
  createdAt: string;
}

/**
 * An address on an order. `externalId` is the Cin7 Core address ID when the customer picked one
 * of their own addresses, and null for a one-off address typed into the order.
 */
export interface WireOrderAddress {
  externalId: string | null;
  line1: string;
  line2: string | null;
  city: string | null;
  state: string | null;
  postcode: string | null;
  country: string;
}

export interface WireClaimInfo {
  agentId: string;
  expiresAt: string;
}

export interface WireIntegration {
  state: IntegrationStateName;
  saleId: string | null;
  saleNumber: string | null;
  reason: string | null;
  /** Null until an agent first records a state. */
  updatedAt: string | null;
  /** The current claim; null when there is none or its lease ran out. */
  claim: WireClaimInfo | null;
}

export interface WireShipment {
  id: string;
  externalId: string | null;
  shippedAt: string;
  carrier: string;
  trackingNumbers: string[];
  partial: boolean;
  recordedAt: string;
}

export interface WireOrder {
  id: string;
  number: string;
  status: OrderStatus;
  customer: { externalId: string; name: string };
  lines: WireOrderLine[];
  /** Freight charged on the order, excluding tax; "0.0000" when there is none. */
  freight: string;
  /** Comments in the order they were written, oldest first. */
  comments: WireOrderComment[];
  reference: string | null;
  orderDate: string;
  deliveryDate: string | null;
  billingAddress: WireOrderAddress | null;
  shippingAddress: WireOrderAddress | null;
  currency: string;
  /** Amounts before tax: the back office applies its own tax rule. */
  totals: { lines: string; freight: string; total: string };
  integration: WireIntegration;
  shipments: WireShipment[];
  /** Increases by one whenever the order's content or status changes. */
  version: number;
  createdAt: string;
  updatedAt: string;
  approvedAt: string | null;
}

export interface WireClaimRequest {
  agentId: string;
  leaseSeconds?: number;
}

export interface WireClaim {
  claimToken: string;
  agentId: string;
  expiresAt: string;
}

export interface WireIntegrationRequest {
  claimToken?: string;
  state: IntegrationStateName;
  saleId?: string | null;
  saleNumber?: string | null;
  reason?: string | null;
}

export interface WireShipmentRequest {
  /** The Cin7 Core fulfilment or shipment ID, when known; makes retries match exactly. */
  externalId?: string | null;
  shippedAt: string;
  carrier: string;
  trackingNumbers: string[];
  partial?: boolean;
}

export interface WireShipmentResponse {
  result: UpsertResult;
  shipment: WireShipment;
  orderStatus: OrderStatus;
}

/** An RFC 9457 problem details body. */
export interface WireProblem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { externalId: string | null; field: string; reason: string }[];
}

/** Problem type URIs the API uses; the text after the last slash names the case. */
export const PROBLEM_TYPE_BASE = 'https://api.upstock.app/problems/';

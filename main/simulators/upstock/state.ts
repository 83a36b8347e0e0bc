import type {
  IntegrationStateName,
  OrderStatus,
  WireAccount,
  WireCustomer,
  WireOrderAddress,
  WireOrderComment,
  WireOrderLine,
  WireProduct,
  WireShipment,
} from '../../upstock/wire.js';

/** A price list as the simulator stores it: prices by product external ID. */
export interface SimPriceList {
  key: string;
  name: string;
  prices: Map<string, string>;
  updatedAt: string;
}

/** The current claim on an order. A released claim is kept so that its token is recognised. */
export interface SimClaim {
  token: string;
  agentId: string;
  expiresAtMs: number;
  released: boolean;
}

/** An order line as stored; `lineTotal` is derived when the order is read. */
export type SimOrderLine = Omit<WireOrderLine, 'lineTotal'>;

export interface SimOrder {
  id: string;
  number: string;
  status: OrderStatus;
  customerExternalId: string;
  customerName: string;
  lines: SimOrderLine[];
  freight: string;
  comments: WireOrderComment[];
  reference: string | null;
  orderDate: string;
  deliveryDate: string | null;
  billingAddress: WireOrderAddress | null;
  shippingAddress: WireOrderAddress | null;
  currency: string;
  integration: {
    state: IntegrationStateName;
    saleId: string | null;
    saleNumber: string | null;
    reason: string | null;
    updatedAt: string | null;
  };
  claim: SimClaim | null;
  shipments: WireShipment[];
  version: number;
  createdAt: string;
  updatedAt: string;
  approvedAt: string | null;
}

/** Everything one simulated supplier account contains. Maps keep insertion order. */
export interface SimState {
  account: WireAccount;
  /** Products by external ID (the Cin7 Core product ID). */
  products: Map<string, WireProduct>;
  /** External ID by lower-cased code, for products that are not discontinued. */
  productCodes: Map<string, string>;
  /** Customers by external ID (the Cin7 Core customer ID). */
  customers: Map<string, WireCustomer>;
  priceLists: Map<string, SimPriceList>;
  /** Orders by Upstock order ID. */
  orders: Map<string, SimOrder>;
  nextOrderNumber: number;
  nextId: number;
}

export const DEFAULT_ACCOUNT: WireAccount = {
  supplierId: 'sup_00000001',
  name: 'Harbourside Wholesale (simulated)',
  currency: 'NZD',
  timeZone: 'Pacific/Auckland',
};

/** Returns an empty state for `account`. Order numbers start at UP-1001. */
export function createState(account: WireAccount): SimState {
  return {
    account: { ...account },
    products: new Map(),
    productCodes: new Map(),
    customers: new Map(),
    priceLists: new Map(),
    orders: new Map(),
    nextOrderNumber: 1001,
    nextId: 1,
  };
}

/**
 * Returns a new record ID such as `prd_00000012`. IDs grow with every call, so sorting them as
 * strings gives creation order.
 */
export function newId(state: SimState, prefix: 'prd' | 'cus' | 'ord' | 'shp'): string {
  const id = `${prefix}_${String(state.nextId).padStart(8, '0')}`;
  state.nextId += 1;
  return id;
}

/** The clock and state a handler works on. `now()` already includes any control offset. */
export interface SimContext {
  state: SimState;
  now(): Date;
}

import type { DearPort, UpstockPort } from '../sync/ports.js';

/**
 * The parts of the Cin7 Core and Upstock ports that the order push and the shipment poll use.
 * The runner's `JobContext` clients satisfy them, and so do `DearClient` and `UpstockClient`.
 */

/** A `saleList` row, as far as the agent reads it. */
export interface DearSaleListRow {
  SaleID: string;
  OrderNumber?: string | null;
  Status?: string;
  ExternalID?: string | null;
  CombinedShippingStatus?: string | null;
  Updated?: string | null;
}

/** A `GET sale` response, as far as the agent reads it. */
export interface DearSaleRecord {
  ID: string;
  Status?: string;
  ExternalID?: string | null;
  CombinedShippingStatus?: string | null;
  CombinedTrackingNumbers?: string | null;
  Order?: { SaleOrderNumber?: string | null; Status?: string; Lines?: unknown[] } | null;
  Fulfilments?: Array<{
    TaskID?: string;
    FulfillmentNumber?: number;
    Ship?: {
      Status?: string;
      Lines?: Array<{
        ID?: string;
        ShipmentDate?: string | null;
        Carrier?: string | null;
        TrackingNumber?: string | null;
        IsShipped?: boolean;
      }>;
    } | null;
  }>;
}

/** A `GET sale/order` response. */
export interface DearSaleOrderRecord {
  SaleID?: string;
  SaleOrderNumber?: string | null;
  Status?: string;
  Lines?: unknown[];
}

/** The Cin7 Core calls the order jobs make; `DearClient` provides them. */
export type OrdersDearPort = Pick<
  DearPort,
  | 'me'
  | 'taxRules'
  | 'locations'
  | 'priceTiers'
  | 'createSale'
  | 'createSaleOrder'
  | 'getSale'
  | 'getSaleOrder'
  | 'saleList'
  | 'findSalesByExternalId'
  | 'stats'
>;

/** The Upstock calls the order jobs make; `UpstockClient` provides them. */
export type OrdersUpstockPort = Pick<
  UpstockPort,
  | 'listApprovedOrders'
  | 'getOrder'
  | 'claimOrder'
  | 'renewClaim'
  | 'releaseClaim'
  | 'setIntegrationState'
  | 'markShipped'
>;

import type { DearRawRecord, SaleListFilters, WriteOptions } from '../dear/client.js';
import type { DearMe } from '../dear/records.js';
import type { DearPage } from '../dear/paging.js';
import type { OrderListOptions } from '../upstock/client.js';
import type {
  WireAccount,
  WireBatchResponse,
  WireClaim,
  WireCustomer,
  WireCustomerInput,
  WireIntegration,
  WireIntegrationRequest,
  WireOrder,
  WirePage,
  WirePriceListInput,
  WirePriceListSummary,
  WireProduct,
  WireProductInput,
  WirePutPriceListResponse,
  WireShipmentRequest,
  WireShipmentResponse,
} from '../upstock/wire.js';

/** Filters of a Cin7 Core product or customer list. */
export interface DearListOptions {
  modifiedSince?: Date;
  includeDeprecated?: boolean;
  signal?: AbortSignal;
}

/**
 * The part of the Cin7 Core client the jobs use; `DearClient` satisfies it. Reference lists
 * come back raw, so they are cached as fetched and parsed record by record. The sale calls
 * serve the orders and shipments jobs.
 */
export interface DearPort {
  me(signal?: AbortSignal): Promise<DearMe>;
  listProducts(
    options: DearListOptions & { includeAttachments?: boolean },
  ): AsyncIterable<DearPage>;
  listCustomers(
    options: DearListOptions & { includeProductPrices?: boolean },
  ): AsyncIterable<DearPage>;
  priceTiers(signal?: AbortSignal): Promise<unknown[]>;
  taxRules(signal?: AbortSignal): Promise<unknown[]>;
  locations(signal?: AbortSignal): Promise<unknown[]>;
  discountRules(signal?: AbortSignal): Promise<unknown[]>;
  carriers(signal?: AbortSignal): Promise<unknown[]>;
  companyContacts(signal?: AbortSignal): Promise<unknown[]>;
  deals(signal?: AbortSignal): Promise<unknown[]>;

  /** `POST sale`; see `DearClient.createSale` for when a retry may duplicate the sale. */
  createSale(body: object, options?: WriteOptions): Promise<DearRawRecord>;
  /** `POST sale/order`; replaces the lines of a draft sale order. */
  createSaleOrder(body: object, options?: WriteOptions): Promise<DearRawRecord>;
  /** `GET sale` with fulfilments. */
  getSale(id: string, signal?: AbortSignal): Promise<DearRawRecord>;
  /** `GET sale/order`. */
  getSaleOrder(saleId: string, signal?: AbortSignal): Promise<DearRawRecord>;
  /** Pages of `saleList` rows matching `filters`. */
  saleList(
    filters?: SaleListFilters,
    options?: { pageSize?: number; signal?: AbortSignal },
  ): AsyncIterable<DearPage>;
  /** The `saleList` rows whose `ExternalID` equals `externalId` exactly. */
  findSalesByExternalId(externalId: string, signal?: AbortSignal): Promise<DearRawRecord[]>;
  readonly stats: { calls: number };
}

/**
 * The part of the Upstock client the jobs use; `UpstockClient` satisfies it. The order calls
 * serve the orders and shipments jobs.
 */
export interface UpstockPort {
  /**
   * The API base URL. `UpstockClient` does not expose it yet, so jobs fall back to the
   * settings' URL when it is missing.
   */
  readonly baseUrl?: string;
  /** `GET account`: the supplier account the token belongs to. */
  account(): Promise<WireAccount>;
  upsertProducts(batch: WireProductInput[]): Promise<WireBatchResponse>;
  upsertCustomers(batch: WireCustomerInput[]): Promise<WireBatchResponse>;
  putPriceList(key: string, list: WirePriceListInput): Promise<WirePutPriceListResponse>;
  /** Every product Upstock holds, one page at a time. */
  listProducts(options?: { limit?: number }): AsyncIterable<WirePage<WireProduct>>;
  /** Every customer Upstock holds, one page at a time. */
  listCustomers(options?: { limit?: number }): AsyncIterable<WirePage<WireCustomer>>;
  listPriceLists(): Promise<WirePriceListSummary[]>;
  /** Returns false when the list did not exist. */
  deletePriceList(key: string): Promise<boolean>;

  /** One page of approved orders, oldest update first. */
  listApprovedOrders(options?: Omit<OrderListOptions, 'status'>): Promise<WirePage<WireOrder>>;
  getOrder(orderId: string): Promise<WireOrder>;
  claimOrder(orderId: string, agentId: string, leaseSeconds?: number): Promise<WireClaim>;
  renewClaim(orderId: string, claimToken: string, leaseSeconds?: number): Promise<WireClaim>;
  releaseClaim(orderId: string, claimToken: string): Promise<void>;
  setIntegrationState(orderId: string, request: WireIntegrationRequest): Promise<WireIntegration>;
  markShipped(orderId: string, shipment: WireShipmentRequest): Promise<WireShipmentResponse>;
  readonly stats?: { calls: number };
}

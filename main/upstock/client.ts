import { getLogger } from '../log/logger.js';
import {
  accountSchema,
  claimSchema,
  customerSchema,
  integrationSchema,
  orderSchema,
  pageSchema,
  priceListSchema,
  priceListSummarySchema,
  productSchema,
  putPriceListResponseSchema,
  shipmentResponseSchema,
} from './schemas.js';
import { readPages, upsertInBatches } from './batches.js';
import { UpstockTransport, type TransportOptions, type UpstockStats } from './transport.js';
import {
  MAX_PAGE_SIZE,
  type OrderStatus,
  type WireAccount,
  type WireBatchResponse,
  type WireClaim,
  type WireCustomer,
  type WireCustomerInput,
  type WireIntegration,
  type WireIntegrationRequest,
  type WireOrder,
  type WirePage,
  type WirePriceList,
  type WirePriceListInput,
  type WirePriceListSummary,
  type WireProduct,
  type WireProductInput,
  type WirePutPriceListResponse,
  type WireShipmentRequest,
  type WireShipmentResponse,
} from './wire.js';

const log = getLogger('upstock');

/** Most pages one `listPriceLists` call reads: 200 pages of 500 lists. */
const MAX_PRICE_LIST_PAGES = 200;

export type UpstockClientOptions = TransportOptions;

/** Filters of `listOrders`. `updatedSince` is inclusive. */
export interface OrderListOptions {
  status?: OrderStatus | OrderStatus[];
  updatedSince?: string;
  cursor?: string;
  limit?: number;
}

/**
 * Client of the Upstock agent API (`docs/upstock-agent-api.yaml`). Methods return the wire
 * shapes, with money as decimal strings. Errors are typed (see `errors.ts`); 429, 5xx and
 * connection resets are retried a bounded number of times.
 */
export class UpstockClient {
  private readonly transport: UpstockTransport;

  /** The API base URL this client talks to, as given to the constructor. */
  readonly baseUrl: string;

  constructor(options: UpstockClientOptions) {
    this.transport = new UpstockTransport(options);
    this.baseUrl = options.baseUrl;
  }

  /** Call counters: attempts (`calls`), retries and 429 responses. */
  get stats(): UpstockStats {
    return this.transport.stats;
  }

  /** Returns the supplier account the token belongs to; throws `UpstockAuthError` on 401. */
  async account(): Promise<WireAccount> {
    return this.transport.requestBody({
      method: 'GET',
      path: 'account',
      schema: accountSchema,
      operation: 'Read the Upstock account',
    });
  }

  /**
   * Upserts products, 500 per request. Returns one result per record with `index` counted over
   * the whole array, so a rejected record does not stop the others.
   */
  async upsertProducts(products: WireProductInput[]): Promise<WireBatchResponse> {
    return upsertInBatches(this.transport, 'products', products);
  }

  /** Upserts customers, 500 per request; results as for `upsertProducts`. */
  async upsertCustomers(customers: WireCustomerInput[]): Promise<WireBatchResponse> {
    return upsertInBatches(this.transport, 'customers', customers);
  }

  /** Returns the products one page at a time, oldest first. */
  listProducts(options: { limit?: number } = {}): AsyncIterable<WirePage<WireProduct>> {
    return readPages(
      this.transport,
      'products',
      productSchema,
      options.limit,
      'List Upstock products',
    );
  }

  /** Returns the customers one page at a time, oldest first. */
  listCustomers(options: { limit?: number } = {}): AsyncIterable<WirePage<WireCustomer>> {
    return readPages(
      this.transport,
      'customers',
      customerSchema,
      options.limit,
      'List Upstock customers',
    );
  }

  /**
   * Creates a price list or replaces its name and every price. Throws `UpstockApiError` with
   * status 422 listing each rejected price (unknown product, price not like "12.5000").
   */
  async putPriceList(key: string, list: WirePriceListInput): Promise<WirePutPriceListResponse> {
    return this.transport.requestBody({
      method: 'PUT',
      path: `price-lists/${encodeURIComponent(key)}`,
      data: list,
      schema: putPriceListResponseSchema,
      operation: `Put price list ${key}`,
    });
  }

  /** Returns one price list with its prices, or null when it does not exist. */
  async getPriceList(key: string): Promise<WirePriceList | null> {
    const { body } = await this.transport.request({
      method: 'GET',
      path: `price-lists/${encodeURIComponent(key)}`,
      schema: priceListSchema,
      operation: `Read price list ${key}`,
      tolerate: [404],
    });
    return body;
  }

  /** Returns every price list's summary (no prices), reading all pages. */
  async listPriceLists(options: { limit?: number } = {}): Promise<WirePriceListSummary[]> {
    const all: WirePriceListSummary[] = [];
    let pages = 0;
    const limit = options.limit ?? MAX_PAGE_SIZE;
    const operation = 'List price lists';
    for await (const page of readPages(
      this.transport,
      'price-lists',
      priceListSummarySchema,
      limit,
      operation,
    )) {
      all.push(...page.items);
      pages += 1;
      if (pages >= MAX_PRICE_LIST_PAGES && page.nextCursor !== null) {
        log.warn(`Stopped listing price lists after ${pages} pages (${all.length} lists)`);
        break;
      }
    }
    return all;
  }

  /**
   * Deletes a price list. Returns false when it did not exist. Throws `UpstockConflictError`
   * while customers are assigned to it; its `fieldErrors` name them.
   */
  async deletePriceList(key: string): Promise<boolean> {
    const { status } = await this.transport.request({
      method: 'DELETE',
      path: `price-lists/${encodeURIComponent(key)}`,
      operation: `Delete price list ${key}`,
      tolerate: [404],
    });
    return status !== 404;
  }

  /** Returns one page of orders changed since `updatedSince`, oldest change first. */
  async listOrders(options: OrderListOptions = {}): Promise<WirePage<WireOrder>> {
    const status = Array.isArray(options.status) ? options.status.join(',') : options.status;
    return this.transport.requestBody({
      method: 'GET',
      path: 'orders',
      params: {
        status,
        updatedSince: options.updatedSince,
        cursor: options.cursor,
        limit: options.limit,
      },
      schema: pageSchema(orderSchema),
      operation: 'List Upstock orders',
    });
  }

  /** Returns one page of approved orders changed since `updatedSince` (inclusive). */
  async listApprovedOrders(
    options: Omit<OrderListOptions, 'status'> = {},
  ): Promise<WirePage<WireOrder>> {
    return this.listOrders({ ...options, status: 'approved' });
  }

  /** Returns one order; throws `UpstockApiError` with status 404 when it does not exist. */
  async getOrder(orderId: string): Promise<WireOrder> {
    return this.transport.requestBody({
      method: 'GET',
      path: `orders/${encodeURIComponent(orderId)}`,
      schema: orderSchema,
      operation: `Read order ${orderId}`,
    });
  }

  /**
   * Claims an approved order for this agent. Throws `UpstockConflictError` when another agent
   * has an unexpired claim (`problemType` "claim-conflict") or the order is not approved
   * ("order-not-claimable").
   */
  async claimOrder(orderId: string, agentId: string, leaseSeconds = 300): Promise<WireClaim> {
    return this.transport.requestBody({
      method: 'POST',
      path: `orders/${encodeURIComponent(orderId)}/claim`,
      data: { agentId, leaseSeconds },
      schema: claimSchema,
      operation: `Claim order ${orderId}`,
    });
  }

  /** Extends a claim's lease; throws `UpstockConflictError` when the token is no longer current. */
  async renewClaim(orderId: string, claimToken: string, leaseSeconds = 300): Promise<WireClaim> {
    return this.transport.requestBody({
      method: 'POST',
      path: `orders/${encodeURIComponent(orderId)}/claim/renew`,
      data: { claimToken, leaseSeconds },
      schema: claimSchema,
      operation: `Renew the claim on order ${orderId}`,
    });
  }

  /**
   * Releases a claim. Releasing it twice is fine. Throws `UpstockConflictError` when another
   * agent has the claim.
   */
  async releaseClaim(orderId: string, claimToken: string): Promise<void> {
    await this.transport.request({
      method: 'DELETE',
      path: `orders/${encodeURIComponent(orderId)}/claim`,
      params: { claimToken },
      operation: `Release the claim on order ${orderId}`,
    });
  }

  /**
   * Records whether the order reached Cin7 Core. Throws `UpstockConflictError` when another
   * agent has the claim or the order was pushed to another sale, and `UpstockApiError` 422
   * when `saleId` (for pushed) or `reason` (for needs_attention) is missing.
   */
  async setIntegrationState(
    orderId: string,
    request: WireIntegrationRequest,
  ): Promise<WireIntegration> {
    return this.transport.requestBody({
      method: 'PUT',
      path: `orders/${encodeURIComponent(orderId)}/integration`,
      data: request,
      schema: integrationSchema,
      operation: `Set the integration state of order ${orderId} to ${request.state}`,
    });
  }

  /**
   * Records a shipment and marks the order shipped (unless `partial`). Sending the same shipment
   * again returns `unchanged`. Throws `UpstockConflictError` unless the order is approved or
   * shipped.
   */
  async markShipped(orderId: string, shipment: WireShipmentRequest): Promise<WireShipmentResponse> {
    return this.transport.requestBody({
      method: 'POST',
      path: `orders/${encodeURIComponent(orderId)}/shipment`,
      data: shipment,
      schema: shipmentResponseSchema,
      operation: `Record a shipment on order ${orderId}`,
    });
  }
}

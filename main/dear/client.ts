import { formatDearDateTime } from './dates.js';
import { DearApiError } from './errors.js';
import { getSharedLimiter, type RateLimiter, type RateLimiterOptions } from './limiter.js';
import { collectRecords, MAX_PAGE_SIZE, paginate, readList, type DearPage } from './paging.js';
import { parseMe } from './parse-reference.js';
import type { DearMe } from './records.js';
import { saleListParams, type SaleListFilters } from './sale-filters.js';
import {
  DearTransport,
  type DearParams,
  type DearRetryEvent,
  type DearStats,
} from './transport.js';

export type { DearPage } from './paging.js';
export type { SaleListFilters } from './sale-filters.js';
export type { DearRetryEvent, DearStats } from './transport.js';

export interface DearClientOptions {
  /** API root, such as `https://inventory.dearsystems.com/ExternalApi/v2/`. */
  baseUrl: string;
  accountId: string;
  applicationKey: string;
  /** Defaults to the shared limiter of this key (`getSharedLimiter`). */
  limiter?: RateLimiter;
  /** Budget for the shared limiter when `limiter` is omitted; 55 calls per 60 s by default. */
  limiterOptions?: RateLimiterOptions;
  /** Per-attempt timeout in milliseconds; 30,000 by default. */
  timeoutMs?: number;
  /** Retries after the first attempt; 3 by default. */
  maxRetries?: number;
  /** Upper bound on a `Retry-After` wait in milliseconds; 120,000 by default. */
  maxRetryAfterMs?: number;
  /** Default page size for lists, 1 to 1000; 1000 by default. */
  pageSize?: number;
  onRetry?: (event: DearRetryEvent) => void;
}

/** Options shared by the paged list calls. */
export interface ListOptions {
  modifiedSince?: Date;
  includeDeprecated?: boolean;
  pageSize?: number;
  signal?: AbortSignal;
}

/** Options of a write: `retryUnsafe` repeats it after a lost response (see `DearRequest`). */
export interface WriteOptions {
  retryUnsafe?: boolean;
  signal?: AbortSignal;
}

/** A raw Cin7 Core object (sale, sale order, sale list row), fields as the API spells them. */
export type DearRawRecord = Record<string, unknown>;

/**
 * The Cin7 Core API client used by every job. Every call goes through the key's shared rate
 * limiter and the retry rules of `DearTransport`. Lists are async iterables of raw pages, so a
 * caller can parse and report each record on its own.
 */
export class DearClient {
  private readonly transport: DearTransport;
  private readonly pageSize: number;

  constructor(options: DearClientOptions) {
    const limiter =
      options.limiter ??
      getSharedLimiter(options.accountId, options.applicationKey, options.limiterOptions);
    this.transport = new DearTransport({ ...options, limiter });
    this.pageSize = options.pageSize ?? MAX_PAGE_SIZE;
  }

  /** Live counters of calls (attempts), retries and throttle responses. */
  get stats(): DearStats {
    return this.transport.stats;
  }

  /**
   * Reads the company settings with `GET me`; connecting uses it to check the credentials.
   * Throws DearCredentialsError for a rejected key, DearApiError when the record is unusable.
   */
  async me(signal?: AbortSignal): Promise<DearMe> {
    const body = await this.get('me', {}, signal);
    const parsed = parseMe(body);
    if (!parsed.ok) {
      throw new DearApiError('GET me', {
        status: 200,
        errorCode: null,
        exception: `the company record is unusable: ${parsed.reason}`,
        maybeDelivered: false,
      });
    }
    return parsed.value;
  }

  /**
   * Pages through products (`Products`). Deprecated ones come only with `includeDeprecated`.
   * Pages with attachments use the client's page size too (1000 by default): a smaller page
   * would multiply the calls, which the rate limit makes the scarce resource.
   */
  listProducts(
    options: ListOptions & { includeAttachments?: boolean } = {},
  ): AsyncIterable<DearPage> {
    return this.list('product', 'Products', options.pageSize ?? this.pageSize, options.signal, {
      IncludeDeprecated: options.includeDeprecated,
      ModifiedSince: options.modifiedSince && formatDearDateTime(options.modifiedSince),
      IncludeAttachments: options.includeAttachments,
    });
  }

  /** Pages through customers (`CustomerList`), with `ProductPrices` on request. */
  listCustomers(
    options: ListOptions & { includeProductPrices?: boolean } = {},
  ): AsyncIterable<DearPage> {
    return this.list(
      'customer',
      'CustomerList',
      options.pageSize ?? this.pageSize,
      options.signal,
      {
        IncludeProductPrices: options.includeProductPrices,
        IncludeDeprecated: options.includeDeprecated,
        ModifiedSince: options.modifiedSince && formatDearDateTime(options.modifiedSince),
      },
    );
  }

  /** Returns the raw price tier list of `GET ref/priceTier` (not paged); see `parsePriceTiers`. */
  async priceTiers(signal?: AbortSignal): Promise<unknown[]> {
    return readList(await this.get('ref/priceTier', {}, signal), 'PriceTiers');
  }

  /** Returns every raw tax rule (`ref/tax`, all pages). */
  taxRules(signal?: AbortSignal): Promise<unknown[]> {
    return collectRecords(this.list('ref/tax', 'TaxRuleList', this.pageSize, signal));
  }

  /** Returns every raw location (`ref/location`, all pages). */
  locations(signal?: AbortSignal): Promise<unknown[]> {
    return collectRecords(this.list('ref/location', 'LocationList', this.pageSize, signal));
  }

  /** Returns every raw carrier (`ref/carrier`, all pages). */
  carriers(signal?: AbortSignal): Promise<unknown[]> {
    return collectRecords(this.list('ref/carrier', 'CarrierList', this.pageSize, signal));
  }

  /** Returns every raw product discount rule (`reference/discount`, all pages). */
  discountRules(signal?: AbortSignal): Promise<unknown[]> {
    return collectRecords(this.list('reference/discount', 'DiscountRules', this.pageSize, signal));
  }

  /**
   * Returns every raw deal (`reference/deals`, all pages; see `parseDeal`). Cin7 Core may leave
   * `Total` out of this response, so the walk also stops on the first short page.
   */
  deals(signal?: AbortSignal): Promise<unknown[]> {
    return collectRecords(this.list('reference/deals', 'Deals', this.pageSize, signal));
  }

  /** Returns every raw company contact (`me/contacts`, all pages); reps are among them. */
  companyContacts(signal?: AbortSignal): Promise<unknown[]> {
    return collectRecords(this.list('me/contacts', 'MeContactsList', this.pageSize, signal));
  }

  /**
   * Creates a sale header with `POST sale` and returns the saved sale (read its `ID`).
   *
   * Not repeated after a timeout or lost response unless `retryUnsafe` is set: on
   * DearNetworkError or DearApiError with `maybeDelivered`, search `findSalesByExternalId`
   * before posting again, or Cin7 Core may end up with two sales.
   */
  async createSale(body: object, options: WriteOptions = {}): Promise<DearRawRecord> {
    return this.write('POST', 'sale', body, options);
  }

  /**
   * Posts the lines, charges and status of a sale with `POST sale/order`; it replaces any
   * earlier lines. Returns the saved sale order. Same retry rule as `createSale`: re-posting is
   * safe while the order is a draft, but fails once it is authorised.
   */
  async createSaleOrder(body: object, options: WriteOptions = {}): Promise<DearRawRecord> {
    return this.write('POST', 'sale/order', body, options);
  }

  /** Reads one sale with its fulfilments (`GET sale`, inventory movements left out). */
  async getSale(id: string, signal?: AbortSignal): Promise<DearRawRecord> {
    return asRecord(
      await this.get('sale', { ID: id, HideInventoryMovements: true }, signal),
      'GET sale',
    );
  }

  /** Reads the order part of a sale (`GET sale/order`). */
  async getSaleOrder(saleId: string, signal?: AbortSignal): Promise<DearRawRecord> {
    return asRecord(await this.get('sale/order', { SaleID: saleId }, signal), 'GET sale/order');
  }

  /** Pages through `saleList` rows (`SaleList`) matching `filters`. */
  saleList(
    filters: SaleListFilters = {},
    options: { pageSize?: number; signal?: AbortSignal } = {},
  ): AsyncIterable<DearPage> {
    return this.list(
      'saleList',
      'SaleList',
      options.pageSize ?? this.pageSize,
      options.signal,
      saleListParams(filters),
    );
  }

  /** Returns every `saleList` row matching `filters`, across all pages. */
  async saleListAll(
    filters: SaleListFilters = {},
    options: { pageSize?: number; signal?: AbortSignal } = {},
  ): Promise<DearRawRecord[]> {
    const rows = await collectRecords(this.saleList(filters, options));
    return rows.map((row) => asRecord(row, 'GET saleList'));
  }

  /**
   * Returns the `saleList` rows whose `ExternalID` equals `externalId` exactly (the server
   * filter is not documented as exact). An empty list means no such sale was created.
   */
  async findSalesByExternalId(externalId: string, signal?: AbortSignal): Promise<DearRawRecord[]> {
    const rows = await this.saleListAll({ externalId }, { signal });
    return rows.filter((row) => row.ExternalID === externalId);
  }

  /**
   * Voids a sale (`DELETE sale` with `Void=true`; without it Cin7 Core would undo instead).
   * Returns the response body, which Cin7 Core documents loosely.
   */
  async voidSale(id: string, options: WriteOptions = {}): Promise<unknown> {
    return this.transport.send({
      method: 'DELETE',
      path: 'sale',
      params: { ID: id, Void: true },
      retryUnsafe: options.retryUnsafe,
      signal: options.signal,
    });
  }

  private get(path: string, params: DearParams, signal?: AbortSignal): Promise<unknown> {
    return this.transport.send({ method: 'GET', path, params, signal });
  }

  private async write(
    method: 'POST' | 'PUT',
    path: string,
    body: object,
    options: WriteOptions,
  ): Promise<DearRawRecord> {
    const response = await this.transport.send({
      method,
      path,
      body,
      retryUnsafe: options.retryUnsafe,
      signal: options.signal,
    });
    return asRecord(response, `${method} ${path}`, true);
  }

  private list(
    path: string,
    listKey: string,
    pageSize: number,
    signal?: AbortSignal,
    filters: DearParams = {},
  ): AsyncIterable<DearPage> {
    return paginate((params) => this.get(path, params, signal), listKey, pageSize, filters);
  }
}

/** Throws DearApiError (status 200) when a successful response is not a JSON object. */
function asRecord(body: unknown, request: string, isWrite = false): DearRawRecord {
  if (typeof body === 'object' && body !== null && !Array.isArray(body))
    return body as DearRawRecord;
  throw new DearApiError(request, {
    status: 200,
    errorCode: null,
    exception: `expected a JSON object but received ${JSON.stringify(body).slice(0, 200)}`,
    maybeDelivered: isWrite,
  });
}

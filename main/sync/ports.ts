import type { DearMe } from '../dear/records.js';
import type { DearPage } from '../dear/paging.js';
import type {
  WireBatchResponse,
  WireCustomerInput,
  WirePriceListInput,
  WirePriceListSummary,
  WireProductInput,
  WirePutPriceListResponse,
} from '../upstock/wire.js';

/** Filters of a Cin7 Core product or customer list. */
export interface DearListOptions {
  modifiedSince?: Date;
  includeDeprecated?: boolean;
  signal?: AbortSignal;
}

/**
 * The part of the Cin7 Core client the import jobs use; `DearClient` satisfies it. Reference
 * lists come back raw, so they are cached as fetched and parsed record by record.
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
  readonly stats: { calls: number };
}

/** The part of the Upstock client the import jobs use. */
export interface UpstockPort {
  upsertProducts(batch: WireProductInput[]): Promise<WireBatchResponse>;
  upsertCustomers(batch: WireCustomerInput[]): Promise<WireBatchResponse>;
  putPriceList(key: string, list: WirePriceListInput): Promise<WirePutPriceListResponse>;
  listPriceLists(): Promise<WirePriceListSummary[]>;
  /** Returns false when the list did not exist. */
  deletePriceList(key: string): Promise<boolean>;
  readonly stats?: { calls: number };
}

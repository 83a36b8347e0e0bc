/**
 * The merchant's non-secret settings. Secrets (the Cin7 Core Application Key and the Upstock
 * token) never appear here: they live in the OS keychain.
 */
export interface Settings {
  dear: {
    baseUrl: string;
    accountId: string | null;
    /** Calls allowed per rate window; Cin7 Core allows 60 a minute, so keep headroom. */
    callsPerWindow: number;
    /** Length of the rate window in milliseconds (60,000 against the real service). */
    rateWindowMs: number;
  };
  upstock: {
    baseUrl: string;
  };
  /** Cron expressions (5 or 6 fields) per job. */
  schedules: {
    catalog: string;
    prices: string;
    reference: string;
    orders: string;
    shipments: string;
    fullResync: string;
  };
  orders: {
    /** DRAFT makes the sale show as "Ordering" in Cin7 Core, AUTHORISED as "Ordered". */
    saleStatus: 'DRAFT' | 'AUTHORISED';
    /** Name of the Cin7 Core service product that carries freight. */
    freightProduct: string;
    /** Tax rule name for sales; null picks the active 15% sale rule. */
    taxRule: string | null;
    /** Location name to pick from; null uses the customer's location, else the first one. */
    location: string | null;
    /** Sales representative used when the customer has none. */
    fallbackSalesRep: string;
  };
  sync: {
    /** Minutes subtracted from each ModifiedSince cursor to absorb clock skew. */
    overlapMinutes: number;
  };
  app: {
    startAtLogin: boolean;
    updateChannel: 'latest' | 'beta';
  };
}

export const DEFAULT_SETTINGS: Settings = {
  dear: {
    baseUrl: 'https://inventory.dearsystems.com/ExternalApi/v2/',
    accountId: null,
    callsPerWindow: 55,
    rateWindowMs: 60_000,
  },
  upstock: {
    baseUrl: 'https://api.upstock.app/agent/v1/',
  },
  schedules: {
    catalog: '*/15 * * * *',
    prices: '*/15 * * * *',
    reference: '0 */6 * * *',
    orders: '*/1 * * * *',
    shipments: '*/1 * * * *',
    fullResync: '30 2 * * 0',
  },
  orders: {
    saleStatus: 'DRAFT',
    freightProduct: 'Freight',
    taxRule: null,
    location: null,
    fallbackSalesRep: 'API Sales',
  },
  sync: {
    overlapMinutes: 10,
  },
  app: {
    startAtLogin: true,
    updateChannel: 'latest',
  },
};

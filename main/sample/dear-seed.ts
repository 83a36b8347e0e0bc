import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/**
 * A Cin7 Core tenant as the simulator serves it. Every record is stored exactly as the API
 * returns it (PascalCase fields, JSON numbers for money), so a seed file can be written by
 * hand or captured from real responses.
 *
 * Customer-specific prices live on the customer side only (`DearCustomerRecord.ProductPrices`);
 * the simulator derives the product-side `CustomPrices` from them.
 */
export interface DearSeed {
  me: DearMeRecord;
  products: DearProductRecord[];
  customers: DearCustomerRecord[];
  priceTiers: DearPriceTierRecord[];
  taxRules: DearTaxRuleRecord[];
  locations: DearLocationRecord[];
  discountRules: DearDiscountRuleRecord[];
  carriers?: DearCarrierRecord[];
  companyContacts?: DearCompanyContactRecord[];
  /** Deals (`reference/deals`); optional so seed files written before deals still load. */
  deals?: DearDealRecord[];
  /** Stock on hand per product, keyed by product ID or SKU. A missing product has none. */
  stock?: Record<string, number>;
}

/** Any further field the real API returns is allowed and served unchanged. */
interface OpenRecord {
  [field: string]: unknown;
}

export interface DearMeRecord extends OpenRecord {
  Company: string;
  Currency: string;
  TimeZone: string;
  TaxCalculationMethod: 'Row Total' | 'Total' | string;
  DefaultSaleTaxRuleName?: string | null;
}

export interface DearAttachmentRecord extends OpenRecord {
  ID: string;
  ContentType: string;
  FileName: string;
  DownloadUrl: string;
}

export interface DearProductRecord extends OpenRecord {
  ID: string;
  SKU: string;
  Name: string;
  Type: 'Stock' | 'Service' | string;
  Status: 'Active' | 'Deprecated' | 'Setup required' | string;
  Sellable?: boolean;
  PriceTiers?: Record<string, number>;
  LastModifiedOn: string;
  Attachments?: DearAttachmentRecord[];
}

export interface DearCustomerPriceRecord extends OpenRecord {
  ProductID: string;
  ProductName?: string;
  ProductSKU?: string;
  Price: number;
}

export interface DearAddressRecord extends OpenRecord {
  ID: string;
  Line1: string;
  Line2?: string | null;
  City?: string | null;
  State?: string | null;
  Postcode?: string | null;
  Country: string;
  Type: 'Billing' | 'Business' | 'Shipping' | string;
  DefaultForType: boolean;
}

export interface DearCustomerContactRecord extends OpenRecord {
  ID: string;
  Name: string;
}

export interface DearCustomerRecord extends OpenRecord {
  ID: string;
  Name: string;
  Status: 'Active' | 'Deprecated' | string;
  Currency: string;
  TaxRule?: string | null;
  PriceTier?: string | null;
  LastModifiedOn: string;
  Addresses: DearAddressRecord[];
  Contacts: DearCustomerContactRecord[];
  ProductPrices?: DearCustomerPriceRecord[];
}

export interface DearPriceTierRecord {
  Code: number;
  Name: string;
}

export interface DearTaxRuleRecord extends OpenRecord {
  ID: string;
  Name: string;
  IsActive: boolean;
  TaxInclusive: boolean;
  TaxPercent: number;
  IsTaxForSale: boolean;
  IsTaxForPurchase: boolean;
}

export interface DearLocationRecord extends OpenRecord {
  ID: string;
  Name: string;
  IsDefault?: boolean;
}

export interface DearCarrierRecord extends OpenRecord {
  CarrierID: string;
  Description: string;
}

export interface DearDiscountRuleRecord extends OpenRecord {
  ID: string;
  Name: string;
  IsActive: boolean;
  Type: 'Simple' | 'QuantityBased' | 'FreeShipping' | string;
  DiscountLines: OpenRecord[];
}

export interface DearCompanyContactRecord extends OpenRecord {
  ContactID: string;
  Name: string;
  Type: 'Billing' | 'Business' | 'Sale' | 'Shipping' | 'Employee' | string;
}

export interface DearDealRecord extends OpenRecord {
  ID: string;
  Name: string;
  DateFrom?: string | null;
  DateTo?: string | null;
  IsActive: boolean;
  AllowCoupons?: boolean;
  CustomersGroup: 'All' | 'B2B' | 'POS' | 'Specified' | 'CustomerTags' | string;
  DealCustomers?: OpenRecord[];
  DealCustomerTags?: OpenRecord[];
  DealDiscounts?: OpenRecord[];
}

const record = (fields: z.ZodRawShape) => z.looseObject(fields);
const guid = z.string().min(1);

/** Top-level shape of a seed file; inner fields beyond the keys the simulator uses pass through. */
const seedSchema = z.object({
  me: record({
    Company: z.string(),
    Currency: z.string(),
    TimeZone: z.string(),
    TaxCalculationMethod: z.string(),
  }),
  products: z.array(
    record({
      ID: guid,
      SKU: z.string(),
      Name: z.string(),
      Type: z.string(),
      Status: z.string(),
      LastModifiedOn: z.string(),
    }),
  ),
  customers: z.array(
    record({
      ID: guid,
      Name: z.string(),
      Status: z.string(),
      Currency: z.string(),
      LastModifiedOn: z.string(),
      Addresses: z.array(record({ ID: guid, Line1: z.string(), Country: z.string() })),
      Contacts: z.array(record({ ID: guid, Name: z.string() })),
      ProductPrices: z.array(record({ ProductID: guid, Price: z.number() })).optional(),
    }),
  ),
  priceTiers: z.array(z.object({ Code: z.number().int().min(1).max(10), Name: z.string() })),
  taxRules: z.array(
    record({
      ID: guid,
      Name: z.string(),
      IsActive: z.boolean(),
      TaxInclusive: z.boolean(),
      TaxPercent: z.number(),
    }),
  ),
  locations: z.array(record({ ID: guid, Name: z.string() })),
  discountRules: z.array(
    record({
      ID: guid,
      Name: z.string(),
      IsActive: z.boolean(),
      Type: z.string(),
      DiscountLines: z.array(record({})),
    }),
  ),
  carriers: z.array(record({ CarrierID: guid, Description: z.string() })).optional(),
  companyContacts: z
    .array(record({ ContactID: guid, Name: z.string(), Type: z.string() }))
    .optional(),
  deals: z
    .array(
      record({
        ID: guid,
        Name: z.string(),
        IsActive: z.boolean(),
        CustomersGroup: z.string(),
        DealDiscounts: z.array(record({})).optional(),
      }),
    )
    .optional(),
  stock: z.record(z.string(), z.number()).optional(),
});

/**
 * Validates parsed JSON as a seed and returns it typed. Throws an Error naming the first
 * invalid path, e.g. `products.3.SKU: expected string`.
 */
export function parseSeed(value: unknown, source = 'seed'): DearSeed {
  const result = seedSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue?.path.join('.') || '(top level)';
    throw new Error(`Invalid Cin7 Core seed in ${source}: ${path}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data as unknown as DearSeed;
}

/** Reads and validates a seed JSON file. Throws if the file is missing, not JSON or invalid. */
export async function loadSeedFile(path: string): Promise<DearSeed> {
  const text = await readFile(path, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`Seed file ${path} is not valid JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return parseSeed(parsed, path);
}

import type { DearSimulator } from '../../../main/simulators/dear/server.js';
import { sampleSeed } from '../../../main/sample/sample-merchant.js';
import { callApi, type ApiAnswer } from './sim-client.js';

export const seed = sampleSeed();

/** Finds a sample record or fails the test setup. */
export function productBySku(sku: string) {
  const product = seed.products.find((candidate) => candidate.SKU === sku);
  if (!product) throw new Error(`sample product ${sku} missing`);
  return product;
}

export function customerByName(name: string) {
  const customer = seed.customers.find((candidate) => candidate.Name === name);
  if (!customer) throw new Error(`sample customer ${name} missing`);
  return customer;
}

export type ErrorList = Array<{ ErrorCode: number; Exception: string }>;

export interface SaleBody {
  ID: string;
  Status: string;
  CombinedShippingStatus: string;
  CombinedTrackingNumbers: string;
  LastModifiedOn: string;
  Order: {
    SaleOrderNumber: string | null;
    Status: string;
    Lines: Array<{ SKU: string; BackorderQuantity: number }>;
  };
  Fulfilments: Array<{
    FulfillmentNumber: number;
    Ship: { Lines: Array<{ TrackingNumber: string; Carrier: string }> };
    Pick: { Lines: Array<{ SKU: string; Quantity: number }> };
  }>;
}

/** Posts a sale header for Corner Cafe Ltd with SkipQuote; `fields` override the defaults. */
export async function createSale(
  sim: DearSimulator,
  fields: Record<string, unknown> = {},
): Promise<SaleBody> {
  const answer = await callApi<SaleBody>(sim, 'POST', 'sale', {
    CustomerID: customerByName('Corner Cafe Ltd').ID,
    Location: 'Main Warehouse',
    SkipQuote: true,
    TaxRule: 'GST on Income',
    ...fields,
  });
  if (answer.status !== 200) throw new Error(`POST sale failed: ${answer.status} ${answer.text}`);
  return answer.body;
}

/** Builds one order line taxed with 'GST on Income'; the caller supplies Total and Tax. */
export function line(
  sku: string,
  quantity: number,
  price: number,
  discount: number,
  total: number,
  tax: number,
) {
  const product = productBySku(sku);
  return {
    ProductID: product.ID,
    SKU: sku,
    Name: product.Name,
    Quantity: quantity,
    Price: price,
    Discount: discount,
    Tax: tax,
    TaxRule: 'GST on Income',
    Total: total,
  };
}

export function postOrder(
  sim: DearSimulator,
  saleId: string,
  status: string,
  lines: unknown[],
  extra: Record<string, unknown> = {},
): Promise<ApiAnswer<Record<string, unknown> & ErrorList>> {
  return callApi(sim, 'POST', 'sale/order', {
    SaleID: saleId,
    Status: status,
    Memo: '',
    AutoPickPackShipMode: 'NOPICK',
    Lines: lines,
    ...extra,
  });
}

import { z } from 'zod';

import {
  MONEY_PATTERN,
  QUANTITY_PATTERN,
  type WireAccount,
  type WireBatchResponse,
  type WireClaim,
  type WireCustomer,
  type WireIntegration,
  type WireOrder,
  type WirePage,
  type WirePriceList,
  type WirePriceListSummary,
  type WireProblem,
  type WireProduct,
  type WirePutPriceListResponse,
  type WireShipmentResponse,
} from './wire.js';

/**
 * zod schemas of the API's responses. Unknown fields are dropped, so a newer server that adds
 * fields keeps working; a missing or mistyped field fails the call with `UpstockContractError`.
 */

const money = z.string().regex(MONEY_PATTERN, 'a decimal string with four decimal places');
const quantity = z.string().regex(QUANTITY_PATTERN, 'a decimal string');
const timestamp = z.string().min(1);
const nullableText = z.string().nullable();
const upsertResult = z.enum(['created', 'updated', 'unchanged']);
const orderStatus = z.enum(['scheduled', 'ordered', 'approved', 'shipped', 'cancelled']);

export const problemSchema: z.ZodType<WireProblem> = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  errors: z
    .array(z.object({ externalId: z.string().nullable(), field: z.string(), reason: z.string() }))
    .optional(),
});

export const accountSchema: z.ZodType<WireAccount> = z.object({
  supplierId: z.string(),
  name: z.string(),
  currency: z.string(),
  timeZone: z.string(),
});

export function pageSchema<T>(item: z.ZodType<T>): z.ZodType<WirePage<T>> {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const productSchema: z.ZodType<WireProduct> = z.object({
  id: z.string(),
  externalId: z.string(),
  code: z.string(),
  name: z.string(),
  description: nullableText,
  category: nullableText,
  brand: nullableText,
  unit: nullableText,
  barcode: nullableText,
  imageUrls: z.array(z.string()),
  notes: nullableText,
  availability: z.enum(['available', 'out_of_stock', 'discontinued']),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const customerSchema: z.ZodType<WireCustomer> = z.object({
  id: z.string(),
  externalId: z.string(),
  name: z.string(),
  contacts: z.array(
    z.object({
      name: z.string(),
      email: nullableText.optional(),
      phone: nullableText.optional(),
      mobile: nullableText.optional(),
      jobTitle: nullableText.optional(),
      default: z.boolean().optional(),
    }),
  ),
  addresses: z.array(
    z.object({
      externalId: z.string(),
      type: z.enum(['billing', 'shipping', 'business']),
      default: z.boolean(),
      line1: z.string(),
      line2: nullableText.optional(),
      city: nullableText.optional(),
      state: nullableText.optional(),
      postcode: nullableText.optional(),
      country: z.string(),
    }),
  ),
  priceListKey: nullableText,
  salesRep: nullableText,
  taxRule: nullableText,
  paymentTerm: nullableText,
  currency: z.string(),
  active: z.boolean(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

const fieldError = z.object({ field: z.string(), reason: z.string() });

export const batchResponseSchema: z.ZodType<WireBatchResponse> = z.object({
  results: z.array(
    z.discriminatedUnion('result', [
      z.object({
        index: z.number().int(),
        externalId: z.string(),
        result: upsertResult,
        id: z.string(),
      }),
      z.object({
        index: z.number().int(),
        externalId: z.string().nullable(),
        result: z.literal('failed'),
        errors: z.array(fieldError),
      }),
    ]),
  ),
  counts: z.object({
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    failed: z.number().int(),
  }),
});

const priceListSummaryShape = {
  key: z.string(),
  name: z.string(),
  productCount: z.number().int(),
  customerCount: z.number().int(),
  updatedAt: timestamp,
};

export const priceListSummarySchema: z.ZodType<WirePriceListSummary> =
  z.object(priceListSummaryShape);

export const priceListSchema: z.ZodType<WirePriceList> = z.object({
  ...priceListSummaryShape,
  prices: z.array(z.object({ productExternalId: z.string(), price: money })),
});

export const putPriceListResponseSchema: z.ZodType<WirePutPriceListResponse> = z.object({
  ...priceListSummaryShape,
  result: upsertResult,
});

const orderAddress = z
  .object({
    externalId: nullableText,
    line1: z.string(),
    line2: nullableText,
    city: nullableText,
    state: nullableText,
    postcode: nullableText,
    country: z.string(),
  })
  .nullable();

export const integrationSchema: z.ZodType<WireIntegration> = z.object({
  state: z.enum(['pending', 'pushed', 'needs_attention']),
  saleId: nullableText,
  saleNumber: nullableText,
  reason: nullableText,
  updatedAt: timestamp.nullable(),
  claim: z.object({ agentId: z.string(), expiresAt: timestamp }).nullable(),
});

const shipmentSchema = z.object({
  id: z.string(),
  externalId: nullableText,
  shippedAt: timestamp,
  carrier: z.string(),
  trackingNumbers: z.array(z.string()),
  partial: z.boolean(),
  recordedAt: timestamp,
});

export const orderSchema: z.ZodType<WireOrder> = z.object({
  id: z.string(),
  number: z.string(),
  status: orderStatus,
  customer: z.object({ externalId: z.string(), name: z.string() }),
  lines: z.array(
    z.object({
      productExternalId: z.string(),
      code: z.string(),
      name: z.string(),
      quantity,
      unitPrice: money,
      discountPercent: quantity.nullable(),
      lineTotal: money,
    }),
  ),
  freight: money,
  comments: z.array(z.object({ author: z.string(), text: z.string(), createdAt: timestamp })),
  reference: nullableText,
  orderDate: z.string(),
  deliveryDate: nullableText,
  billingAddress: orderAddress,
  shippingAddress: orderAddress,
  currency: z.string(),
  totals: z.object({ lines: money, freight: money, total: money }),
  integration: integrationSchema,
  shipments: z.array(shipmentSchema),
  version: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
  approvedAt: timestamp.nullable(),
});

export const claimSchema: z.ZodType<WireClaim> = z.object({
  claimToken: z.string(),
  agentId: z.string(),
  expiresAt: timestamp,
});

export const shipmentResponseSchema: z.ZodType<WireShipmentResponse> = z.object({
  result: upsertResult,
  shipment: shipmentSchema,
  orderStatus,
});

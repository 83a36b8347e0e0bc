import { z } from 'zod';
import {
  flag,
  listOf,
  optionalDate,
  optionalText,
  parseRecord,
  requiredText,
} from './parse-fields.js';
import type { DearDeal, DearDealDiscount, DearDealScope, ParseResult } from './records.js';

/** Builds the schema of one scope list entry. Each list names its ID and name fields differently. */
function scopeSchema(kind: DearDealScope['kind'], idKey: string | null, nameKeys: string[]) {
  const shape: Record<string, z.ZodType> = { Type: optionalText() };
  if (idKey) shape[idKey] = optionalText();
  for (const key of nameKeys) shape[key] = optionalText();
  return z.looseObject(shape).transform((raw, ctx): DearDealScope => {
    const record = raw as Record<string, string | null>;
    const name = nameKeys.map((key) => record[key]).find((value) => value) ?? null;
    const id = idKey ? (record[idKey] ?? null) : null;
    if (name === null && id === null) {
      ctx.addIssue({
        code: 'custom',
        message: `has neither ${[idKey, ...nameKeys].filter(Boolean).join(' nor ')}. Correct the deal in Cin7 Core and sync again.`,
      });
      return z.NEVER;
    }
    return { kind, id, name: name ?? id ?? '', side: record.Type ?? null };
  });
}

const discountSchema = z
  .object({
    ID: optionalText(),
    DiscountName: optionalText(),
    DiscountType: requiredText(),
    IsOrderLevel: flag(false),
    DealDiscountBrands: listOf(scopeSchema('brand', 'BrandID', ['BrandName'])),
    DealDiscountCategories: listOf(scopeSchema('category', 'CategoryID', ['CategoryName'])),
    DealDiscountTags: listOf(scopeSchema('tag', null, ['TagName'])),
    DealDiscountProducts: listOf(
      scopeSchema('product', 'ProductID', ['ProductSKU', 'ProductName']),
    ),
  })
  .transform((raw): DearDealDiscount => ({
    id: raw.ID,
    name: raw.DiscountName,
    discountType: raw.DiscountType,
    isOrderLevel: raw.IsOrderLevel,
    scopes: [
      ...raw.DealDiscountBrands,
      ...raw.DealDiscountCategories,
      ...raw.DealDiscountTags,
      ...raw.DealDiscountProducts,
    ],
  }));

const dealCustomerSchema = z
  .object({ CustomerID: requiredText(), CustomerName: optionalText() })
  .transform((raw) => ({ customerId: raw.CustomerID, customerName: raw.CustomerName }));

const dealTagSchema = z.object({ TagName: optionalText() }).transform((raw) => raw.TagName);

const dealSchema = z
  .object({
    ID: requiredText(),
    Name: requiredText(),
    DateFrom: optionalDate(),
    DateTo: optionalDate(),
    IsActive: flag(true),
    AllowCoupons: flag(false),
    CustomersGroup: optionalText(),
    DealCustomers: listOf(dealCustomerSchema),
    DealCustomerTags: listOf(dealTagSchema),
    DealDiscounts: listOf(discountSchema),
  })
  .transform((raw): DearDeal => ({
    id: raw.ID,
    name: raw.Name,
    dateFrom: raw.DateFrom,
    dateTo: raw.DateTo,
    isActive: raw.IsActive,
    allowCoupons: raw.AllowCoupons,
    customersGroup: raw.CustomersGroup ?? 'All',
    customers: raw.DealCustomers,
    customerTags: raw.DealCustomerTags.filter((tag): tag is string => tag !== null),
    discounts: raw.DealDiscounts,
  }));

/**
 * Parses one element of `GET reference/deals` → `Deals`. A missing `CustomersGroup` reads as
 * `All` and a missing `IsActive` as true, so an incomplete deal is still reported rather than
 * hidden. Buy and Get values are not read: Cin7 Core does not document what they mean.
 * Fails on a deal without an ID or name, a date that does not parse, or a scope entry that
 * names nothing.
 */
export function parseDeal(raw: unknown): ParseResult<DearDeal> {
  return parseRecord(dealSchema, raw, { idKey: 'ID', labelKeys: ['Name'], kind: 'deal' });
}

import { Decimal } from 'decimal.js';
import { z } from 'zod';
import {
  flag,
  listOf,
  optionalDecimal,
  optionalText,
  parseRecord,
  requiredDate,
  requiredPrice,
  requiredText,
  tagList,
} from './parse-fields.js';
import type {
  DearAddress,
  DearContact,
  DearCustomer,
  DearCustomerPrice,
  ParseResult,
} from './records.js';

// Lengths below are Cin7 Core's documented maximums; Line1 and Country are required on write,
// so a stored address always has them, but a read keeps going with '' rather than dropping the
// whole customer.
const addressSchema = z
  .object({
    ID: optionalText(),
    Line1: optionalText(256),
    Line2: optionalText(256),
    City: optionalText(256),
    State: optionalText(256),
    Postcode: optionalText(20),
    Country: optionalText(256),
    Type: optionalText(),
    DefaultForType: flag(false),
  })
  .transform((raw): DearAddress => ({
    id: raw.ID,
    line1: raw.Line1 ?? '',
    line2: raw.Line2,
    city: raw.City,
    state: raw.State,
    postcode: raw.Postcode,
    country: raw.Country ?? '',
    type: raw.Type ?? 'Business',
    defaultForType: raw.DefaultForType,
  }));

const contactSchema = z
  .object({
    ID: optionalText(),
    Name: optionalText(256),
    JobTitle: optionalText(),
    Phone: optionalText(),
    MobilePhone: optionalText(),
    Email: optionalText(256),
    Default: flag(false),
  })
  .transform((raw): DearContact => ({
    id: raw.ID,
    name: raw.Name ?? '',
    jobTitle: raw.JobTitle,
    phone: raw.Phone,
    mobilePhone: raw.MobilePhone,
    email: raw.Email,
    isDefault: raw.Default,
  }));

const productPriceSchema = z
  .object({
    ProductID: requiredText(),
    ProductSKU: optionalText(),
    Price: requiredPrice(),
  })
  .transform((raw): DearCustomerPrice => ({
    productId: raw.ProductID,
    sku: raw.ProductSKU,
    price: raw.Price,
  }));

const discountPercent = optionalDecimal(new Decimal(0)).transform((value, ctx) => {
  if (value.lt(0) || value.gt(100)) {
    ctx.addIssue({
      code: 'custom',
      message: `is ${value.toString()}%, outside 0 to 100. Correct the customer discount in Cin7 Core and sync again.`,
    });
    return new Decimal(0);
  }
  return value;
});

const customerSchema = z.object({
  ID: requiredText(),
  Name: requiredText(256),
  DisplayName: optionalText(256),
  Status: optionalText(),
  Currency: optionalText(),
  PaymentTerm: optionalText(),
  TaxRule: optionalText(50),
  PriceTier: optionalText(50),
  Discount: discountPercent,
  SalesRepresentative: optionalText(256),
  Location: optionalText(256),
  Carrier: optionalText(256),
  Tags: tagList(),
  Addresses: listOf(addressSchema),
  Contacts: listOf(contactSchema),
  ProductPrices: listOf(productPriceSchema),
  LastModifiedOn: requiredDate(),
});

/**
 * Parses one element of `GET customer` → `CustomerList` (with or without
 * `IncludeProductPrices`). Returns a failure naming the customer, the field and what to fix for a
 * missing ID or name, wrong types, over-long text, a negative customer-specific price or a
 * discount outside 0-100%. A missing
 * `Status` reads as `Active` and a missing `Discount` as 0.
 */
export function parseCustomer(raw: unknown): ParseResult<DearCustomer> {
  const parsed = parseRecord(customerSchema, raw, {
    idKey: 'ID',
    labelKeys: ['Name'],
    kind: 'customer',
  });
  if (!parsed.ok) return parsed;
  const fields = parsed.value;

  return {
    ok: true,
    value: {
      id: fields.ID,
      name: fields.Name,
      displayName: fields.DisplayName,
      status: fields.Status ?? 'Active',
      currency: fields.Currency,
      paymentTerm: fields.PaymentTerm,
      taxRule: fields.TaxRule,
      priceTier: fields.PriceTier,
      discount: fields.Discount,
      salesRepresentative: fields.SalesRepresentative,
      location: fields.Location,
      carrier: fields.Carrier,
      tags: fields.Tags,
      addresses: fields.Addresses,
      contacts: fields.Contacts,
      productPrices: fields.ProductPrices,
      lastModifiedOn: fields.LastModifiedOn,
    },
  };
}

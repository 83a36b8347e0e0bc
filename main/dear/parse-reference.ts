import { Decimal } from 'decimal.js';
import { z } from 'zod';
import {
  flag,
  listOf,
  optionalDecimal,
  optionalText,
  parseRecord,
  requiredDecimal,
  requiredText,
} from './parse-fields.js';
import type {
  DearCarrier,
  DearCompanyContact,
  DearDiscountRule,
  DearLocation,
  DearMe,
  DearPriceTier,
  DearTaxComponent,
  DearTaxRule,
  ParseResult,
} from './records.js';

const meSchema = z
  .object({
    Company: requiredText(),
    Currency: requiredText(),
    TimeZone: optionalText(),
    TaxCalculationMethod: optionalText(),
    DefaultSaleTaxRuleName: optionalText(50),
    ApplyCustomerDiscountsAfterOtherDiscounts: flag(false),
    AutomaticallyApplyDiscounts: flag(false),
    DiscountRule: optionalText(),
    MaximumDecimalPlacesInQuantity: optionalText(),
  })
  .transform((raw): DearMe => ({
    company: raw.Company,
    currency: raw.Currency,
    timeZone: raw.TimeZone,
    taxCalculationMethod: raw.TaxCalculationMethod ?? 'Row Total',
    defaultSaleTaxRuleName: raw.DefaultSaleTaxRuleName,
    applyCustomerDiscountsAfterOtherDiscounts: raw.ApplyCustomerDiscountsAfterOtherDiscounts,
    automaticallyApplyDiscounts: raw.AutomaticallyApplyDiscounts,
    discountRule: raw.DiscountRule,
    maxQuantityDecimals: quantityDecimals(raw.MaximumDecimalPlacesInQuantity),
  }));

/** Reads a .NET number format such as "N2" as its decimal places; null for anything else. */
function quantityDecimals(format: string | null): number | null {
  const match = /^\s*[NnFf](\d{1,2})\s*$/.exec(format ?? '');
  return match ? Number(match[1]) : null;
}

/** Parses the `GET me` company record. The failure's record ID is "me". */
export function parseMe(raw: unknown): ParseResult<DearMe> {
  const result = parseRecord(meSchema, raw, { idKey: 'Company', kind: 'company' });
  return result.ok ? result : { ...result, recordId: 'me' };
}

const tierCode = z
  .unknown()
  .optional()
  .transform((value, ctx): number => {
    const code = typeof value === 'string' ? Number(value) : value;
    if (typeof code !== 'number' || !Number.isInteger(code) || code < 1 || code > 10) {
      ctx.addIssue({
        code: 'custom',
        message: `should be a tier number from 1 to 10 but is ${JSON.stringify(value)}.`,
      });
      return z.NEVER;
    }
    return code;
  });

const priceTierSchema = z
  .object({ Code: tierCode, Name: requiredText(50) })
  .transform((raw): DearPriceTier => ({ code: raw.Code, name: raw.Name }));

const priceTierListSchema = z.object({ PriceTiers: z.array(priceTierSchema) });

/**
 * Parses the `GET ref/priceTier` response (the `{ PriceTiers: [...] }` envelope or the bare
 * list) into tiers sorted by code. Fails on a tier without a code from 1 to 10 or a name, and on
 * two tiers with the same name, because price tiers are looked up by name.
 */
export function parsePriceTiers(raw: unknown): ParseResult<DearPriceTier[]> {
  const envelope = Array.isArray(raw) ? { PriceTiers: raw } : raw;
  const parsed = parseRecord(priceTierListSchema, envelope, {
    idKey: 'PriceTiers',
    kind: 'price tier list',
  });
  if (!parsed.ok) return { ...parsed, recordId: 'ref/priceTier' };

  const tiers = [...parsed.value.PriceTiers].sort((a, b) => a.code - b.code);
  const seen = new Map<string, number>();
  for (const tier of tiers) {
    const key = tier.name.trim().toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      return {
        ok: false,
        recordId: 'ref/priceTier',
        field: `PriceTiers[${tier.code}].Name`,
        reason:
          `PriceTier${earlier} and PriceTier${tier.code} are both named "${tier.name}". ` +
          'Give every price tier its own name in Cin7 Core and sync again.',
      };
    }
    seen.set(key, tier.code);
  }
  return { ok: true, value: tiers };
}

const taxComponentSchema = z
  .object({
    Name: optionalText(50),
    Percent: optionalDecimal(new Decimal(0)),
    Compound: flag(false),
  })
  .transform((raw): DearTaxComponent => ({
    name: raw.Name ?? '',
    percent: raw.Percent,
    compound: raw.Compound,
  }));

const taxRuleSchema = z.object({
  ID: requiredText(),
  Name: requiredText(50),
  IsActive: flag(true),
  TaxInclusive: flag(false),
  TaxPercent: optionalDecimal(null),
  IsTaxForSale: flag(false),
  Components: listOf(taxComponentSchema),
});

/**
 * Parses one element of `GET ref/tax` → `TaxRuleList`. Component `Percent` may be a number or a
 * string such as "15.0000000000"; `Compound` may be a boolean or "0"/"1". A missing component
 * `Percent` is 0, and a missing `TaxPercent` is the sum of the component percents.
 */
export function parseTaxRule(raw: unknown): ParseResult<DearTaxRule> {
  const parsed = parseRecord(taxRuleSchema, raw, {
    idKey: 'ID',
    labelKeys: ['Name'],
    kind: 'tax rule',
  });
  if (!parsed.ok) return parsed;
  const rule = parsed.value;

  const percentSum = rule.Components.reduce(
    (sum, component) => sum.plus(component.percent),
    new Decimal(0),
  );
  return {
    ok: true,
    value: {
      id: rule.ID,
      name: rule.Name,
      isActive: rule.IsActive,
      taxInclusive: rule.TaxInclusive,
      taxPercent: rule.TaxPercent ?? percentSum,
      isTaxForSale: rule.IsTaxForSale,
      components: rule.Components,
    },
  };
}

const locationSchema = z
  .object({ ID: requiredText(), Name: requiredText(256), IsDefault: flag(false) })
  .transform((raw): DearLocation => ({ id: raw.ID, name: raw.Name, isDefault: raw.IsDefault }));

/** Parses one element of `GET ref/location` → `LocationList`. */
export function parseLocation(raw: unknown): ParseResult<DearLocation> {
  return parseRecord(locationSchema, raw, { idKey: 'ID', labelKeys: ['Name'], kind: 'location' });
}

const carrierSchema = z
  .object({ CarrierID: requiredText(), Description: requiredText(256) })
  .transform((raw): DearCarrier => ({ id: raw.CarrierID, description: raw.Description }));

/** Parses one element of `GET ref/carrier` → `CarrierList` (ID field `CarrierID`). */
export function parseCarrier(raw: unknown): ParseResult<DearCarrier> {
  return parseRecord(carrierSchema, raw, {
    idKey: 'CarrierID',
    labelKeys: ['Description'],
    kind: 'carrier',
  });
}

const discountLineSchema = z
  .object({
    MinValue: optionalDecimal(null),
    MaxValue: optionalDecimal(null),
    DiscountType: requiredText(),
    Amount: requiredDecimal(),
  })
  .transform((raw) => ({
    minValue: raw.MinValue,
    maxValue: raw.MaxValue,
    discountType: raw.DiscountType,
    amount: raw.Amount,
  }));

const discountRuleSchema = z
  .object({
    ID: requiredText(),
    Name: requiredText(128),
    IsActive: flag(true),
    Type: requiredText(),
    DiscountLines: listOf(discountLineSchema),
  })
  .transform((raw): DearDiscountRule => ({
    id: raw.ID,
    name: raw.Name,
    isActive: raw.IsActive,
    type: raw.Type,
    lines: raw.DiscountLines,
  }));

/** Parses one element of `GET reference/discount` → `DiscountRules`. */
export function parseDiscountRule(raw: unknown): ParseResult<DearDiscountRule> {
  return parseRecord(discountRuleSchema, raw, {
    idKey: 'ID',
    labelKeys: ['Name'],
    kind: 'discount rule',
  });
}

const companyContactSchema = z
  .object({ ContactID: optionalText(), Name: requiredText(256), Type: optionalText() })
  .transform((raw): DearCompanyContact => ({ id: raw.ContactID, name: raw.Name, type: raw.Type }));

/** Parses one element of `GET me/contacts` → `MeContactsList` (sales representatives). */
export function parseCompanyContact(raw: unknown): ParseResult<DearCompanyContact> {
  return parseRecord(companyContactSchema, raw, {
    idKey: 'ContactID',
    labelKeys: ['Name'],
    kind: 'company contact',
  });
}

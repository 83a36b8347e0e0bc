import { Decimal } from 'decimal.js';
import { z } from 'zod';
import {
  flag,
  listOf,
  optionalPrice,
  optionalText,
  parseRecord,
  requiredDate,
  requiredText,
  tagList,
} from './parse-fields.js';
import type { DearAttachment, DearPriceTier, DearProduct, ParseResult } from './records.js';

/** Cin7 Core has ten positional price tiers, `PriceTier1` to `PriceTier10`. */
export const TIER_COUNT = 10;

const attachmentSchema = z
  .object({
    ID: requiredText(),
    ContentType: optionalText(),
    FileName: optionalText(),
    DownloadUrl: requiredText(),
    IsDefault: flag(false),
  })
  .transform((raw): DearAttachment => ({
    id: raw.ID,
    contentType: raw.ContentType,
    fileName: raw.FileName,
    downloadUrl: raw.DownloadUrl,
    isDefault: raw.IsDefault,
  }));

const tierFields = Object.fromEntries(
  Array.from({ length: TIER_COUNT }, (_, index) => [`PriceTier${index + 1}`, optionalPrice(null)]),
) as Record<`PriceTier${number}`, ReturnType<typeof optionalPrice<null>>>;

/** Field lengths are Cin7 Core's documented maximums. */
const productSchema = z.object({
  ID: requiredText(),
  SKU: requiredText(50),
  Name: requiredText(256),
  Type: requiredText(),
  Status: optionalText(),
  Category: optionalText(256),
  Brand: optionalText(50),
  UOM: optionalText(50),
  Barcode: optionalText(256),
  ShortDescription: optionalText(500),
  Description: optionalText(),
  Tags: tagList(),
  Sellable: flag(true),
  SaleTaxRule: optionalText(50),
  DiscountRule: optionalText(128),
  ...tierFields,
  PriceTiers: z.preprocess(
    (value) => (value === null ? undefined : value),
    z.record(z.string(), optionalPrice(null)).optional(),
  ),
  Attachments: listOf(attachmentSchema),
  LastModifiedOn: requiredDate(),
});

type ProductFields = z.infer<typeof productSchema>;

/**
 * Normalises the product type. The API documents `Stock` and `Service`; non-inventory products
 * have been seen spelled `NonInventory`, `Non-Inventory` and `Non Inventory`, all returned as
 * `NonInventory`. Other values pass through unchanged.
 */
export function normalizeProductType(type: string): string {
  const key = type.replace(/[\s_-]/g, '').toLowerCase();
  if (key === 'stock') return 'Stock';
  if (key === 'service') return 'Service';
  if (key === 'noninventory') return 'NonInventory';
  return type;
}

/**
 * Turns the `ref/priceTier` list into tier names by position: index 0 is the name of tier
 * code 1. Codes outside 1..10 are ignored; missing codes keep Cin7 Core's default `Tier N`.
 */
export function tierNamesOf(tiers: readonly DearPriceTier[]): string[] {
  const names = Array.from({ length: TIER_COUNT }, (_, index) => `Tier ${index + 1}`);
  for (const tier of tiers) {
    if (tier.code >= 1 && tier.code <= TIER_COUNT) names[tier.code - 1] = tier.name;
  }
  return names;
}

function findTierIndex(name: string, tierNames: readonly string[]): number {
  const exact = tierNames.indexOf(name);
  if (exact >= 0) return exact;
  const wanted = name.trim().toLowerCase();
  return tierNames.findIndex((tierName) => tierName.trim().toLowerCase() === wanted);
}

/**
 * Reads the ten tier prices. `PriceTier1..10` win when any is present; otherwise the
 * `PriceTiers` object is mapped by tier name. Missing prices are 0, Cin7 Core's "no price".
 * Returns the name of an unknown tier instead when the name lookup fails.
 */
function resolveTierPrices(
  fields: ProductFields,
  tierNames: readonly string[],
): { prices: Decimal[] } | { unknownTier: string } {
  const positional = Array.from(
    { length: TIER_COUNT },
    (_, index) => fields[`PriceTier${index + 1}` as keyof ProductFields] as Decimal | null,
  );
  if (positional.some((price) => price !== null)) {
    return { prices: positional.map((price) => price ?? new Decimal(0)) };
  }

  const prices = Array.from({ length: TIER_COUNT }, () => new Decimal(0));
  for (const [name, price] of Object.entries(fields.PriceTiers ?? {})) {
    const index = findTierIndex(name, tierNames);
    if (index < 0 || index >= TIER_COUNT) return { unknownTier: name };
    prices[index] = price ?? new Decimal(0);
  }
  return { prices };
}

/**
 * Parses one element of `GET product` → `Products`.
 *
 * `tierNames` are the tenant's tier names by position (see `tierNamesOf`); they are needed only
 * when the record lacks `PriceTier1..10` and carries the `PriceTiers` object instead. Returns a
 * failure naming the record, the field and what to fix for a missing ID, a wrong type, text
 * longer than Cin7 Core allows, a negative tier price, or a tier name not in `tierNames`. HTML
 * and emoji pass, and a missing `Status` reads as `Active`.
 */
export function parseProduct(raw: unknown, tierNames: readonly string[]): ParseResult<DearProduct> {
  const parsed = parseRecord(productSchema, raw, {
    idKey: 'ID',
    labelKeys: ['SKU', 'Name'],
    kind: 'product',
  });
  if (!parsed.ok) return parsed;
  const fields = parsed.value;

  const tiers = resolveTierPrices(fields, tierNames);
  if ('unknownTier' in tiers) {
    const field = `PriceTiers.${tiers.unknownTier}`;
    return {
      ok: false,
      recordId: fields.ID,
      label: fields.SKU.trim() || fields.Name,
      field,
      reason:
        `${field} names the price tier "${tiers.unknownTier}", which is not one of the tenant's ` +
        `price tiers (${tierNames.join(', ') || 'none loaded'}). Sync the reference data again, ` +
        'or check the price tier names under Settings in Cin7 Core.',
    };
  }

  return {
    ok: true,
    value: {
      id: fields.ID,
      sku: fields.SKU,
      name: fields.Name,
      type: normalizeProductType(fields.Type),
      status: fields.Status ?? 'Active',
      category: fields.Category,
      brand: fields.Brand,
      uom: fields.UOM,
      barcode: fields.Barcode,
      shortDescription: fields.ShortDescription,
      description: fields.Description,
      tags: fields.Tags,
      sellable: fields.Sellable,
      saleTaxRule: fields.SaleTaxRule,
      discountRule: fields.DiscountRule,
      tierPrices: tiers.prices,
      attachments: fields.Attachments,
      lastModifiedOn: fields.LastModifiedOn,
    },
  };
}

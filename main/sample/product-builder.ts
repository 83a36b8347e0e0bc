import { Decimal } from 'decimal.js';
import type { DearAttachmentRecord, DearPriceTierRecord, DearProductRecord } from './dear-seed.js';
import { deterministicGuid } from './deterministic.js';

/** What a seed author decides about one product; `buildProduct` fills in the rest. */
export interface ProductSpec {
  id: string;
  sku: string;
  name: string;
  category: string;
  brand: string | null;
  uom: string;
  type?: 'Stock' | 'Service';
  status?: 'Active' | 'Deprecated';
  sellable?: boolean;
  /** Prices for tiers 1..10 as decimal strings; missing tiers are 0. */
  tierPrices: string[];
  averageCost: string;
  weightKg?: string;
  barcode?: string | null;
  tags?: string[];
  description?: string;
  discountRule?: string | null;
  saleTaxRule?: string | null;
  attachmentCount?: number;
  lastModifiedOn: string;
}

/** Multiplies a price by a ratio and rounds to 2 dp, half away from zero, as a decimal string. */
export function scalePrice(price: string, ratio: string): string {
  return new Decimal(price).times(ratio).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

function attachmentsFor(spec: ProductSpec): DearAttachmentRecord[] {
  const attachments: DearAttachmentRecord[] = [];
  for (let n = 0; n < (spec.attachmentCount ?? 0); n++) {
    const id = deterministicGuid('attachment', `${spec.sku}:${n}`);
    const fileName = `${spec.sku.toLowerCase()}-${n + 1}.jpg`;
    attachments.push({
      ID: id,
      ContentType: 'image/jpeg',
      FileName: fileName,
      DownloadUrl: `https://inventory.dearsystems.com/Attachment/Download?ID=${id}&ContentType=image/jpeg&FileName=${fileName}&isPublic=True`,
      IsDefault: n === 0 ? 'true' : 'false',
    });
  }
  return attachments;
}

/**
 * Builds a product record in the shape `GET product` returns, with `PriceTier1..10` and the
 * `PriceTiers` object keyed by the tenant's tier names. Money is written as JSON numbers
 * because that is how the API sends it; the values are exact 2-dp decimals.
 */
export function buildProduct(spec: ProductSpec, tiers: DearPriceTierRecord[]): DearProductRecord {
  const tierFields: Record<string, number> = {};
  const namedTiers: Record<string, number> = {};
  for (let code = 1; code <= 10; code++) {
    const price = Number(spec.tierPrices[code - 1] ?? '0');
    tierFields[`PriceTier${code}`] = price;
    const tierName = tiers.find((tier) => tier.Code === code)?.Name ?? `Tier ${code}`;
    namedTiers[tierName] = price;
  }
  const isService = spec.type === 'Service';
  return {
    ID: spec.id,
    SKU: spec.sku,
    Name: spec.name,
    Category: spec.category,
    Brand: spec.brand,
    Type: spec.type ?? 'Stock',
    CostingMethod: 'FIFO',
    DropShipMode: 'No Drop Ship',
    DefaultLocation: isService ? null : 'Main Warehouse',
    Length: 0,
    Width: 0,
    Height: 0,
    Weight: Number(spec.weightKg ?? '0'),
    UOM: spec.uom,
    WeightUnits: 'kg',
    DimensionsUnits: 'cm',
    Barcode: spec.barcode ?? null,
    MinimumBeforeReorder: 0,
    ReorderQuantity: 0,
    ...tierFields,
    PriceTiers: namedTiers,
    AverageCost: Number(spec.averageCost),
    ShortDescription: spec.description ? spec.description.slice(0, 120) : null,
    Description: spec.description ?? null,
    InternalNote: null,
    AdditionalAttribute1: null,
    AttributeSet: null,
    DiscountRule: spec.discountRule ?? null,
    Tags: (spec.tags ?? []).join(','),
    Status: spec.status ?? 'Active',
    StockLocator: null,
    COGSAccount: isService ? null : '310',
    RevenueAccount: '200',
    ExpenseAccount: null,
    InventoryAccount: isService ? null : '630',
    PurchaseTaxRule: 'GST on Expenses',
    SaleTaxRule: spec.saleTaxRule ?? 'GST on Income',
    LastModifiedOn: spec.lastModifiedOn,
    Sellable: spec.sellable ?? true,
    BillOfMaterial: false,
    AlwaysShowQuantity: null,
    Attachments: attachmentsFor(spec),
  };
}

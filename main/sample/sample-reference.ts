import type {
  DearCarrierRecord,
  DearCompanyContactRecord,
  DearDiscountRuleRecord,
  DearLocationRecord,
  DearMeRecord,
  DearPriceTierRecord,
  DearTaxRuleRecord,
} from './dear-seed.js';
import { deterministicGuid } from './deterministic.js';

/** Reference books of the sample merchant "Harbour Roasters Wholesale" (NZD, Row Total). */

export const SAMPLE_TIER_NAMES = [
  'Retail',
  'Wholesale',
  'Cafe',
  'Distributor',
  'Hospitality',
  'Staff',
  'Export',
  'Tier 8',
  'Tier 9',
  'Tier 10',
] as const;

export function samplePriceTiers(): DearPriceTierRecord[] {
  return SAMPLE_TIER_NAMES.map((name, index) => ({ Code: index + 1, Name: name }));
}

function taxRule(
  index: number,
  name: string,
  percent: number,
  flags: { active?: boolean; sale?: boolean; purchase?: boolean; account?: string },
): DearTaxRuleRecord {
  const id = deterministicGuid('tax-rule', index);
  return {
    ID: id,
    Name: name,
    Account: flags.account ?? '820',
    IsActive: flags.active ?? true,
    TaxInclusive: false,
    TaxPercent: percent,
    IsTaxForSale: flags.sale ?? true,
    IsTaxForPurchase: flags.purchase ?? false,
    Components: [
      {
        ID: deterministicGuid('tax-component', index),
        Name: percent === 0 ? 'No GST' : 'GST',
        Percent: percent,
        AccountCode: flags.account ?? '820',
        Compound: false,
        ComponentOrder: 1,
      },
    ],
  };
}

export function sampleTaxRules(): DearTaxRuleRecord[] {
  return [
    taxRule(1, 'GST on Income', 15, { sale: true }),
    taxRule(2, 'GST on Expenses', 15, { sale: false, purchase: true }),
    taxRule(3, 'Zero Rated', 0, { sale: true, purchase: true }),
    taxRule(4, 'GST Exempt', 0, { sale: true, purchase: true }),
    taxRule(5, 'GST 12.5% (before Oct 2010)', 12.5, { active: false, sale: true }),
  ];
}

export function sampleMe(): DearMeRecord {
  return {
    Company: 'Harbour Roasters Wholesale',
    Currency: 'NZD',
    TimeZone: 'Pacific/Auckland',
    DefaultWeightUnits: 'kg',
    DefaultDimensionsUnits: 'cm',
    LockDate: '2025-03-31T00:00:00',
    OpeningBalanceDate: '2021-04-01T00:00:00',
    TaxCalculationMethod: 'Row Total',
    DefaultSaleTaxRuleId: deterministicGuid('tax-rule', 1),
    DefaultSaleTaxRuleName: 'GST on Income',
    MaximumDecimalPlacesInQuantity: 'N2',
    ApplyCustomerDiscountsAfterOtherDiscounts: true,
    DiscountRule: 'Discount',
    AutomaticallyApplyDiscounts: false,
    RoundingTable: [],
  };
}

export function sampleLocations(): DearLocationRecord[] {
  return [
    {
      ID: deterministicGuid('location', 1),
      Name: 'Main Warehouse',
      IsDefault: true,
      IsDeprecated: false,
    },
    {
      ID: deterministicGuid('location', 2),
      Name: 'Wellington Depot',
      IsDefault: false,
      IsDeprecated: false,
    },
  ];
}

export function sampleCarriers(): DearCarrierRecord[] {
  return ['NZ Couriers', 'NZ Post', 'Mainfreight', 'Customer Pickup'].map((description, index) => ({
    CarrierID: deterministicGuid('carrier', index + 1),
    Description: description,
  }));
}

export function sampleCompanyContacts(): DearCompanyContactRecord[] {
  const contacts: Array<[string, string, string]> = [
    ['Aroha Ngata', 'Sale', 'aroha@harbourroasters.example'],
    ['Ben Walker', 'Sale', 'ben@harbourroasters.example'],
    ['Priya Shah', 'Employee', 'priya@harbourroasters.example'],
    ['Accounts Team', 'Billing', 'accounts@harbourroasters.example'],
    ['Dispatch', 'Shipping', 'dispatch@harbourroasters.example'],
  ];
  return contacts.map(([name, type, email], index) => ({
    ContactID: deterministicGuid('company-contact', index + 1),
    Name: name,
    Phone: `04 555 01${String(index).padStart(2, '0')}`,
    Fax: null,
    Email: email,
    Website: 'https://harbourroasters.example',
    Comment: null,
    Type: type,
    DefaultForType: index === 0 || type !== 'Sale',
  }));
}

function discountLine(rule: number, line: number, fields: Record<string, unknown>) {
  return { ID: deterministicGuid('discount-line', `${rule}:${line}`), ...fields };
}

export function sampleDiscountRules(): DearDiscountRuleRecord[] {
  return [
    {
      ID: deterministicGuid('discount-rule', 1),
      Name: 'Bean volume breaks',
      IsActive: true,
      Type: 'QuantityBased',
      DiscountLines: [
        discountLine(1, 1, {
          MinValue: 10,
          MaxValue: 49,
          DiscountType: 'DiscountPercent',
          Amount: 5,
        }),
        discountLine(1, 2, {
          MinValue: 49.0001,
          MaxValue: 99,
          DiscountType: 'DiscountPercent',
          Amount: 8,
        }),
        discountLine(1, 3, {
          MinValue: 99.0001,
          MaxValue: 100000,
          DiscountType: 'DiscountPercent',
          Amount: 12,
        }),
      ],
    },
    {
      ID: deterministicGuid('discount-rule', 2),
      Name: 'Cups 10% off',
      IsActive: true,
      Type: 'Simple',
      DiscountLines: [discountLine(2, 1, { DiscountType: 'DiscountPercent', Amount: 10 })],
    },
    {
      ID: deterministicGuid('discount-rule', 3),
      Name: 'Syrup $2 off',
      IsActive: true,
      Type: 'Simple',
      DiscountLines: [discountLine(3, 1, { DiscountType: 'DiscountAmount', Amount: 2 })],
    },
    {
      ID: deterministicGuid('discount-rule', 4),
      Name: 'Clearance price',
      IsActive: true,
      Type: 'Simple',
      DiscountLines: [discountLine(4, 1, { DiscountType: 'PriceOverride', Amount: 5 })],
    },
    {
      ID: deterministicGuid('discount-rule', 5),
      Name: 'Free freight over $500',
      IsActive: true,
      Type: 'FreeShipping',
      DiscountLines: [
        discountLine(5, 1, { DiscountType: 'FreeShipping', Amount: 0, OrderExceeds: 500 }),
      ],
    },
    {
      ID: deterministicGuid('discount-rule', 6),
      Name: 'Summer promo (ended)',
      IsActive: false,
      Type: 'Simple',
      DiscountLines: [discountLine(6, 1, { DiscountType: 'DiscountPercent', Amount: 15 })],
    },
  ];
}

import type { DearCustomerRecord, DearDealRecord, DearProductRecord } from './dear-seed.js';
import { deterministicGuid } from './deterministic.js';

/**
 * Deals of the sample merchant: three that are active and current (one per way of choosing
 * customers: B2B, listed customers, customer tags), one that ended in 2024 and one switched
 * off. Upstock price lists cannot carry deals, so a prices run reports the first three.
 */

/** Customers listed on the "Cafe partners" deal; the last one is deprecated. */
const CAFE_PARTNERS = [
  'Corner Cafe Ltd',
  'Cuba Street Espresso',
  'Te Aro Brew Bar',
  'Old Town Roastery (closed)',
];

/** Customer tags of the "Hotels and restaurants" deal. */
const HOSPITALITY_TAGS = ['hotel', 'restaurant'];

function discount(
  deal: number,
  line: number,
  fields: { name: string; type: 'Simple' | 'QuantityBased' | 'FreeShipping' } & Record<
    string,
    unknown
  >,
): Record<string, unknown> {
  const { name, type, ...rest } = fields;
  return {
    ID: deterministicGuid('deal-discount', `${deal}:${line}`),
    DiscountID: deterministicGuid('deal-discount-rule', `${deal}:${line}`),
    DiscountName: name,
    DiscountType: type,
    Sequence: line,
    IsOrderLevel: false,
    DealDiscountBrands: [],
    DealDiscountCategories: [],
    DealDiscountTags: [],
    DealDiscountProducts: [],
    ...rest,
  };
}

type DealFields = Pick<DearDealRecord, 'Name' | 'IsActive' | 'CustomersGroup'> &
  Record<string, unknown>;

function deal(index: number, fields: DealFields): DearDealRecord {
  return {
    ID: deterministicGuid('deal', index),
    AllowCoupons: false,
    SingleCouponCodeUsage: false,
    CouponCodes: '',
    DealCustomers: [],
    DealCustomerTags: [],
    DealDiscounts: [],
    ...fields,
  };
}

/**
 * Returns the sample deals. Customers and products are looked up by name and SKU, so the IDs
 * match the seed. Throws when the sample no longer contains a customer or product a deal names.
 */
export function sampleDeals(
  customers: readonly DearCustomerRecord[],
  products: readonly DearProductRecord[],
): DearDealRecord[] {
  const customerNamed = (name: string): DearCustomerRecord => {
    const customer = customers.find((candidate) => candidate.Name === name);
    if (!customer) throw new Error(`Sample deal names customer "${name}", which the seed lacks`);
    return customer;
  };
  const productWithSku = (sku: string): DearProductRecord => {
    const product = products.find((candidate) => candidate.SKU === sku);
    if (!product) throw new Error(`Sample deal names product ${sku}, which the seed lacks`);
    return product;
  };

  return [
    deal(1, {
      Name: 'Trade coupon HARBOUR5',
      DateFrom: '2025-01-01T00:00:00',
      DateTo: null,
      IsActive: true,
      AllowCoupons: true,
      CouponCodes: 'HARBOUR5',
      CustomersGroup: 'B2B',
      DealDiscounts: [
        discount(1, 1, { name: '5% off the order', type: 'Simple', IsOrderLevel: true }),
      ],
    }),
    deal(2, {
      Name: 'Cafe partners: milk alternatives',
      DateFrom: '2025-02-01T00:00:00',
      DateTo: null,
      IsActive: true,
      CustomersGroup: 'Specified',
      DealCustomers: CAFE_PARTNERS.map((name, i) => ({
        ID: deterministicGuid('deal-customer', `2:${i}`),
        CustomerID: customerNamed(name).ID,
        CustomerName: name,
      })),
      DealDiscounts: [
        discount(2, 1, {
          name: 'Buy 6 get 1 free',
          type: 'QuantityBased',
          BuyType: 'Quantity',
          BuyValue: 6,
          GetType: 'Free',
          GetValue: 1,
          DealDiscountCategories: ['Buy', 'Get'].map((side, i) => ({
            ID: deterministicGuid('deal-scope', `2:1:${i}`),
            CategoryID: deterministicGuid('category', 'Milk Alternatives'),
            CategoryName: 'Milk Alternatives',
            Type: side,
          })),
        }),
      ],
    }),
    deal(3, {
      Name: 'Hotels and restaurants: syrups',
      DateFrom: '2025-03-01T00:00:00',
      DateTo: '2099-12-31T00:00:00',
      IsActive: true,
      CustomersGroup: 'CustomerTags',
      DealCustomerTags: HOSPITALITY_TAGS.map((tag, i) => ({
        ID: deterministicGuid('deal-tag', `3:${i}`),
        TagName: tag,
      })),
      DealDiscounts: [
        discount(3, 1, {
          name: '15% off syrups',
          type: 'Simple',
          GetValue: 15,
          GetValueType: 'Percentage',
          DealDiscountProducts: ['SYR-VAN-750', 'SYR-CAR-750', 'SYR-HAZ-750'].map((sku, i) => {
            const product = productWithSku(sku);
            return {
              ID: deterministicGuid('deal-scope', `3:1:${i}`),
              ProductID: product.ID,
              ProductSKU: product.SKU,
              ProductName: product.Name,
              IsFamily: false,
              Type: 'Get',
            };
          }),
        }),
      ],
    }),
    deal(4, {
      Name: 'Winter 2024 tea promotion',
      DateFrom: '2024-06-01T00:00:00',
      DateTo: '2024-08-31T00:00:00',
      IsActive: true,
      CustomersGroup: 'All',
      DealDiscounts: [
        discount(4, 1, {
          name: '10% off tea',
          type: 'Simple',
          DealDiscountCategories: [
            {
              ID: deterministicGuid('deal-scope', '4:1:0'),
              CategoryID: deterministicGuid('category', 'Tea'),
              CategoryName: 'Tea',
              Type: 'Get',
            },
          ],
        }),
      ],
    }),
    deal(5, {
      Name: 'Staff coupon (paused)',
      DateFrom: '2025-01-01T00:00:00',
      DateTo: null,
      IsActive: false,
      AllowCoupons: true,
      CouponCodes: 'STAFF20',
      CustomersGroup: 'B2B',
      DealDiscounts: [
        discount(5, 1, { name: '20% off the order', type: 'Simple', IsOrderLevel: true }),
      ],
    }),
  ];
}

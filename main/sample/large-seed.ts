import type { DearCustomerRecord, DearProductRecord, DearSeed } from './dear-seed.js';
import { deterministicGuid, SeededRandom } from './deterministic.js';
import { buildProduct } from './product-builder.js';
import { sampleSeed } from './sample-merchant.js';
import { tierPricesFromRetail } from './sample-products.js';
import { seedTimestamp } from './seed-timestamps.js';

export interface LargeSeedOptions {
  /** Share of customers (0..1) that have customer-specific prices; default 0.1. */
  customPriceShare?: number;
  /** Customer-specific prices per such customer; default 25 (fewer if there are fewer products). */
  pricesPerCustomer?: number;
}

const CATEGORIES = [
  'Coffee Beans',
  'Tea',
  'Syrups',
  'Cups & Lids',
  'Equipment',
  'Baked Goods',
  'Dry Goods',
];
const BRANDS = ['Harbour Roasters', 'Kiwi Leaf', 'Sweet Harbour', 'GreenCup', 'BaristaPro', null];
const TIERS = ['Retail', 'Wholesale', 'Cafe', 'Distributor', 'Hospitality'];

/**
 * Generates a large merchant: the sample merchant's reference books (tax rules, tiers,
 * locations, discount rules, the Freight service) plus `productCount` stock products and
 * `customerCount` customers, all with deterministic IDs, prices and timestamps. Roughly one
 * product in 50 is deprecated and one customer in 40. Sized for benchmarks: 20,000 products
 * and 5,000 customers generate in a few seconds.
 */
export function largeSeed(
  productCount: number,
  customerCount: number,
  options: LargeSeedOptions = {},
): DearSeed {
  const share = options.customPriceShare ?? 0.1;
  if (!Number.isInteger(productCount) || productCount < 0)
    throw new Error(`largeSeed: invalid product count ${productCount}`);
  if (!Number.isInteger(customerCount) || customerCount < 0)
    throw new Error(`largeSeed: invalid customer count ${customerCount}`);
  if (share < 0 || share > 1)
    throw new Error(`largeSeed: customPriceShare must be between 0 and 1, got ${share}`);

  const base = sampleSeed();
  const random = new SeededRandom(productCount * 7919 + customerCount);
  const services = base.products.filter((product) => product.Type === 'Service');

  const products: DearProductRecord[] = [];
  const stock: Record<string, number> = {};
  for (let n = 0; n < productCount; n++) {
    const sku = `LG-${String(n + 1).padStart(6, '0')}`;
    const retailCents = random.int(199, 49_999);
    const retail = (retailCents / 100).toFixed(2);
    const category = CATEGORIES[n % CATEGORIES.length] ?? 'Dry Goods';
    const product = buildProduct(
      {
        id: deterministicGuid('large-product', n),
        sku,
        name: `${category} item ${n + 1}`,
        category,
        brand: BRANDS[n % BRANDS.length] ?? null,
        uom: 'Each',
        status: n % 50 === 49 ? 'Deprecated' : 'Active',
        tierPrices: tierPricesFromRetail(retail),
        averageCost: (retailCents / 250).toFixed(2),
        tags: [category.toLowerCase().split(' ')[0] ?? 'general'],
        attachmentCount: n % 10 === 0 ? 1 : 0,
        lastModifiedOn: seedTimestamp(n % 900, n),
      },
      base.priceTiers,
    );
    products.push(product);
    stock[product.ID] = n % 97 === 0 ? 0 : random.int(5, 500);
  }

  const pricedCustomers = Math.round(customerCount * share);
  const pricesPerCustomer = Math.min(options.pricesPerCustomer ?? 25, productCount);
  const customers: DearCustomerRecord[] = [];
  for (let n = 0; n < customerCount; n++) {
    const template = base.customers[n % base.customers.length];
    if (!template) break;
    const name = `${template.Name} #${n + 1}`;
    const productPrices = [];
    if (n < pricedCustomers) {
      for (let k = 0; k < pricesPerCustomer; k++) {
        const product = products[(n * 31 + k * 7) % productCount];
        if (!product) continue;
        productPrices.push({
          ProductID: product.ID,
          ProductName: product.Name,
          ProductSKU: product.SKU,
          Price: Math.round(Number(product.PriceTier2 ?? 0) * 95) / 100,
        });
      }
    }
    customers.push({
      ...template,
      ID: deterministicGuid('large-customer', n),
      Name: name,
      DisplayName: name,
      Status: n % 40 === 39 ? 'Deprecated' : 'Active',
      Currency: 'NZD',
      TaxRule: 'GST on Income',
      PriceTier: TIERS[n % TIERS.length] ?? 'Wholesale',
      LastModifiedOn: seedTimestamp(n % 900, n + 7),
      Addresses: template.Addresses.map((address, a) => ({
        ...address,
        ID: deterministicGuid('large-address', `${n}:${a}`),
      })),
      Contacts: template.Contacts.map((contact, c) => ({
        ...contact,
        ID: deterministicGuid('large-contact', `${n}:${c}`),
      })),
      ProductPrices: productPrices,
    });
  }

  return { ...base, products: [...products, ...services], customers, stock };
}

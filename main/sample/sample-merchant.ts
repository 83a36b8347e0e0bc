import type { DearProductRecord, DearSeed } from './dear-seed.js';
import { sampleCustomers } from './sample-customers.js';
import { sampleDeals } from './sample-deals.js';
import { sampleProducts } from './sample-products.js';
import {
  sampleCarriers,
  sampleCompanyContacts,
  sampleDiscountRules,
  sampleLocations,
  sampleMe,
  samplePriceTiers,
  sampleTaxRules,
} from './sample-reference.js';

export type { DearSeed } from './dear-seed.js';
export { loadSeedFile, parseSeed } from './dear-seed.js';

/** Stock on hand that differs from the default, to make backorders easy to provoke. */
const LOW_STOCK: Record<string, number> = {
  'COF-ETHI-1KG': 5,
  'EQ-GRINDER-SM': 2,
  'BAKE-CARAMEL-SL': 0,
  'MILK-OAT-CTN12': 3,
};
const DEFAULT_STOCK = 250;

function sampleStock(products: DearProductRecord[]): Record<string, number> {
  const stock: Record<string, number> = {};
  for (const product of products) {
    if (product.Type === 'Service') continue;
    stock[product.SKU] = LOW_STOCK[product.SKU] ?? DEFAULT_STOCK;
  }
  return stock;
}

/**
 * Builds the sample merchant "Harbour Roasters Wholesale": an NZ wholesale food and coffee
 * supplier (NZD, Pacific/Auckland, tax per row) with 58 products (4 services including
 * "Freight", 2 deprecated, 2 not sellable), 25 customers (one deprecated, one in AUD), its
 * reference books and 5 deals (3 active and current). Every call returns a fresh copy with the same deterministic IDs.
 */
export function sampleSeed(): DearSeed {
  const priceTiers = samplePriceTiers();
  const products = sampleProducts(priceTiers);
  const customers = sampleCustomers(products);
  return {
    me: sampleMe(),
    products,
    customers,
    priceTiers,
    taxRules: sampleTaxRules(),
    locations: sampleLocations(),
    discountRules: sampleDiscountRules(),
    carriers: sampleCarriers(),
    companyContacts: sampleCompanyContacts(),
    deals: sampleDeals(customers, products),
    stock: sampleStock(products),
  };
}

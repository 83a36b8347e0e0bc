import {
  getMe,
  listCarriers,
  listCompanyContacts,
  listCustomers,
  listDiscountRules,
  listLocations,
  listPriceTiers,
  listProducts,
  listTaxRules,
} from './catalog-routes.js';
import { listDeals } from './deal-routes.js';
import type { RouteHandler } from './route-types.js';
import { createSale } from './sale-create.js';
import { postSaleOrder } from './sale-order.js';
import { deleteSale, getSale, getSaleOrder, listSales } from './sale-routes.js';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** API endpoints by lower-case path below `/ExternalApi/v2/`, then by HTTP method. */
export const API_ROUTES: Readonly<Record<string, Partial<Record<Method, RouteHandler>>>> = {
  me: { GET: getMe },
  'me/contacts': { GET: listCompanyContacts },
  product: { GET: listProducts },
  customer: { GET: listCustomers },
  'ref/pricetier': { GET: listPriceTiers },
  'ref/tax': { GET: listTaxRules },
  'ref/location': { GET: listLocations },
  'ref/carrier': { GET: listCarriers },
  'reference/discount': { GET: listDiscountRules },
  'reference/deals': { GET: listDeals },
  sale: { GET: getSale, POST: createSale, DELETE: deleteSale },
  'sale/order': { GET: getSaleOrder, POST: postSaleOrder },
  salelist: { GET: listSales },
};

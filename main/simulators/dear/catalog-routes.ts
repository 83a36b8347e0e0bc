import type { DearCustomerRecord, DearProductRecord } from '../../sample/dear-seed.js';
import { ok, type RouteContext, type RouteHandler } from './route-types.js';
import {
  containsIgnoreCase,
  equalsIgnoreCase,
  pageOf,
  readPaging,
  startsWithIgnoreCase,
  type QueryParams,
} from './query.js';
import { ticksOfStamp } from './dear-time.js';
import { sortForListing } from './state.js';

function modifiedSince(record: { LastModifiedOn: string }, since: bigint | undefined): boolean {
  return since === undefined || ticksOfStamp(record.LastModifiedOn) >= since;
}

function productView(
  context: RouteContext,
  product: DearProductRecord,
  query: QueryParams,
): Record<string, unknown> {
  const view: Record<string, unknown> = { ...product };
  delete view.CustomPrices;
  if (!query.bool('IncludeAttachments', false)) delete view.Attachments;
  else view.Attachments = product.Attachments ?? [];
  if (query.bool('IncludeCustomPrices', false))
    view.CustomPrices = context.state.customPricesOf(product.ID);
  return view;
}

/** `GET product`: paged products; deprecated ones only with `IncludeDeprecated=true`. */
export const listProducts: RouteHandler = (context) => {
  const { query, state } = context;
  const paging = readPaging(query);
  const includeDeprecated = query.bool('IncludeDeprecated', false);
  const since = query.ticks('ModifiedSince');
  const id = query.get('ID');
  const name = query.get('Name');
  const sku = query.get('Sku');
  query.bool('IncludeAttachments', false);
  query.bool('IncludeCustomPrices', false);

  const matches = sortForListing(state.products.values(), context.listOrder).filter(
    (product) =>
      (includeDeprecated || product.Status !== 'Deprecated') &&
      equalsIgnoreCase(product.ID, id) &&
      containsIgnoreCase(product.Name, name) &&
      containsIgnoreCase(product.SKU, sku) &&
      modifiedSince(product, since),
  );
  return ok({
    Total: matches.length,
    Page: paging.page,
    Products: pageOf(matches, paging).map((product) => productView(context, product, query)),
  });
};

function customerView(
  context: RouteContext,
  customer: DearCustomerRecord,
  withPrices: boolean,
): Record<string, unknown> {
  const view: Record<string, unknown> = { ...customer };
  delete view.ProductPrices;
  if (withPrices) {
    view.ProductPrices = (customer.ProductPrices ?? []).map((price) => {
      const product = context.state.products.get(price.ProductID.toLowerCase());
      return {
        ProductID: price.ProductID,
        ProductName: product?.Name ?? price.ProductName ?? null,
        ProductSKU: product?.SKU ?? price.ProductSKU ?? null,
        Price: price.Price,
      };
    });
  }
  return view;
}

/** `GET customer`: paged customers; `Name` matches from the start, as the portal states. */
export const listCustomers: RouteHandler = (context) => {
  const { query, state } = context;
  const paging = readPaging(query);
  const includeDeprecated = query.bool('IncludeDeprecated', false);
  const withPrices = query.bool('IncludeProductPrices', false);
  const since = query.ticks('ModifiedSince');
  const id = query.get('ID');
  const name = query.get('Name');
  const contact = query.get('ContactFilter');

  const matches = sortForListing(state.customers.values(), context.listOrder).filter(
    (customer) =>
      (includeDeprecated || customer.Status !== 'Deprecated') &&
      equalsIgnoreCase(customer.ID, id) &&
      startsWithIgnoreCase(customer.Name, name) &&
      (contact === undefined ||
        customer.Contacts.some(
          (person) =>
            startsWithIgnoreCase(person.Name, contact) || equalsIgnoreCase(person.Email, contact),
        )) &&
      modifiedSince(customer, since),
  );
  return ok({
    Total: matches.length,
    Page: paging.page,
    CustomerList: pageOf(matches, paging).map((customer) =>
      customerView(context, customer, withPrices),
    ),
  });
};

/** `GET me`: the tenant's company settings. */
export const getMe: RouteHandler = ({ state }) => ok(state.me);

/** `GET me/contacts`: company contacts (sales representatives are among them). */
export const listCompanyContacts: RouteHandler = ({ state, query }) => {
  const paging = readPaging(query);
  const id = query.get('ID');
  const name = query.get('Name');
  const type = query.get('Type');
  const matches = (state.reference.companyContacts ?? []).filter(
    (contact) =>
      equalsIgnoreCase(contact.ContactID, id) &&
      startsWithIgnoreCase(contact.Name, name) &&
      equalsIgnoreCase(contact.Type, type),
  );
  return ok({ Total: matches.length, Page: paging.page, MeContactsList: pageOf(matches, paging) });
};

/** `GET ref/priceTier`: the ten tier names; not paged. */
export const listPriceTiers: RouteHandler = ({ state }) =>
  ok({ PriceTiers: state.reference.priceTiers });

/** `GET ref/tax`: paged tax rules with the portal's filters. */
export const listTaxRules: RouteHandler = ({ state, query }) => {
  const paging = readPaging(query);
  const id = query.get('ID');
  const name = query.get('Name');
  const active = query.get('IsActive') === undefined ? undefined : query.bool('IsActive', true);
  const forSale =
    query.get('IsTaxForSale') === undefined ? undefined : query.bool('IsTaxForSale', true);
  const forPurchase =
    query.get('IsTaxForPurchase') === undefined ? undefined : query.bool('IsTaxForPurchase', true);
  const matches = state.reference.taxRules.filter(
    (rule) =>
      equalsIgnoreCase(rule.ID, id) &&
      startsWithIgnoreCase(rule.Name, name) &&
      (active === undefined || rule.IsActive === active) &&
      (forSale === undefined || rule.IsTaxForSale === forSale) &&
      (forPurchase === undefined || rule.IsTaxForPurchase === forPurchase),
  );
  return ok({ Total: matches.length, Page: paging.page, TaxRuleList: pageOf(matches, paging) });
};

/** `GET ref/location`: paged locations. */
export const listLocations: RouteHandler = ({ state, query }) => {
  const paging = readPaging(query);
  const id = query.get('ID');
  const name = query.get('Name');
  const deprecated =
    query.get('Deprecated') === undefined ? undefined : query.bool('Deprecated', false);
  const matches = state.reference.locations.filter(
    (location) =>
      equalsIgnoreCase(location.ID, id) &&
      startsWithIgnoreCase(location.Name, name) &&
      (deprecated === undefined || Boolean(location.IsDeprecated) === deprecated),
  );
  return ok({ Total: matches.length, Page: paging.page, LocationList: pageOf(matches, paging) });
};

/** `GET ref/carrier`: paged carriers. */
export const listCarriers: RouteHandler = ({ state, query }) => {
  const paging = readPaging(query);
  const id = query.get('CarrierID');
  const description = query.get('Description');
  const matches = (state.reference.carriers ?? []).filter(
    (carrier) =>
      equalsIgnoreCase(carrier.CarrierID, id) &&
      startsWithIgnoreCase(carrier.Description, description),
  );
  return ok({ Total: matches.length, Page: paging.page, CarrierList: pageOf(matches, paging) });
};

/** `GET reference/discount`: product discount rules, 25 per page by default. */
export const listDiscountRules: RouteHandler = ({ state, query }) => {
  const paging = readPaging(query, 25);
  const id = query.get('ID');
  const search = query.get('Search');
  const matches = state.reference.discountRules.filter(
    (rule) => equalsIgnoreCase(rule.ID, id) && containsIgnoreCase(rule.Name, search),
  );
  return ok({ Total: matches.length, Page: paging.page, DiscountRules: pageOf(matches, paging) });
};

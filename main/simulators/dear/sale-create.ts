import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { DearAddressRecord, DearCustomerRecord } from '../../sample/dear-seed.js';
import { deterministicGuid } from '../../sample/deterministic.js';
import { parseDearTicks } from './dear-time.js';
import { badRequest } from './http-io.js';
import { ok, type RouteHandler } from './route-types.js';
import type { SimSale } from './sale-types.js';
import { isObject, MessageCollector, readBoolean, readDecimal, readString } from './sale-values.js';
import { touchSale } from './sale-status.js';
import { saleView } from './sale-views.js';
import type { SimState } from './state.js';

/** Header string fields with their maximum lengths, stored and served back unchanged. */
const STRING_FIELDS: Record<string, number> = {
  Contact: 256,
  Phone: 50,
  Email: 256,
  DefaultAccount: 50,
  ShippingNotes: 1024,
  Terms: 256,
  Note: 1024,
  CustomerReference: 256,
  SalesRepresentative: 256,
  Carrier: 256,
  ExternalID: 256,
};

function checkAddress(
  value: unknown,
  field: string,
  messages: MessageCollector,
): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) {
    messages.add(`${field} must be an object.`);
    return undefined;
  }
  if (typeof value.Line1 !== 'string' || value.Line1.trim() === '')
    messages.add(`${field}.Line1 is required.`);
  if (typeof value.Country !== 'string' || value.Country.trim() === '')
    messages.add(`${field}.Country is required.`);
  if (typeof value.Postcode === 'string' && value.Postcode.length > 20)
    messages.add(`${field}.Postcode is longer than 20 characters.`);
  return value;
}

function findCustomer(
  state: SimState,
  body: Record<string, unknown>,
  messages: MessageCollector,
): DearCustomerRecord | undefined {
  const id = body.CustomerID;
  const name = body.Customer;
  if (
    (id === undefined || id === null || id === '') &&
    (name === undefined || name === null || name === '')
  ) {
    messages.add('Customer or CustomerID is required.');
    return undefined;
  }
  const customer =
    typeof id === 'string' && id !== ''
      ? state.findCustomer(id)
      : typeof name === 'string'
        ? state.findCustomerByName(name)
        : undefined;
  if (!customer) {
    messages.add(
      typeof id === 'string' && id !== ''
        ? `Customer with CustomerID '${id}' not found.`
        : `Customer '${String(name)}' not found.`,
    );
    return undefined;
  }
  // NOTE: rejecting a deprecated (archived) customer is an assumption; Cin7 Core does not document it.
  if (customer.Status === 'Deprecated')
    messages.add(
      `Customer '${customer.Name}' is deprecated; restore it in Cin7 Core before selling to it.`,
    );
  return customer;
}

/**
 * Adds the shipping address to the customer when `ShipToOther` is false and no address of the
 * customer has the same ID or `Line1`, as the Cin7 Core developer portal documents.
 */
function recordShippingAddress(
  state: SimState,
  customer: DearCustomerRecord,
  address: Record<string, unknown>,
): void {
  if (address.ShipToOther === true) return;
  const line1 = String(address.Line1 ?? '')
    .trim()
    .toLowerCase();
  const known = customer.Addresses.some(
    (existing) =>
      (typeof address.ID === 'string' && existing.ID.toLowerCase() === address.ID.toLowerCase()) ||
      existing.Line1.trim().toLowerCase() === line1,
  );
  if (known) return;
  const added: DearAddressRecord = {
    ID: deterministicGuid('sale-address', `${customer.ID}:${customer.Addresses.length}:${line1}`),
    Line1: String(address.Line1),
    Line2: (address.Line2 as string | undefined) ?? null,
    City: (address.City as string | undefined) ?? null,
    State: (address.State as string | undefined) ?? null,
    Postcode: (address.Postcode as string | undefined) ?? null,
    Country: String(address.Country),
    Type: 'Shipping',
    DefaultForType: false,
  };
  customer.Addresses.push(added);
  customer.LastModifiedOn = state.clock.next();
}

function checkDate(value: unknown, field: string, messages: MessageCollector): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'string' || parseDearTicks(value) === null)
    messages.add(
      `${field} must be a date such as 2025-07-04T00:00:00, got ${JSON.stringify(value)}.`,
    );
}

/**
 * `POST sale`: creates a sale header. Requires `Customer` or `CustomerID` and an existing
 * `Location`; `CurrencyRate` when the customer's currency differs from the base currency.
 * Omitted tax rule, terms, price tier and sales representative come from the customer.
 */
export const createSale: RouteHandler = ({ state, body }) => {
  if (!isObject(body))
    throw badRequest('The request body must be a JSON object describing the sale.');
  const messages = new MessageCollector();
  const customer = findCustomer(state, body, messages);

  const location = messages.take(readString(body.Location, 'Location', 256, true));
  if (location !== undefined && !state.findLocation(location))
    messages.add(`Location '${location}' not found.`);
  for (const [field, maxLength] of Object.entries(STRING_FIELDS))
    messages.take(readString(body[field], field, maxLength));
  const skipQuote = messages.take(readBoolean(body.SkipQuote, 'SkipQuote')) ?? false;
  const taxInclusive = messages.take(readBoolean(body.TaxInclusive, 'TaxInclusive')) ?? false;
  checkAddress(body.BillingAddress, 'BillingAddress', messages);
  const shippingAddress = checkAddress(body.ShippingAddress, 'ShippingAddress', messages);
  checkDate(body.ShipBy, 'ShipBy', messages);
  checkDate(body.SaleOrderDate, 'SaleOrderDate', messages);

  const taxRuleName = typeof body.TaxRule === 'string' ? body.TaxRule : customer?.TaxRule;
  if (typeof body.TaxRule === 'string') {
    const rule = state.findTaxRule(body.TaxRule);
    if (!rule) messages.add(`Tax rule '${body.TaxRule}' not found.`);
    else if (!rule.IsActive) messages.add(`Tax rule '${body.TaxRule}' is inactive.`);
  }
  if (
    typeof body.PriceTier === 'string' &&
    !state.reference.priceTiers.some((tier) => tier.Name === body.PriceTier)
  ) {
    messages.add(`Price tier '${body.PriceTier}' not found.`);
  }
  if (body.SaleType !== undefined && body.SaleType !== 'Simple' && body.SaleType !== 'Advanced') {
    messages.add(`SaleType must be Simple or Advanced, got ${JSON.stringify(body.SaleType)}.`);
  }
  const rate = messages.take(
    readDecimal(body.CurrencyRate, 'CurrencyRate', { maxPlaces: 5, min: '0.00001' }),
  );
  if (customer && customer.Currency !== state.me.Currency && rate === undefined) {
    messages.add(
      `CurrencyRate is required because customer '${customer.Name}' uses ${customer.Currency} and the base currency is ${state.me.Currency}.`,
    );
  }
  if (messages.messages.length > 0 || !customer) throw badRequest(messages.messages);

  if (shippingAddress) recordShippingAddress(state, customer, shippingAddress);
  // A random ID, as Cin7 Core's are unique: a restarted simulator must not hand out an ID that
  // an agent's ledger already holds for a sale of the earlier run.
  const id = randomUUID();
  const stampTicks = state.clock.nextTicks();
  const defaultContact =
    customer.Contacts.find((contact) => contact.Default === true) ?? customer.Contacts[0];
  const header: Record<string, unknown> = {
    Customer: customer.Name,
    CustomerID: customer.ID,
    Contact: body.Contact ?? defaultContact?.Name ?? null,
    Phone: body.Phone ?? null,
    Email: body.Email ?? null,
    DefaultAccount: body.DefaultAccount ?? customer.RevenueAccount ?? null,
    SkipQuote: skipQuote,
    BillingAddress: body.BillingAddress ?? null,
    ShippingAddress: body.ShippingAddress ?? null,
    ShippingNotes: body.ShippingNotes ?? null,
    TaxRule: taxRuleName ?? null,
    TaxInclusive: taxInclusive,
    Terms: body.Terms ?? customer.PaymentTerm ?? null,
    PriceTier: body.PriceTier ?? customer.PriceTier ?? null,
    ShipBy: body.ShipBy ?? null,
    Location: location,
    SaleOrderDate: body.SaleOrderDate ?? state.clock.today(),
    Note: body.Note ?? null,
    CustomerReference: body.CustomerReference ?? null,
    CurrencyRate: rate ?? new Decimal(1),
    SalesRepresentative: body.SalesRepresentative ?? customer.SalesRepresentative ?? null,
    Carrier: body.Carrier ?? null,
    ExternalID: body.ExternalID ?? null,
    AdditionalAttributes: body.AdditionalAttributes ?? null,
    ServiceOnly: body.ServiceOnly === true,
    SaleType: body.SaleType ?? 'Simple',
  };
  const sale: SimSale = {
    id,
    header,
    customerId: customer.ID,
    customerName: customer.Name,
    customerCurrency: customer.Currency,
    createdTicks: stampTicks,
    updated: '',
    updatedTicks: stampTicks,
    status: skipQuote ? 'ESTIMATED' : 'ESTIMATING',
    quoteStatus: skipQuote ? 'NOT AVAILABLE' : 'DRAFT',
    order: {
      SaleOrderNumber: null,
      Memo: '',
      Status: 'NOT AVAILABLE',
      AutoPickPackShipMode: 'NOPICK',
      Lines: [],
      AdditionalCharges: [],
      TotalBeforeTax: new Decimal(0),
      Tax: new Decimal(0),
      Total: new Decimal(0),
    },
    shipments: [],
    allocated: new Map(),
  };
  touchSale(state, sale, stampTicks);
  state.sales.set(id.toLowerCase(), sale);
  return ok(saleView(state, sale));
};

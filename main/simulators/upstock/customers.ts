import type {
  AddressType,
  WireAddress,
  WireBatchResponse,
  WireContact,
  WireCustomer,
  WireCustomerInput,
} from '../../upstock/wire.js';
import { applyBatch, contentKey, readBatch, type RecordCheck } from './batch.js';
import { FieldReader } from './fields.js';
import { newId, type SimContext } from './state.js';

const ADDRESS_TYPES: readonly AddressType[] = ['billing', 'shipping', 'business'];

type CustomerContent = Required<WireCustomerInput>;

/**
 * Upserts a customer batch (`POST /v1/customers/batch`). Returns one result per record; throws
 * a 400 problem only when the body itself is malformed.
 */
export function upsertCustomers(context: SimContext, body: unknown): WireBatchResponse {
  const records = readBatch(body, 'customers');
  return applyBatch(
    records,
    (raw) => checkCustomer(context, raw),
    (customer) => storeCustomer(context, customer),
  );
}

function checkCustomer(context: SimContext, raw: unknown): RecordCheck<CustomerContent> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      ok: false,
      errors: [{ field: '(record)', reason: 'Each customer must be an object.' }],
    };
  }
  const fields = new FieldReader(raw as Record<string, unknown>);
  // An absent priceListKey keeps the customer's current price list; null removes it.
  const keepsPriceList = !('priceListKey' in raw);
  const customer: CustomerContent = {
    externalId: fields.requiredText('externalId', 200),
    name: fields.requiredText('name', 500),
    contacts: fields.array('contacts', 50, (item, index) => readContact(fields, item, index)),
    addresses: fields.array('addresses', 100, (item, index) => readAddress(fields, item, index)),
    priceListKey: keepsPriceList
      ? (context.state.customers.get(String((raw as Record<string, unknown>).externalId))
          ?.priceListKey ?? null)
      : fields.optionalText('priceListKey', 200),
    salesRep: fields.optionalText('salesRep', 200),
    taxRule: fields.optionalText('taxRule', 200),
    paymentTerm: fields.optionalText('paymentTerm', 200),
    currency: fields.requiredText('currency', 3),
    active: fields.boolean('active'),
  };

  if (customer.currency !== '' && !/^[A-Z]{3}$/.test(customer.currency)) {
    fields.fail(
      'currency',
      `currency "${customer.currency}" must be a three-letter ISO 4217 code.`,
    );
  }
  if (
    !keepsPriceList &&
    customer.priceListKey !== null &&
    !context.state.priceLists.has(customer.priceListKey)
  ) {
    fields.fail(
      'priceListKey',
      `price list "${customer.priceListKey}" does not exist; put the price list before the customers that use it.`,
    );
  }
  const addressIds = new Set<string>();
  customer.addresses.forEach((address, index) => {
    if (address.externalId === '') return;
    if (addressIds.has(address.externalId)) {
      fields.fail(
        `addresses[${index}].externalId`,
        `address ID "${address.externalId}" appears more than once for this customer.`,
      );
    }
    addressIds.add(address.externalId);
  });
  return fields.errors.length > 0
    ? { ok: false, errors: fields.errors }
    : { ok: true, value: customer };
}

function readContact(parent: FieldReader, item: unknown, index: number): WireContact {
  const fields = parent.nested(`contacts[${index}]`, item);
  if (!fields) return { name: '' };
  const contact: WireContact = {
    name: fields.requiredText('name', 200),
    email: fields.optionalText('email', 200),
    phone: fields.optionalText('phone', 100),
    mobile: fields.optionalText('mobile', 100),
    jobTitle: fields.optionalText('jobTitle', 200),
    default: fields.boolean('default', false),
  };
  parent.absorb(fields);
  return contact;
}

function readAddress(parent: FieldReader, item: unknown, index: number): WireAddress {
  const fields = parent.nested(`addresses[${index}]`, item);
  if (!fields) return { externalId: '', type: 'billing', default: false, line1: '', country: '' };
  const address: WireAddress = {
    externalId: fields.requiredText('externalId', 200),
    type: fields.oneOf('type', ADDRESS_TYPES),
    default: fields.boolean('default', false),
    line1: fields.requiredText('line1', 500),
    line2: fields.optionalText('line2', 500),
    city: fields.optionalText('city', 200),
    state: fields.optionalText('state', 200),
    postcode: fields.optionalText('postcode', 50),
    country: fields.requiredText('country', 200),
  };
  parent.absorb(fields);
  return address;
}

function storeCustomer(
  context: SimContext,
  content: CustomerContent,
): { id: string; result: 'created' | 'updated' | 'unchanged' } {
  const customers = context.state.customers;
  const existing = customers.get(content.externalId);
  const now = context.now().toISOString();

  if (!existing) {
    const id = newId(context.state, 'cus');
    customers.set(content.externalId, { ...content, id, createdAt: now, updatedAt: now });
    return { id, result: 'created' };
  }
  if (contentKey(customerContent(existing)) === contentKey(content)) {
    return { id: existing.id, result: 'unchanged' };
  }
  customers.set(content.externalId, { ...existing, ...content, updatedAt: now });
  return { id: existing.id, result: 'updated' };
}

/** Returns the fields the agent sends, in the order `checkCustomer` builds them. */
function customerContent(customer: WireCustomer): CustomerContent {
  return {
    externalId: customer.externalId,
    name: customer.name,
    contacts: customer.contacts,
    addresses: customer.addresses,
    priceListKey: customer.priceListKey,
    salesRep: customer.salesRep,
    taxRule: customer.taxRule,
    paymentTerm: customer.paymentTerm,
    currency: customer.currency,
    active: customer.active,
  };
}

/** Returns the customers assigned to the price list `key`. */
export function customersOnPriceList(context: SimContext, key: string): WireCustomer[] {
  return [...context.state.customers.values()].filter((customer) => customer.priceListKey === key);
}

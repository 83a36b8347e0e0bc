import type { DearCustomerRecord, DearProductRecord } from '../../sample/dear-seed.js';
import { deterministicGuid } from '../../sample/deterministic.js';
import type { SimState } from './state.js';

/**
 * Changes to products and customers made through the control API. Each change stamps
 * `LastModifiedOn` (unless the change sets it), as an edit in Cin7 Core would.
 */

/** Thrown for control requests that name a missing record or carry invalid data (HTTP 400, 404 or 409). */
export class ControlError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

let addedCounter = 0;

function tierName(state: SimState, code: number): string {
  return state.reference.priceTiers.find((tier) => tier.Code === code)?.Name ?? `Tier ${code}`;
}

/** Keeps `PriceTier1..10` and the name-keyed `PriceTiers` object in step after a change. */
function syncTierPrices(
  state: SimState,
  product: DearProductRecord,
  changes: Record<string, unknown>,
): void {
  const named: Record<string, number> = { ...product.PriceTiers };
  for (const [field, value] of Object.entries(changes)) {
    const match = /^PriceTier(\d+)$/.exec(field);
    if (match && typeof value === 'number') named[tierName(state, Number(match[1]))] = value;
  }
  if (changes.PriceTiers && typeof changes.PriceTiers === 'object') {
    for (const [name, value] of Object.entries(changes.PriceTiers as Record<string, number>)) {
      const tier = state.reference.priceTiers.find((candidate) => candidate.Name === name);
      if (!tier)
        throw new ControlError(
          400,
          `Unknown price tier "${name}"; tiers are ${state.reference.priceTiers.map((t) => t.Name).join(', ')}`,
        );
      product[`PriceTier${tier.Code}`] = value;
      named[name] = value;
    }
  }
  product.PriceTiers = named;
}

/** Adds products; fills ID, Type, Status, tier prices and `LastModifiedOn` when missing. */
export function addProducts(
  state: SimState,
  input: Array<Partial<DearProductRecord>>,
): DearProductRecord[] {
  const added: DearProductRecord[] = [];
  for (const fields of input) {
    if (typeof fields.SKU !== 'string' || typeof fields.Name !== 'string') {
      throw new ControlError(400, 'A new product needs SKU and Name strings');
    }
    if (state.findProductBySku(fields.SKU))
      throw new ControlError(409, `A product with SKU ${fields.SKU} already exists`);
    addedCounter += 1;
    const product: DearProductRecord = {
      Type: 'Stock',
      Status: 'Active',
      Sellable: true,
      ...fields,
      ID: fields.ID ?? deterministicGuid('added-product', `${fields.SKU}:${addedCounter}`),
      SKU: fields.SKU,
      Name: fields.Name,
      LastModifiedOn: fields.LastModifiedOn ?? state.clock.next(),
    } as DearProductRecord;
    if (state.products.has(product.ID.toLowerCase()))
      throw new ControlError(409, `Product ${product.ID} already exists`);
    for (let code = 1; code <= 10; code++) product[`PriceTier${code}`] ??= 0;
    syncTierPrices(
      state,
      product,
      Object.fromEntries(Object.entries(product).filter(([key]) => key.startsWith('PriceTier'))),
    );
    state.products.set(product.ID.toLowerCase(), product);
    added.push(product);
  }
  return added;
}

/** Merges `changes` into a product. Throws ControlError 404 when the ID is unknown. */
export function patchProduct(
  state: SimState,
  id: string,
  changes: Record<string, unknown>,
): DearProductRecord {
  const product = state.products.get(id.toLowerCase());
  if (!product) throw new ControlError(404, `Product ${id} not found`);
  const { ID: _ignoredId, ...rest } = changes;
  Object.assign(product, rest);
  syncTierPrices(state, product, rest);
  if (!('LastModifiedOn' in rest)) product.LastModifiedOn = state.clock.next();
  return product;
}

/** Adds customers; fills ID, Status, Currency, lists and `LastModifiedOn` when missing. */
export function addCustomers(
  state: SimState,
  input: Array<Partial<DearCustomerRecord>>,
): DearCustomerRecord[] {
  const added: DearCustomerRecord[] = [];
  for (const fields of input) {
    if (typeof fields.Name !== 'string')
      throw new ControlError(400, 'A new customer needs a Name string');
    if (state.findCustomerByName(fields.Name))
      throw new ControlError(409, `A customer named ${fields.Name} already exists`);
    addedCounter += 1;
    const customer: DearCustomerRecord = {
      Status: 'Active',
      Currency: state.me.Currency,
      Addresses: [],
      Contacts: [],
      ProductPrices: [],
      ...fields,
      ID: fields.ID ?? deterministicGuid('added-customer', `${fields.Name}:${addedCounter}`),
      Name: fields.Name,
      LastModifiedOn: fields.LastModifiedOn ?? state.clock.next(),
    } as DearCustomerRecord;
    state.customers.set(customer.ID.toLowerCase(), customer);
    added.push(customer);
  }
  state.invalidateCustomPrices();
  return added;
}

/** Merges `changes` into a customer. Throws ControlError 404 when the ID is unknown. */
export function patchCustomer(
  state: SimState,
  id: string,
  changes: Record<string, unknown>,
): DearCustomerRecord {
  const customer = state.findCustomer(id);
  if (!customer) throw new ControlError(404, `Customer ${id} not found`);
  const { ID: _ignoredId, ...rest } = changes;
  Object.assign(customer, rest);
  if (!('LastModifiedOn' in rest)) customer.LastModifiedOn = state.clock.next();
  state.invalidateCustomPrices();
  return customer;
}

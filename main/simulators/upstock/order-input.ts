import {
  MONEY_PATTERN,
  QUANTITY_PATTERN,
  type AddressType,
  type WireAddress,
  type WireCustomer,
  type WireOrderAddress,
  type WireProblem,
} from '../../upstock/wire.js';
import { isCalendarDate } from './fields.js';
import { SimProblem } from './http.js';
import type { SimContext, SimOrderLine } from './state.js';

/** One line of an order placed or edited through the control API. */
export interface OrderLineInput {
  productExternalId: string;
  /** A decimal string or a number; at most four decimal places. */
  quantity: string | number;
  /** Defaults to the product's price on the customer's price list. */
  unitPrice?: string;
  discountPercent?: string | number | null;
}

/** A one-off address typed into an order instead of one of the customer's addresses. */
export type OneOffAddressInput = Omit<
  WireOrderAddress,
  'externalId' | 'line2' | 'city' | 'state' | 'postcode'
> &
  Partial<Pick<WireOrderAddress, 'line2' | 'city' | 'state' | 'postcode'>>;

/** Fields of an order that the control API can set when placing or editing it. */
export interface OrderContentInput {
  lines?: OrderLineInput[];
  freight?: string;
  reference?: string | null;
  orderDate?: string;
  deliveryDate?: string | null;
  /** A Cin7 Core address ID of the customer; defaults to their default billing address. */
  billingAddressExternalId?: string | null;
  shippingAddressExternalId?: string | null;
  /** A one-off shipping address; wins over `shippingAddressExternalId`. */
  shippingAddress?: OneOffAddressInput | null;
}

export type ProblemErrors = NonNullable<WireProblem['errors']>;

/** Throws a 422 problem listing `errors` when there are any. */
export function throwIfInvalid(errors: ProblemErrors, subject: string): void {
  if (errors.length > 0) {
    throw new SimProblem(
      422,
      'validation',
      `Invalid ${subject}`,
      `${errors.length} fields are invalid.`,
      errors,
    );
  }
}

/**
 * Resolves order lines against the catalog: code and name come from the product and the unit
 * price, when not given, from the customer's price list. Pushes an error for an unknown or
 * unorderable product, a bad quantity, a missing price or a discount outside 0-100.
 */
export function resolveLines(
  context: SimContext,
  customer: WireCustomer,
  inputs: OrderLineInput[],
  errors: ProblemErrors,
): SimOrderLine[] {
  const priceList = customer.priceListKey
    ? context.state.priceLists.get(customer.priceListKey)
    : undefined;
  const lines: SimOrderLine[] = [];
  inputs.forEach((input, index) => {
    const field = (name: string) => `lines[${index}].${name}`;
    const productId = input.productExternalId;
    const product = context.state.products.get(productId);
    if (!product || product.availability !== 'available') {
      const reason = product
        ? `product "${product.code}" is ${product.availability} and cannot be ordered.`
        : `product "${productId}" does not exist.`;
      errors.push({ externalId: productId ?? null, field: field('productExternalId'), reason });
      return;
    }
    const quantity = String(input.quantity);
    if (!QUANTITY_PATTERN.test(quantity) || Number(quantity) === 0) {
      const reason = `quantity "${quantity}" must be positive with at most four decimal places.`;
      errors.push({ externalId: productId, field: field('quantity'), reason });
    }
    const unitPrice = input.unitPrice ?? priceList?.prices.get(productId);
    if (unitPrice === undefined || !MONEY_PATTERN.test(unitPrice)) {
      const reason =
        unitPrice === undefined
          ? `product "${product.code}" has no price on the customer's price list; pass unitPrice.`
          : `unitPrice "${unitPrice}" must be a decimal string with four decimal places.`;
      errors.push({ externalId: productId, field: field('unitPrice'), reason });
    }
    const discount = input.discountPercent == null ? null : String(input.discountPercent);
    if (discount !== null && (!QUANTITY_PATTERN.test(discount) || Number(discount) > 100)) {
      const reason = `discountPercent "${discount}" must be from 0 to 100.`;
      errors.push({ externalId: productId, field: field('discountPercent'), reason });
    }
    lines.push({
      productExternalId: productId,
      code: product.code,
      name: product.name,
      quantity,
      unitPrice: unitPrice ?? '0.0000',
      discountPercent: discount,
    });
  });
  return lines;
}

/** Returns the customer's default address for an order's billing or shipping side, or null. */
export function defaultAddress(
  customer: WireCustomer,
  side: 'billing' | 'shipping',
): WireOrderAddress | null {
  const ofType = (type: AddressType) =>
    customer.addresses.filter((address) => address.type === type);
  const candidates = [...ofType(side), ...ofType('business')];
  const chosen = candidates.find((address) => address.default) ?? candidates[0];
  return chosen ? toOrderAddress(chosen) : null;
}

/** Looks up one of the customer's addresses by its Cin7 Core ID, pushing an error if absent. */
export function customerAddress(
  customer: WireCustomer,
  externalId: string,
  field: string,
  errors: ProblemErrors,
): WireOrderAddress | null {
  const address = customer.addresses.find((candidate) => candidate.externalId === externalId);
  if (!address) {
    errors.push({
      externalId,
      field,
      reason: `customer "${customer.name}" has no address "${externalId}".`,
    });
    return null;
  }
  return toOrderAddress(address);
}

/** Copies a one-off address, pushing an error when line1 or country is missing. */
export function oneOffAddress(input: OneOffAddressInput, errors: ProblemErrors): WireOrderAddress {
  if (!input.line1 || !input.country) {
    errors.push({
      externalId: null,
      field: 'shippingAddress',
      reason: 'line1 and country are required.',
    });
  }
  return {
    externalId: null,
    line1: input.line1 ?? '',
    line2: input.line2 ?? null,
    city: input.city ?? null,
    state: input.state ?? null,
    postcode: input.postcode ?? null,
    country: input.country ?? '',
  };
}

function toOrderAddress(address: WireAddress): WireOrderAddress {
  return {
    externalId: address.externalId,
    line1: address.line1,
    line2: address.line2 ?? null,
    city: address.city ?? null,
    state: address.state ?? null,
    postcode: address.postcode ?? null,
    country: address.country,
  };
}

/** Pushes errors for a freight amount or dates in the wrong format. */
export function checkContentFormats(input: OrderContentInput, errors: ProblemErrors): void {
  if (
    input.freight !== undefined &&
    (!MONEY_PATTERN.test(input.freight) || input.freight.startsWith('-'))
  ) {
    errors.push({
      externalId: null,
      field: 'freight',
      reason: `freight "${input.freight}" must look like "12.5000".`,
    });
  }
  if (input.orderDate !== undefined && !isCalendarDate(input.orderDate)) {
    errors.push({ externalId: null, field: 'orderDate', reason: 'orderDate must be YYYY-MM-DD.' });
  }
  if (input.deliveryDate != null && !isCalendarDate(input.deliveryDate)) {
    errors.push({
      externalId: null,
      field: 'deliveryDate',
      reason: 'deliveryDate must be YYYY-MM-DD.',
    });
  }
}

import type { OrderStatus, WireOrder, WireOrderComment } from '../../upstock/wire.js';
import { notFound, SimProblem } from './http.js';
import {
  checkContentFormats,
  customerAddress,
  defaultAddress,
  oneOffAddress,
  resolveLines,
  throwIfInvalid,
  type OrderContentInput,
  type ProblemErrors,
} from './order-input.js';
import { orderView } from './order-view.js';
import { newId, type SimContext, type SimOrder } from './state.js';

/** A comment added through the control API; the author defaults to the customer's name. */
export interface CommentInput {
  author?: string;
  text: string;
}

/** An order placed by a customer, as the control API takes it (`POST /_control/orders`). */
export interface PlaceOrderInput extends OrderContentInput {
  customerExternalId: string;
  lines: NonNullable<OrderContentInput['lines']>;
  comments?: CommentInput[];
  /** Defaults to "ordered". */
  status?: 'scheduled' | 'ordered' | 'approved';
}

/** An edit by the merchant (`PATCH /_control/orders/:id`); absent fields stay as they are. */
export interface EditOrderInput extends OrderContentInput {
  /** Comments appended to the order's timeline. */
  addComments?: CommentInput[];
}

/**
 * Places an order for an existing customer. Returns the order as the API shows it; throws a
 * 404 problem for an unknown customer and 422 for invalid lines, amounts, dates or addresses.
 */
export function placeOrder(context: SimContext, input: PlaceOrderInput): WireOrder {
  const { state } = context;
  const customer = state.customers.get(input.customerExternalId);
  if (!customer) throw notFound('customer', String(input.customerExternalId));

  const errors: ProblemErrors = [];
  checkContentFormats(input, errors);
  if (!Array.isArray(input.lines) || input.lines.length === 0) {
    errors.push({ externalId: null, field: 'lines', reason: 'an order needs at least one line.' });
  }
  const lines = resolveLines(context, customer, input.lines ?? [], errors);
  const billing = input.billingAddressExternalId
    ? customerAddress(customer, input.billingAddressExternalId, 'billingAddressExternalId', errors)
    : defaultAddress(customer, 'billing');
  const shipping = chooseShipping(customer, input, errors) ?? defaultAddress(customer, 'shipping');
  const status = input.status ?? 'ordered';
  if (!['scheduled', 'ordered', 'approved'].includes(status)) {
    errors.push({
      externalId: null,
      field: 'status',
      reason: 'status must be scheduled, ordered or approved.',
    });
  }
  throwIfInvalid(errors, 'order');

  const now = context.now();
  const nowText = now.toISOString();
  const order: SimOrder = {
    id: newId(state, 'ord'),
    number: `UP-${state.nextOrderNumber}`,
    status,
    customerExternalId: customer.externalId,
    customerName: customer.name,
    lines,
    freight: input.freight ?? '0.0000',
    comments: toComments(input.comments ?? [], customer.name, nowText),
    reference: input.reference ?? null,
    orderDate: input.orderDate ?? nowText.slice(0, 10),
    deliveryDate: input.deliveryDate ?? null,
    billingAddress: billing,
    shippingAddress: shipping,
    currency: customer.currency,
    integration: {
      state: 'pending',
      saleId: null,
      saleNumber: null,
      reason: null,
      updatedAt: null,
    },
    claim: null,
    shipments: [],
    version: 1,
    createdAt: nowText,
    updatedAt: nowText,
    approvedAt: status === 'approved' ? nowText : null,
  };
  state.nextOrderNumber += 1;
  state.orders.set(order.id, order);
  return orderView(order, now.getTime());
}

/**
 * Applies a merchant's edit and bumps the version. Throws 404 for an unknown order, 409 for a
 * shipped or cancelled one and 422 for invalid content.
 */
export function editOrder(context: SimContext, orderId: string, input: EditOrderInput): WireOrder {
  const order = requireOrder(context, orderId);
  if (order.status === 'shipped' || order.status === 'cancelled') {
    throw new SimProblem(
      409,
      'order-closed',
      'Order closed',
      `Order ${order.number} is ${order.status} and cannot be edited.`,
    );
  }
  const customer = context.state.customers.get(order.customerExternalId);
  if (!customer) throw notFound('customer', order.customerExternalId);

  const errors: ProblemErrors = [];
  checkContentFormats(input, errors);
  const lines = input.lines ? resolveLines(context, customer, input.lines, errors) : order.lines;
  const billing = input.billingAddressExternalId
    ? customerAddress(customer, input.billingAddressExternalId, 'billingAddressExternalId', errors)
    : order.billingAddress;
  const shipping = chooseShipping(customer, input, errors) ?? order.shippingAddress;
  throwIfInvalid(errors, 'order edit');

  const now = context.now().toISOString();
  order.lines = lines;
  order.billingAddress = billing;
  order.shippingAddress = shipping;
  if (input.freight !== undefined) order.freight = input.freight;
  if (input.reference !== undefined) order.reference = input.reference;
  if (input.orderDate !== undefined) order.orderDate = input.orderDate;
  if (input.deliveryDate !== undefined) order.deliveryDate = input.deliveryDate;
  order.comments.push(...toComments(input.addComments ?? [], customer.name, now));
  touch(order, now);
  return orderView(order, context.now().getTime());
}

/** Approves a scheduled or ordered order; approving an approved order changes nothing. */
export function approveOrder(context: SimContext, orderId: string): WireOrder {
  const order = requireOrder(context, orderId);
  if (order.status !== 'approved') {
    moveTo(order, 'approved', ['scheduled', 'ordered']);
    const now = context.now().toISOString();
    order.approvedAt = now;
    touch(order, now);
  }
  return orderView(order, context.now().getTime());
}

/** Cancels any order that has not shipped, and drops its claim. */
export function cancelOrder(context: SimContext, orderId: string): WireOrder {
  const order = requireOrder(context, orderId);
  if (order.status !== 'cancelled') {
    moveTo(order, 'cancelled', ['scheduled', 'ordered', 'approved']);
    order.claim = null;
    touch(order, context.now().toISOString());
  }
  return orderView(order, context.now().getTime());
}

/** Returns the stored order or throws a 404 problem. */
export function requireOrder(context: SimContext, orderId: string): SimOrder {
  const order = context.state.orders.get(orderId);
  if (!order) throw notFound('order', orderId);
  return order;
}

/** Records a change of content or status: the version grows and updatedAt moves. */
export function touch(order: SimOrder, nowText: string): void {
  order.version += 1;
  order.updatedAt = nowText;
}

function moveTo(order: SimOrder, next: OrderStatus, allowedFrom: OrderStatus[]): void {
  if (!allowedFrom.includes(order.status)) {
    throw new SimProblem(
      409,
      'order-closed',
      'Status change not allowed',
      `Order ${order.number} is ${order.status} and cannot become ${next}.`,
    );
  }
  order.status = next;
}

function chooseShipping(
  customer: Parameters<typeof defaultAddress>[0],
  input: OrderContentInput,
  errors: ProblemErrors,
) {
  if (input.shippingAddress) return oneOffAddress(input.shippingAddress, errors);
  if (input.shippingAddressExternalId) {
    return customerAddress(
      customer,
      input.shippingAddressExternalId,
      'shippingAddressExternalId',
      errors,
    );
  }
  return null;
}

function toComments(
  inputs: CommentInput[],
  defaultAuthor: string,
  createdAt: string,
): WireOrderComment[] {
  return inputs.map((comment) => ({
    author: comment.author ?? defaultAuthor,
    text: comment.text,
    createdAt,
  }));
}

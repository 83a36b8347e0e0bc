import { Decimal } from 'decimal.js';
import type { DearTaxRuleRecord } from '../../sample/dear-seed.js';
import type { SaleAdditionalCharge, SaleOrderLine } from './sale-types.js';
import {
  isObject,
  MessageCollector,
  readDecimal,
  readString,
  round2,
  type Read,
} from './sale-values.js';
import type { SimState } from './state.js';

/**
 * Parsing and checking of `POST sale/order` lines and additional charges. Every problem is
 * collected with the line it belongs to ("Line 2 (SKU CUP-8OZ-1000): ..."), so a client sees
 * all of them in one 400 response.
 */

export interface CheckedAmounts {
  label: string;
  quantity: Decimal;
  price: Decimal;
  discount: Decimal;
  tax: Decimal;
  total: Decimal;
  rule: DearTaxRuleRecord;
}

const ZERO = new Decimal(0);

function prefixed<T>(label: string, result: Read<T>): Read<T> {
  return result.ok ? result : { ok: false, message: `${label}: ${result.message}` };
}

function readAmounts(
  state: SimState,
  raw: Record<string, unknown>,
  label: string,
  messages: MessageCollector,
): Omit<CheckedAmounts, 'label'> | undefined {
  const before = messages.messages.length;
  const read = <T>(result: Read<T>) => messages.take(prefixed(label, result));
  const quantity = read(
    readDecimal(raw.Quantity, 'Quantity', { maxPlaces: 4, min: 1, required: true }),
  );
  const price = read(readDecimal(raw.Price, 'Price', { maxPlaces: 4, min: 0, required: true }));
  const discount =
    read(readDecimal(raw.Discount, 'Discount', { maxPlaces: 2, min: 0, max: 100 })) ?? ZERO;
  const tax = read(readDecimal(raw.Tax, 'Tax', { maxPlaces: 4, required: true }));
  const total = read(readDecimal(raw.Total, 'Total', { maxPlaces: 4, required: true }));
  const ruleName = read(readString(raw.TaxRule, 'TaxRule', 50, true));
  let rule: DearTaxRuleRecord | undefined;
  if (ruleName !== undefined) {
    rule = state.findTaxRule(ruleName);
    if (!rule) messages.add(`${label}: Tax rule '${ruleName}' not found.`);
    else if (!rule.IsActive) messages.add(`${label}: Tax rule '${ruleName}' is inactive.`);
    else if (!rule.IsTaxForSale)
      messages.add(`${label}: Tax rule '${ruleName}' is not a sale tax rule.`);
  }
  if (messages.messages.length > before || !quantity || !price || !tax || !total || !rule)
    return undefined;
  return { quantity, price, discount, tax, total, rule };
}

/** Checks `Total == round2(Quantity × Price × (1 − Discount/100))`; returns the expected total. */
export function expectedLineTotal(
  amounts: Pick<CheckedAmounts, 'quantity' | 'price' | 'discount'>,
): Decimal {
  return round2(
    amounts.quantity
      .times(amounts.price)
      .times(new Decimal(1).minus(amounts.discount.dividedBy(100))),
  );
}

function checkTotal(amounts: CheckedAmounts, messages: MessageCollector): void {
  const expected = expectedLineTotal(amounts);
  if (!amounts.total.equals(expected)) {
    messages.add(
      `${amounts.label}: Total ${amounts.total.toFixed()} does not match Quantity ${amounts.quantity.toFixed()} × Price ` +
        `${amounts.price.toFixed()} × (1 − Discount ${amounts.discount.toFixed()}/100) = ${expected.toFixed(2)} ` +
        `(rounded to 2 decimal places, half away from zero).`,
    );
  }
}

export interface ParsedLines {
  lines: SaleOrderLine[];
  charges: SaleAdditionalCharge[];
  amounts: CheckedAmounts[];
}

function parseLine(
  state: SimState,
  raw: unknown,
  index: number,
  messages: MessageCollector,
): [SaleOrderLine, CheckedAmounts] | undefined {
  const position = `Line ${index + 1}`;
  if (!isObject(raw)) {
    messages.add(`${position}: must be an object.`);
    return undefined;
  }
  const sku = typeof raw.SKU === 'string' ? raw.SKU : undefined;
  const productId = typeof raw.ProductID === 'string' ? raw.ProductID : undefined;
  const label = sku
    ? `${position} (SKU ${sku})`
    : productId
      ? `${position} (ProductID ${productId})`
      : position;
  const before = messages.messages.length;
  if (!sku && !productId) messages.add(`${label}: ProductID or SKU is required.`);
  const name = typeof raw.Name === 'string' && raw.Name.trim() !== '' ? raw.Name : undefined;
  if (name === undefined) messages.add(`${label}: Name is required.`);
  else if (name.length > 1024) messages.add(`${label}: Name is longer than 1024 characters.`);

  const product = productId
    ? state.products.get(productId.toLowerCase())
    : sku
      ? state.findProductBySku(sku)
      : undefined;
  if ((productId || sku) && !product) messages.add(`${label}: product not found.`);
  if (product && productId && sku && product.SKU.toLowerCase() !== sku.toLowerCase()) {
    messages.add(
      `${label}: SKU ${sku} does not belong to ProductID ${productId} (its SKU is ${product.SKU}).`,
    );
  }
  if (product?.Type === 'Service') {
    messages.add(
      `${label}: '${product.Name}' is a Service product; send it in AdditionalCharges instead of Lines.`,
    );
  }
  // NOTE: rejecting deprecated products on sale lines is an assumption; Cin7 Core does not document it.
  if (product?.Status === 'Deprecated')
    messages.add(`${label}: product '${product.Name}' is deprecated.`);
  const comment = messages.take(prefixed(label, readString(raw.Comment, 'Comment', 256)));

  const amounts = readAmounts(state, raw, label, messages);
  if (!product || !amounts || messages.messages.length > before) return undefined;
  const checked: CheckedAmounts = { label, ...amounts };
  checkTotal(checked, messages);
  const line: SaleOrderLine = {
    ProductID: product.ID,
    SKU: product.SKU,
    Name: name ?? product.Name,
    Quantity: amounts.quantity,
    Price: amounts.price,
    Discount: amounts.discount,
    Tax: amounts.tax,
    AverageCost: new Decimal(typeof product.AverageCost === 'number' ? product.AverageCost : 0),
    TaxRule: amounts.rule.Name,
    Comment: comment ?? '',
    DropShip: raw.DropShip === true,
    BackorderQuantity: ZERO,
    Total: amounts.total,
  };
  return [line, checked];
}

function parseCharge(
  state: SimState,
  raw: unknown,
  index: number,
  messages: MessageCollector,
): [SaleAdditionalCharge, CheckedAmounts] | undefined {
  const position = `Additional charge ${index + 1}`;
  if (!isObject(raw)) {
    messages.add(`${position}: must be an object.`);
    return undefined;
  }
  const description = typeof raw.Description === 'string' ? raw.Description : undefined;
  const label = description ? `${position} (${description})` : position;
  const before = messages.messages.length;
  if (!description) {
    messages.add(`${label}: Description is required and must be the name of a Service product.`);
  } else {
    const services = [...state.products.values()].filter(
      (product) => product.Type === 'Service' && product.Status !== 'Deprecated',
    );
    if (!services.some((service) => service.Name === description)) {
      messages.add(
        `${label}: Description must be the exact name of a Service product; known services are ${services.map((service) => `'${service.Name}'`).join(', ') || 'none'}.`,
      );
    }
  }
  const comment = messages.take(prefixed(label, readString(raw.Comment, 'Comment', 1024)));
  const amounts = readAmounts(state, raw, label, messages);
  if (!description || !amounts || messages.messages.length > before) return undefined;
  const checked: CheckedAmounts = { label, ...amounts };
  checkTotal(checked, messages);
  const charge: SaleAdditionalCharge = {
    Description: description,
    Quantity: amounts.quantity,
    Price: amounts.price,
    Discount: amounts.discount,
    Tax: amounts.tax,
    Total: amounts.total,
    TaxRule: amounts.rule.Name,
    Comment: comment ?? '',
  };
  return [charge, checked];
}

/** Parses `Lines` and `AdditionalCharges`, collecting per-line problems into `messages`. */
export function parseOrderLines(
  state: SimState,
  rawLines: unknown,
  rawCharges: unknown,
  messages: MessageCollector,
): ParsedLines {
  const parsed: ParsedLines = { lines: [], charges: [], amounts: [] };
  if (!Array.isArray(rawLines)) messages.add('Lines is required and must be an array.');
  else {
    rawLines.forEach((raw, index) => {
      const result = parseLine(state, raw, index, messages);
      if (result) {
        parsed.lines.push(result[0]);
        parsed.amounts.push(result[1]);
      }
    });
  }
  if (rawCharges !== undefined && rawCharges !== null && !Array.isArray(rawCharges))
    messages.add('AdditionalCharges must be an array.');
  else if (Array.isArray(rawCharges)) {
    rawCharges.forEach((raw, index) => {
      const result = parseCharge(state, raw, index, messages);
      if (result) {
        parsed.charges.push(result[0]);
        parsed.amounts.push(result[1]);
      }
    });
  }
  return parsed;
}

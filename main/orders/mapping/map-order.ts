import { Decimal } from 'decimal.js';
import { formatDearDate } from '../../dear/dates.js';
import type { DearCustomer, DearLocation, DearPriceTier, DearProduct } from '../../dear/records.js';
import type { WireOrder } from '../../upstock/wire.js';
import {
  computeSaleOrderAmounts,
  type LineAmounts,
  type LineAmountsInput,
  type TaxCalculationMethod,
} from '../totals.js';
import { defaultContactName, mapSaleAddress } from './addresses.js';
import { mapComments } from './notes.js';
import { saleExternalId } from '../sale-match.js';
import { chooseSaleTaxRate } from './tax-rule.js';
import type {
  DearSaleOrderRequest,
  DearSaleOrderRow,
  DearSaleRequest,
  MappingReference,
  MappingResult,
  OrderSettings,
  ParkReason,
} from './types.js';

/**
 * Maps an approved Upstock order to the bodies of `POST /sale` and `POST /sale/order`.
 * `customer` is the cached Cin7 Core customer named by the order, or null when it is not in
 * the cache. Returns a park reason instead when the order cannot be pushed as it is. The
 * reasons are another currency, an unknown customer or product, a service product on a line,
 * freight without a freight service product, no location, or an unsupported tax rule. So are
 * a price tier that is not the tenant's, a quantity with more decimal places than `/me`
 * allows, and amounts that Cin7 Core cannot store exactly. Never throws for bad order data.
 */
export function mapApprovedOrder(
  order: WireOrder,
  customer: DearCustomer | null,
  reference: MappingReference,
  settings: OrderSettings,
): MappingResult {
  if (!customer) {
    return park(
      'unknown-customer',
      `Customer "${order.customer.name}" (Cin7 Core ID ${order.customer.externalId}) is not in ` +
        "the agent's copy of Cin7 Core customers. Run the customer import, or check that the " +
        'customer still exists in Cin7 Core, then retry the order.',
    );
  }

  const baseCurrency = reference.me.currency;
  if (order.currency.toUpperCase() !== baseCurrency.toUpperCase()) {
    return park(
      'currency',
      `The order is in ${order.currency}, but the Cin7 Core account's base currency is ` +
        `${baseCurrency}. Only base-currency orders can be pushed; enter this sale by hand.`,
    );
  }
  if (customer.currency && customer.currency.toUpperCase() !== baseCurrency.toUpperCase()) {
    return park(
      'currency',
      `Customer "${customer.name}" trades in ${customer.currency}, not the base currency ` +
        `${baseCurrency}. Only base-currency orders can be pushed; enter this sale by hand.`,
    );
  }

  const taxRate = chooseSaleTaxRate(reference.taxRules, reference.me, settings.taxRule);
  if (!taxRate.ok) return { ok: false, park: taxRate.park };

  const location = chooseLocation(reference.locations, customer, settings.location);
  if (!location.ok) return { ok: false, park: location.park };

  const priceTier = choosePriceTier(reference.priceTiers, customer);
  if (!priceTier.ok) return { ok: false, park: priceTier.park };

  const quantityPlaces = reference.me.maxQuantityDecimals;
  if (quantityPlaces !== null && quantityPlaces !== undefined) {
    for (const [index, line] of order.lines.entries()) {
      const places = new Decimal(line.quantity).decimalPlaces();
      if (places <= quantityPlaces) continue;
      return park(
        'quantity-precision',
        `Line ${index + 1} (${line.code}): quantity ${line.quantity} has ${places} decimal ` +
          `places, but this Cin7 Core account keeps ${quantityPlaces} ` +
          '(MaximumDecimalPlacesInQuantity). Change the quantity in Upstock.',
      );
    }
  }

  const products: DearProduct[] = [];
  for (const [index, line] of order.lines.entries()) {
    const product = reference.products.get(line.productExternalId);
    const label = `${index + 1} (${line.code})`;
    if (!product) {
      return park(
        'unknown-product',
        `Line ${label}: product ${line.productExternalId} is not in the agent's copy of Cin7 ` +
          'Core products. Run the product import, or replace the line in Upstock, then retry.',
      );
    }
    if (isServiceProduct(product)) {
      return park(
        'service-product',
        `Line ${label}: "${product.name}" is a service product in Cin7 Core and cannot be an ` +
          'order line. Remove the line in Upstock, then retry.',
      );
    }
    products.push(product);
  }

  const freight = new Decimal(order.freight);
  const freightProduct = reference.freightProduct;
  if (!freight.isZero() && (!freightProduct || !isServiceProduct(freightProduct))) {
    return park(
      'missing-freight-product',
      `The order has freight ${freight.toFixed(2)}, but Cin7 Core has no service product named ` +
        `"${settings.freightProduct}" to carry it. Create that service product in Cin7 Core, ` +
        'or set the freight product name in the agent settings, then retry.',
    );
  }

  const method = taxMethod(reference.me.taxCalculationMethod);
  if (!method) {
    return park(
      'unsupported-tax-rule',
      `Cin7 Core reports the tax calculation method "${reference.me.taxCalculationMethod}", ` +
        'which the agent does not know; it supports "Row Total" and "Total".',
    );
  }

  const amounts = computeSaleOrderAmounts(
    order.lines.map((line, index): LineAmountsInput => ({
      label: `${index + 1} (${line.code})`,
      quantity: new Decimal(line.quantity),
      unitPrice: new Decimal(line.unitPrice),
      discountPercent: new Decimal(line.discountPercent ?? 0),
      lineTotal: new Decimal(line.lineTotal),
    })),
    freight,
    taxRate.value.rate,
    method,
  );
  if (!amounts.ok) return park('not-representable', amounts.reason);

  const ruleName = taxRate.value.ruleName;
  const comments = mapComments(order);
  const timeZone = reference.me.timeZone ?? 'UTC';
  const sale: DearSaleRequest = {
    CustomerID: customer.id,
    Customer: customer.name,
    Contact: defaultContactName(customer),
    Phone: defaultContact(customer)?.phone ?? null,
    Email: defaultContact(customer)?.email ?? null,
    SkipQuote: true,
    SaleType: 'Simple',
    BillingAddress: mapSaleAddress(order.billingAddress, customer, 'billing'),
    ShippingAddress: mapSaleAddress(order.shippingAddress, customer, 'shipping'),
    ShippingNotes: comments.shippingNotes,
    TaxRule: ruleName,
    TaxInclusive: false,
    Terms: customer.paymentTerm,
    PriceTier: priceTier.value,
    Location: location.value.name,
    SaleOrderDate: tenantDate(order.orderDate, timeZone),
    ShipBy: order.deliveryDate ? tenantDate(order.deliveryDate, timeZone) : null,
    Note: comments.note,
    CustomerReference: (order.reference?.trim() || order.number).slice(0, 256),
    SalesRepresentative: customer.salesRepresentative?.trim() || settings.fallbackSalesRep,
    Carrier: customer.carrier,
    CurrencyRate: 1,
    ExternalID: saleExternalId(reference.supplierId, order.id),
  };

  const value = amounts.value;
  const saleOrder: DearSaleOrderRequest = {
    Status: settings.saleStatus,
    Memo: '',
    AutoPickPackShipMode: 'NOPICK',
    CombineAdditionalCharges: false,
    Lines: value.lines.map((row, index) => ({
      ProductID: products[index]!.id,
      SKU: products[index]!.sku,
      Name: products[index]!.name,
      ...toRow(row, ruleName),
    })),
    AdditionalCharges:
      value.freight && freightProduct
        ? [{ Description: freightProduct.name, ...toRow(value.freight, ruleName) }]
        : [],
    TotalBeforeTax: toDearNumber(value.totalBeforeTax),
    Tax: toDearNumber(value.tax),
    Total: toDearNumber(value.total),
  };
  return { ok: true, sale, saleOrder };
}

/**
 * Converts a Decimal of at most 4 dp to the JSON number Cin7 Core takes. Exact for every
 * amount below 10^11, because JavaScript prints such a double as its shortest decimal form.
 */
export function toDearNumber(value: Decimal): number {
  return Number(value.toFixed(4));
}

function toRow(row: LineAmounts, ruleName: string): DearSaleOrderRow {
  return {
    Quantity: toDearNumber(row.quantity),
    Price: toDearNumber(row.price),
    Discount: toDearNumber(row.discount),
    Tax: toDearNumber(row.tax),
    TaxRule: ruleName,
    Total: toDearNumber(row.total),
    Comment: '',
  };
}

/** Returns true for products that cannot be a sale line: services and other non-stock types. */
export function isServiceProduct(product: DearProduct): boolean {
  const type = product.type.toLowerCase();
  return type === 'service' || type === 'non-inventory' || type === 'noninventory';
}

function chooseLocation(
  locations: readonly DearLocation[],
  customer: DearCustomer,
  configured: string | null,
): { ok: true; value: DearLocation } | { ok: false; park: ParkReason } {
  const byName = (name: string): DearLocation | undefined =>
    locations.find((location) => location.name.toLowerCase() === name.trim().toLowerCase());

  if (configured) {
    const found = byName(configured);
    if (found) return { ok: true, value: found };
    return park(
      'missing-location',
      `The location "${configured}" set in the agent's order settings does not exist in Cin7 ` +
        'Core. Pick an existing location in the settings, then retry.',
    );
  }
  const chosen =
    (customer.location ? byName(customer.location) : undefined) ??
    locations.find((location) => location.isDefault) ??
    locations[0];
  if (chosen) return { ok: true, value: chosen };
  return park(
    'missing-location',
    'Cin7 Core has no locations to pick the order from. Create a location in Cin7 Core, then retry.',
  );
}

/**
 * Returns the customer's price tier as `ref/priceTier` spells it, matched after trimming and
 * ignoring case, or null when the customer has none. Parks when no tenant tier has that name.
 */
function choosePriceTier(
  tiers: readonly DearPriceTier[],
  customer: DearCustomer,
): { ok: true; value: string | null } | { ok: false; park: ParkReason } {
  const expected = customer.priceTier?.trim().toLowerCase() ?? '';
  if (expected === '') return { ok: true, value: null };
  const found = tiers.find((tier) => tier.name.trim().toLowerCase() === expected);
  if (found) return { ok: true, value: found.name };
  const known = tiers.map((tier) => `"${tier.name}"`).join(', ') || 'none are cached';
  return park(
    'unknown-price-tier',
    `Customer "${customer.name}" has price tier "${customer.priceTier}", which is not one of ` +
      `the Cin7 Core price tiers (${known}). Correct the customer's price tier in Cin7 Core, ` +
      'or sync the reference data, then retry the order.',
  );
}

function defaultContact(customer: DearCustomer) {
  return customer.contacts.find((c) => c.isDefault) ?? customer.contacts[0] ?? null;
}

/** Turns an Upstock date (`YYYY-MM-DD`, or a timestamp) into the tenant-local calendar day. */
function tenantDate(value: string, timeZone: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDearDate(value);
  return formatDearDate(new Date(value), timeZone);
}

function taxMethod(method: string): TaxCalculationMethod | null {
  const normalized = method.trim().toLowerCase();
  if (normalized === 'total') return 'Total';
  if (normalized === 'row total') return 'Row Total';
  return null;
}

function park(code: ParkReason['code'], message: string): { ok: false; park: ParkReason } {
  return { ok: false, park: { code, message } };
}

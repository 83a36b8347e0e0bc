import type { RunSummary } from '../../../shared/sync.js';
import type { Engine } from '../../engine.js';
import { ledgerFor } from '../../orders/ledger.js';
import type { SimSnapshot } from '../../simulators/upstock/control.js';
import type { WireCustomer, WireOrder } from '../../upstock/wire.js';
import { callControl } from './control-client.js';
import type { Sandbox } from './environment.js';

/** The end state expected for an order of the scenario. */
export type ExpectedOutcome = 'shipped' | 'partly shipped' | 'pushed' | 'parked';

/** One sample order and where it ended. */
export interface ScenarioOrder {
  scenario: string;
  expected: ExpectedOutcome;
  orderId: string;
  orderNumber: string;
  customer: string;
  /** The order ledger state after the orders job (`pushed`, `parked`, ...). */
  ledgerState: string | null;
  saleNumber: string | null;
  parkReason: string | null;
  /** The Upstock order status after the shipments job. */
  upstockStatus: string;
  shipments: { carrier: string; trackingNumbers: string[]; partial: boolean }[];
  /** True when the order ended as `expected`. */
  asExpected: boolean;
}

/** The result of the order scenario. */
export interface OrderScenarioResult {
  orders: ScenarioOrder[];
  runs: RunSummary[];
}

interface PlannedOrder {
  scenario: string;
  expected: ExpectedOutcome;
  customer: WireCustomer;
  body: Record<string, unknown>;
  /** Lines to ship in Cin7 Core (SKU and quantity); `all` ships everything. */
  ship: 'all' | { sku: string; quantity: number }[] | null;
}

interface DearState {
  me: { Currency?: string };
  stock: Record<string, number>;
}

/** Returns up to `count` products on the customer's price list that Upstock sells and Cin7 Core stocks. */
function orderableProducts(
  snapshot: SimSnapshot,
  customer: WireCustomer,
  stock: Record<string, number>,
  count: number,
) {
  const priceList = snapshot.priceLists.find((list) => list.key === customer.priceListKey);
  const priced = new Set(priceList?.prices.map((price) => price.productExternalId) ?? []);
  return snapshot.products
    .filter((product) => product.availability === 'available' && priced.has(product.externalId))
    .filter((product) => (stock[product.code] ?? 0) >= 10)
    .slice(0, count);
}

function shippingAddresses(customer: WireCustomer) {
  return customer.addresses.filter((address) => address.type === 'shipping');
}

/**
 * Plans four orders from the customers and products the import sent to Upstock. The first
 * has freight, a second shipping address and a reference. The second has no reference and a
 * customer without a sales representative. The third is shipped in part, and the fourth is in
 * a foreign currency, so it must be parked. Throws an Error when no customer fits a plan.
 */
function planOrders(snapshot: SimSnapshot, dear: DearState): PlannedOrder[] {
  const base = dear.me.Currency ?? 'NZD';
  const active = snapshot.customers.filter((customer) => customer.active && customer.priceListKey);
  const local = active.filter((customer) => customer.currency === base);
  const pick = (what: string, found: WireCustomer | undefined): WireCustomer => {
    if (!found)
      throw new Error(`The sample merchant has no ${what}; the order scenario cannot run.`);
    return found;
  };

  const twoAddresses = pick(
    'local customer with a sales representative and two shipping addresses',
    local.find((customer) => customer.salesRep && shippingAddresses(customer).length >= 2),
  );
  const noRep = pick(
    'local customer without a sales representative',
    local.find((customer) => !customer.salesRep),
  );
  const partly = pick(
    'third local customer',
    local.find((customer) => customer !== twoAddresses && customer !== noRep && customer.salesRep),
  );
  const foreign = pick(
    `customer in a currency other than ${base}`,
    active.find((customer) => customer.currency !== base),
  );

  const lines = (customer: WireCustomer, quantities: number[]) => {
    const products = orderableProducts(snapshot, customer, dear.stock, quantities.length);
    if (products.length < quantities.length) {
      throw new Error(
        `Customer ${customer.name} has fewer than ${quantities.length} priced products in stock.`,
      );
    }
    return products.map((product, index) => ({
      productExternalId: product.externalId,
      quantity: quantities[index],
      sku: product.code,
    }));
  };
  const body = (
    customer: WireCustomer,
    orderLines: ReturnType<typeof lines>,
    extra: Record<string, unknown>,
  ) => ({
    customerExternalId: customer.externalId,
    lines: orderLines.map(({ productExternalId, quantity }) => ({ productExternalId, quantity })),
    ...extra,
  });

  const secondAddress =
    shippingAddresses(twoAddresses).find((address) => !address.default) ??
    shippingAddresses(twoAddresses)[1]!;
  const partlyLines = lines(partly, [4, 1]);
  return [
    {
      scenario: 'freight, second shipping address, reference',
      expected: 'shipped',
      customer: twoAddresses,
      body: body(twoAddresses, lines(twoAddresses, [2, 1]), {
        freight: '12.5000',
        reference: 'PO-SANDBOX-1',
        shippingAddressExternalId: secondAddress.externalId,
      }),
      ship: 'all',
    },
    {
      scenario: 'no reference, customer without a sales representative',
      expected: 'pushed',
      customer: noRep,
      body: body(noRep, lines(noRep, [3]), { reference: null }),
      ship: null,
    },
    {
      scenario: 'shipped in part',
      expected: 'partly shipped',
      customer: partly,
      body: body(partly, partlyLines, { reference: 'PO-SANDBOX-3' }),
      ship: [{ sku: partlyLines[0]!.sku, quantity: 2 }],
    },
    {
      scenario: `in ${foreign.currency}, which must be parked`,
      expected: 'parked',
      customer: foreign,
      body: body(foreign, lines(foreign, [1]), { reference: 'PO-SANDBOX-4' }),
      ship: null,
    },
  ];
}

function outcomeOf(order: ScenarioOrder): ExpectedOutcome | 'other' {
  if (order.ledgerState === 'parked') return 'parked';
  if (order.ledgerState !== 'pushed') return 'other';
  if (order.upstockStatus === 'shipped') return 'shipped';
  if (order.shipments.some((shipment) => shipment.partial)) return 'partly shipped';
  return order.shipments.length === 0 ? 'pushed' : 'other';
}

/**
 * Runs the order scenario against the sandbox: places and approves the planned orders in the
 * Upstock simulator, runs the orders job, ships some sales in the Cin7 Core simulator, runs the
 * shipments job and reads the orders back from Upstock. `step` receives one line per step.
 * Throws an Error when a control call fails.
 */
export async function runOrderScenario(
  sandbox: Sandbox,
  engine: Engine,
  step: (line: string) => void,
): Promise<OrderScenarioResult> {
  const upstockControl = `${sandbox.upstock.origin}_control/`;
  const dearControl = sandbox.dear.controlUrl;
  const snapshot = await callControl<SimSnapshot>(upstockControl, 'GET', 'state');
  const dear = await callControl<DearState>(dearControl, 'GET', 'state');
  const plans = planOrders(snapshot, dear);

  const placed: { plan: PlannedOrder; order: WireOrder }[] = [];
  for (const plan of plans) {
    const order = await callControl<WireOrder>(upstockControl, 'POST', 'orders', plan.body);
    await callControl<WireOrder>(
      upstockControl,
      'POST',
      `orders/${encodeURIComponent(order.id)}/approve`,
    );
    step(`Placed and approved order ${order.number} for ${plan.customer.name} (${plan.scenario})`);
    placed.push({ plan, order });
  }

  const runs: RunSummary[] = [];
  step('Running the orders job');
  runs.push(...(await engine.syncNow({ job: 'orders', trigger: 'sandbox' })));
  const ledger = ledgerFor(engine.store);
  for (const { order } of placed) {
    const entry = ledger.get(order.id);
    const detail =
      entry?.state === 'parked'
        ? `parked: ${entry.parkReason ?? ''}`
        : `${entry?.state ?? 'not in the ledger'}${entry?.saleNumber ? ` as sale ${entry.saleNumber}` : ''}`;
    step(`Order ${order.number}: ${detail}`);
  }

  for (const { plan, order } of placed) {
    const saleId = ledger.get(order.id)?.saleId;
    if (!plan.ship || !saleId) continue;
    const request = {
      carrier: 'NZ Post',
      trackingNumber: `NZP${order.number.replace(/\D/g, '').padStart(6, '0')}`,
      ...(plan.ship === 'all' ? {} : { lines: plan.ship }),
    };
    await callControl(dearControl, 'POST', `sales/${encodeURIComponent(saleId)}/ship`, request);
    step(
      `Shipped ${plan.ship === 'all' ? 'all of' : 'part of'} sale ${ledger.get(order.id)?.saleNumber ?? saleId} in Cin7 Core (tracking ${request.trackingNumber})`,
    );
  }

  step('Running the shipments job');
  runs.push(...(await engine.syncNow({ job: 'shipments', trigger: 'sandbox' })));

  const after = await callControl<SimSnapshot>(upstockControl, 'GET', 'state');
  const orders = placed.map(({ plan, order }) => {
    const upstockOrder = after.orders.find((candidate) => candidate.id === order.id);
    const entry = ledger.get(order.id);
    const result: ScenarioOrder = {
      scenario: plan.scenario,
      expected: plan.expected,
      orderId: order.id,
      orderNumber: order.number,
      customer: plan.customer.name,
      ledgerState: entry?.state ?? null,
      saleNumber: entry?.saleNumber ?? null,
      parkReason: entry?.parkReason ?? null,
      upstockStatus: upstockOrder?.status ?? 'missing',
      shipments: (upstockOrder?.shipments ?? []).map((shipment) => ({
        carrier: shipment.carrier,
        trackingNumbers: shipment.trackingNumbers,
        partial: shipment.partial,
      })),
      asExpected: false,
    };
    result.asExpected = outcomeOf(result) === plan.expected;
    step(
      `Upstock order ${order.number}: ${result.upstockStatus}${result.shipments.length ? `, ${result.shipments.length} shipments (${result.shipments.flatMap((s) => s.trackingNumbers).join(', ')})` : ''}`,
    );
    return result;
  });
  return { orders, runs };
}

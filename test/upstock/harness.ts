import { UpstockClient, type UpstockClientOptions } from '../../main/upstock/client.js';
import type { WireCustomerInput, WireProductInput } from '../../main/upstock/wire.js';
import {
  startUpstockSimulator,
  type UpstockSimulator,
  type UpstockSimulatorOptions,
} from '../../main/simulators/upstock/server.js';

/** Starts a simulator on a free port and a client for it with millisecond backoffs. */
export async function startPair(
  simulatorOptions: UpstockSimulatorOptions = {},
  clientOptions: Partial<UpstockClientOptions> = {},
): Promise<{ sim: UpstockSimulator; client: UpstockClient }> {
  const sim = await startUpstockSimulator(simulatorOptions);
  const client = new UpstockClient({
    baseUrl: sim.url,
    token: sim.token,
    retryBaseMs: 1,
    ...clientOptions,
  });
  return { sim, client };
}

/** Returns a valid product with `overrides` applied. */
export function product(n: number, overrides: Partial<WireProductInput> = {}): WireProductInput {
  return {
    externalId: `dear-product-${n}`,
    code: `SKU-${String(n).padStart(5, '0')}`,
    name: `Flat white beans ${n}`,
    description: 'Medium roast',
    category: 'Coffee',
    brand: 'Harbourside',
    unit: 'kg',
    barcode: null,
    imageUrls: [`https://images.example.test/${n}.jpg`],
    notes: null,
    availability: 'available',
    ...overrides,
  };
}

/** Returns a valid customer with one billing and two shipping addresses. */
export function customer(n: number, overrides: Partial<WireCustomerInput> = {}): WireCustomerInput {
  return {
    externalId: `dear-customer-${n}`,
    name: `Cafe ${n}`,
    contacts: [{ name: `Owner ${n}`, email: `owner${n}@cafe.example.test`, default: true }],
    addresses: [
      {
        externalId: `addr-${n}-bill`,
        type: 'billing',
        default: true,
        line1: `${n} Queen St`,
        city: 'Auckland',
        country: 'New Zealand',
      },
      {
        externalId: `addr-${n}-ship`,
        type: 'shipping',
        default: true,
        line1: `${n} Wharf Rd`,
        city: 'Auckland',
        country: 'New Zealand',
      },
      {
        externalId: `addr-${n}-ship2`,
        type: 'shipping',
        default: false,
        line1: `${n} Dock Ln`,
        city: 'Wellington',
        country: 'New Zealand',
      },
    ],
    priceListKey: null,
    salesRep: 'Ana Rep',
    taxRule: 'GST 15%',
    paymentTerm: '20th of next month',
    currency: 'NZD',
    active: true,
    ...overrides,
  };
}

/** Sends a control API request and returns the status and parsed JSON body (if any). */
export async function controlCall(
  sim: UpstockSimulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${sim.origin}_control/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

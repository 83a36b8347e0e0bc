import { readFileSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import type { UpstockClient } from '../../main/upstock/client.js';
import type { UpstockSimulator } from '../../main/simulators/upstock/server.js';
import { customer, product, startPair } from './harness.js';

/** The OpenAPI document, checked against what the simulator really serves. */
interface SchemaNode {
  $ref?: string;
  allOf?: SchemaNode[];
  required?: string[];
  properties?: Record<string, SchemaNode>;
}

const document = parse(
  readFileSync(new URL('../../docs/upstock-agent-api.yaml', import.meta.url), 'utf8'),
) as {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, SchemaNode> };
};

function resolve(node: SchemaNode): SchemaNode {
  if (node.$ref) return resolve(document.components.schemas[node.$ref.split('/').at(-1)!]!);
  return node;
}

/** Returns the property names a schema declares, following $ref and allOf. */
function declaredProperties(name: string): string[] {
  const collect = (node: SchemaNode): string[] => {
    const resolved = resolve(node);
    const own = Object.keys(resolved.properties ?? {});
    return [...own, ...(resolved.allOf ?? []).flatMap(collect)];
  };
  return collect({ $ref: `#/components/schemas/${name}` }).sort();
}

function requiredProperties(name: string): string[] {
  const collect = (node: SchemaNode): string[] => {
    const resolved = resolve(node);
    return [...(resolved.required ?? []), ...(resolved.allOf ?? []).flatMap(collect)];
  };
  return collect({ $ref: `#/components/schemas/${name}` }).sort();
}

let sim: UpstockSimulator;
let client: UpstockClient;

beforeAll(async () => {
  ({ sim, client } = await startPair());
});

afterAll(async () => {
  await sim.close();
});

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 with every operation the client uses', () => {
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => ['get', 'post', 'put', 'delete'].includes(key))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );

    expect(document.openapi).toBe('3.1.0');
    expect(operations.sort()).toEqual(
      [
        'GET /v1/account',
        'POST /v1/products/batch',
        'GET /v1/products',
        'POST /v1/customers/batch',
        'GET /v1/customers',
        'GET /v1/price-lists',
        'GET /v1/price-lists/{key}',
        'PUT /v1/price-lists/{key}',
        'DELETE /v1/price-lists/{key}',
        'GET /v1/orders',
        'GET /v1/orders/{id}',
        'POST /v1/orders/{id}/claim',
        'DELETE /v1/orders/{id}/claim',
        'POST /v1/orders/{id}/claim/renew',
        'PUT /v1/orders/{id}/integration',
        'POST /v1/orders/{id}/shipment',
      ].sort(),
    );
  });

  it('declares exactly the fields the simulator returns', async () => {
    await client.upsertProducts([product(1)]);
    await client.putPriceList('pl_a', {
      name: 'A',
      prices: [{ productExternalId: 'dear-product-1', price: '1.0000' }],
    });
    const batch = await client.upsertCustomers([customer(1, { priceListKey: 'pl_a' })]);
    const placed = sim.control.placeOrder({
      customerExternalId: 'dear-customer-1',
      lines: [{ productExternalId: 'dear-product-1', quantity: '1' }],
      status: 'approved',
    });
    const claim = await client.claimOrder(placed.id, 'office-pc-1');
    const shipment = await client.markShipped(placed.id, {
      shippedAt: '2025-07-02T00:00:00Z',
      carrier: '',
      trackingNumbers: [],
    });
    const raw = async (path: string) =>
      (
        await fetch(`${sim.url}${path}`, { headers: { authorization: `Bearer ${sim.token}` } })
      ).json();

    const samples: Record<string, unknown> = {
      Account: await raw('account'),
      Product: ((await raw('products')) as { items: unknown[] }).items[0],
      Customer: ((await raw('customers')) as { items: unknown[] }).items[0],
      PriceList: await raw('price-lists/pl_a'),
      PriceListSummary: ((await raw('price-lists')) as { items: unknown[] }).items[0],
      Order: await raw(`orders/${placed.id}`),
      BatchResponse: batch,
      Claim: claim,
      ShipmentResponse: shipment,
    };

    for (const [schema, sample] of Object.entries(samples)) {
      const keys = Object.keys(sample as object).sort();
      expect({ schema, keys }).toEqual({ schema, keys: declaredProperties(schema) });
      expect({
        schema,
        missing: requiredProperties(schema).filter((key) => !keys.includes(key)),
      }).toEqual({
        schema,
        missing: [],
      });
    }
  });
});

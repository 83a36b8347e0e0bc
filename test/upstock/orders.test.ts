import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { UpstockClient } from '../../main/upstock/client.js';
import { UpstockApiError, UpstockConflictError } from '../../main/upstock/errors.js';
import type { UpstockSimulator } from '../../main/simulators/upstock/server.js';
import type { WireOrder } from '../../main/upstock/wire.js';
import { customer, product, startPair } from './harness.js';

let sim: UpstockSimulator;
let client: UpstockClient;
let clockMs = Date.parse('2025-07-01T00:00:00.000Z');

beforeAll(async () => {
  ({ sim, client } = await startPair({ now: () => new Date(clockMs) }));
});

afterAll(async () => {
  await sim.close();
});

beforeEach(async () => {
  sim.control.reset();
  clockMs = Date.parse('2025-07-01T00:00:00.000Z');
  await client.upsertProducts([product(1), product(2)]);
  await client.putPriceList('pl_tier1', {
    name: 'Tier 1',
    prices: [
      { productExternalId: 'dear-product-1', price: '12.5000' },
      { productExternalId: 'dear-product-2', price: '3.3300' },
    ],
  });
  await client.upsertCustomers([customer(1, { priceListKey: 'pl_tier1' })]);
});

function placeApproved(): WireOrder {
  const placed = sim.control.placeOrder({
    customerExternalId: 'dear-customer-1',
    lines: [
      { productExternalId: 'dear-product-1', quantity: '2' },
      { productExternalId: 'dear-product-2', quantity: '3', discountPercent: '10' },
    ],
    freight: '8.5000',
    comments: [{ text: 'Leave at the back door' }, { author: 'Merchant', text: 'Added freight' }],
    reference: 'PO-7781',
    deliveryDate: '2025-07-03',
    shippingAddressExternalId: 'addr-1-ship2',
  });
  return sim.control.approveOrder(placed.id);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

describe('order reads', () => {
  it('lists approved orders with lines, totals and addresses', async () => {
    sim.control.placeOrder({
      customerExternalId: 'dear-customer-1',
      lines: [{ productExternalId: 'dear-product-1', quantity: 1 }],
    });
    const approved = placeApproved();

    const page = await client.listApprovedOrders();

    expect(page.items.map((order) => order.id)).toEqual([approved.id]);
    const order = page.items[0]!;
    expect(order.number).toBe('UP-1002');
    expect(order.customer).toEqual({ externalId: 'dear-customer-1', name: 'Cafe 1' });
    expect(order.lines.map((line) => line.lineTotal)).toEqual(['25.0000', '8.9900']);
    expect(order.lines[1]?.unitPrice).toBe('3.3300');
    expect(order.totals).toEqual({ lines: '33.9900', freight: '8.5000', total: '42.4900' });
    expect(order.comments.map((comment) => comment.author)).toEqual(['Cafe 1', 'Merchant']);
    expect(order.shippingAddress?.externalId).toBe('addr-1-ship2');
    expect(order.billingAddress?.externalId).toBe('addr-1-bill');
    expect(order.reference).toBe('PO-7781');
    expect(order.deliveryDate).toBe('2025-07-03');
    expect(order.integration.state).toBe('pending');
  });

  it('filters by updatedSince and pages with a cursor', async () => {
    const early = placeApproved();
    clockMs += 60_000;
    const later = [placeApproved(), placeApproved(), placeApproved()];

    const since = new Date(clockMs).toISOString();
    const first = await client.listApprovedOrders({ updatedSince: since, limit: 2 });
    const second = await client.listApprovedOrders({
      updatedSince: since,
      limit: 2,
      cursor: first.nextCursor!,
    });

    const seen = [...first.items, ...second.items].map((order) => order.id);
    expect(seen).toEqual(later.map((order) => order.id));
    expect(seen).not.toContain(early.id);
    expect(second.nextCursor).toBeNull();
  });

  it('shows a one-off shipping address without an ID', async () => {
    const placed = sim.control.placeOrder({
      customerExternalId: 'dear-customer-1',
      lines: [{ productExternalId: 'dear-product-1', quantity: '1' }],
      shippingAddress: { line1: '1 Market Sq', city: 'Napier', country: 'New Zealand' },
    });

    const order = await client.getOrder(placed.id);

    expect(order.shippingAddress).toMatchObject({ externalId: null, line1: '1 Market Sq' });
  });

  it('throws a 404 for an unknown order', async () => {
    const error = await rejection(client.getOrder('ord_missing'));

    expect(error).toBeInstanceOf(UpstockApiError);
    expect((error as UpstockApiError).status).toBe(404);
  });
});

describe('order claims', () => {
  it('lets only one agent hold a claim', async () => {
    const order = placeApproved();
    const claim = await client.claimOrder(order.id, 'office-pc-1', 60);

    const error = await rejection(client.claimOrder(order.id, 'office-pc-2', 60));

    expect(claim.agentId).toBe('office-pc-1');
    expect(error).toBeInstanceOf(UpstockConflictError);
    expect((error as UpstockConflictError).problemType).toBe('claim-conflict');
    expect((error as UpstockConflictError).message).toContain('office-pc-1');
    const read = await client.getOrder(order.id);
    expect(read.integration.claim?.agentId).toBe('office-pc-1');
  });

  it('gives the same agent a fresh token on a second claim', async () => {
    const order = placeApproved();
    const first = await client.claimOrder(order.id, 'office-pc-1');

    const second = await client.claimOrder(order.id, 'office-pc-1');

    expect(second.claimToken).not.toBe(first.claimToken);
    const stale = await rejection(client.renewClaim(order.id, first.claimToken));
    expect((stale as UpstockConflictError).problemType).toBe('claim-not-held');
  });

  it('lets another agent claim after the lease expires', async () => {
    const order = placeApproved();
    const first = await client.claimOrder(order.id, 'office-pc-1', 30);
    clockMs += 31_000;

    const second = await client.claimOrder(order.id, 'office-pc-2', 30);

    expect(second.agentId).toBe('office-pc-2');
    const lost = await rejection(client.renewClaim(order.id, first.claimToken));
    expect(lost).toBeInstanceOf(UpstockConflictError);
  });

  it('renews a lease so that it outlives the first one', async () => {
    const order = placeApproved();
    const claim = await client.claimOrder(order.id, 'office-pc-1', 30);
    clockMs += 20_000;

    const renewed = await client.renewClaim(order.id, claim.claimToken, 30);
    clockMs += 20_000;

    expect(renewed.claimToken).toBe(claim.claimToken);
    expect(Date.parse(renewed.expiresAt)).toBe(Date.parse(claim.expiresAt) + 20_000);
    const blocked = await rejection(client.claimOrder(order.id, 'office-pc-2', 30));
    expect(blocked).toBeInstanceOf(UpstockConflictError);
  });

  it('frees the order on release, twice without error', async () => {
    const order = placeApproved();
    const claim = await client.claimOrder(order.id, 'office-pc-1');

    await client.releaseClaim(order.id, claim.claimToken);
    await client.releaseClaim(order.id, claim.claimToken);

    const next = await client.claimOrder(order.id, 'office-pc-2');
    expect(next.agentId).toBe('office-pc-2');
    const error = await rejection(client.releaseClaim(order.id, claim.claimToken));
    expect(error).toBeInstanceOf(UpstockConflictError);
  });

  it('refuses claims on orders that are not approved', async () => {
    const placed = sim.control.placeOrder({
      customerExternalId: 'dear-customer-1',
      lines: [{ productExternalId: 'dear-product-1', quantity: '1' }],
    });

    const error = await rejection(client.claimOrder(placed.id, 'office-pc-1'));

    expect((error as UpstockConflictError).problemType).toBe('order-not-claimable');
  });
});

describe('integration state', () => {
  it('records a pushed sale without changing the order version', async () => {
    const order = placeApproved();
    const claim = await client.claimOrder(order.id, 'office-pc-1');

    const state = await client.setIntegrationState(order.id, {
      claimToken: claim.claimToken,
      state: 'pushed',
      saleId: '5f1c2a0e-0000-4000-8000-000000000001',
      saleNumber: 'SO-00042',
    });

    expect(state).toMatchObject({ state: 'pushed', saleNumber: 'SO-00042', reason: null });
    const read = await client.getOrder(order.id);
    expect(read.integration.saleId).toBe('5f1c2a0e-0000-4000-8000-000000000001');
    expect(read.version).toBe(order.version);
    expect(read.updatedAt).toBe(order.updatedAt);
  });

  it('rejects a write without the token while another agent holds the claim', async () => {
    const order = placeApproved();
    await client.claimOrder(order.id, 'office-pc-1');

    const error = await rejection(
      client.setIntegrationState(order.id, {
        state: 'needs_attention',
        reason: 'Customer not found',
      }),
    );

    expect(error).toBeInstanceOf(UpstockConflictError);
    expect((await client.getOrder(order.id)).integration.state).toBe('pending');
  });

  it('refuses a second sale but accepts the same sale again', async () => {
    const order = placeApproved();
    await client.setIntegrationState(order.id, {
      state: 'pushed',
      saleId: 'sale-a',
      saleNumber: 'SO-1',
    });

    const again = await client.setIntegrationState(order.id, {
      state: 'pushed',
      saleId: 'sale-a',
      saleNumber: 'SO-1',
    });
    const error = await rejection(
      client.setIntegrationState(order.id, { state: 'pushed', saleId: 'sale-b' }),
    );

    expect(again.saleId).toBe('sale-a');
    expect((error as UpstockConflictError).problemType).toBe('already-pushed');
  });

  it('requires a reason for needs_attention and clears on pending', async () => {
    const order = placeApproved();

    const error = await rejection(
      client.setIntegrationState(order.id, { state: 'needs_attention' }),
    );
    const flagged = await client.setIntegrationState(order.id, {
      state: 'needs_attention',
      reason: 'SKU-00002 is not in Cin7 Core',
    });
    const cleared = await client.setIntegrationState(order.id, { state: 'pending' });

    expect((error as UpstockApiError).status).toBe(422);
    expect((error as UpstockApiError).fieldErrors[0]?.field).toBe('reason');
    expect(flagged.reason).toBe('SKU-00002 is not in Cin7 Core');
    expect(cleared).toMatchObject({ state: 'pending', reason: null, saleId: null });
  });
});

describe('shipments', () => {
  const shipment = {
    shippedAt: '2025-07-02T03:00:00Z',
    carrier: 'NZ Post',
    trackingNumbers: ['NZ123', 'NZ124'],
  };

  it('records the same shipment once and marks the order shipped', async () => {
    const order = placeApproved();

    const first = await client.markShipped(order.id, shipment);
    const second = await client.markShipped(order.id, {
      ...shipment,
      trackingNumbers: ['NZ124', 'NZ123'],
    });

    expect(first.result).toBe('created');
    expect(second.result).toBe('unchanged');
    expect(second.orderStatus).toBe('shipped');
    const read = await client.getOrder(order.id);
    expect(read.shipments).toHaveLength(1);
    expect(read.status).toBe('shipped');
    expect(read.version).toBe(order.version + 1);
  });

  it('keeps the order approved after a partial shipment', async () => {
    const order = placeApproved();

    const partial = await client.markShipped(order.id, {
      ...shipment,
      externalId: 'ff-1',
      partial: true,
    });
    const rest = await client.markShipped(order.id, {
      ...shipment,
      externalId: 'ff-2',
      trackingNumbers: ['NZ200'],
    });

    expect(partial.orderStatus).toBe('approved');
    expect(rest.orderStatus).toBe('shipped');
    expect((await client.getOrder(order.id)).shipments).toHaveLength(2);
  });

  it('updates a shipment sent again with a new tracking number', async () => {
    const order = placeApproved();
    await client.markShipped(order.id, { ...shipment, externalId: 'ff-1' });

    const updated = await client.markShipped(order.id, {
      ...shipment,
      externalId: 'ff-1',
      trackingNumbers: ['NZ123', 'NZ124', 'NZ125'],
    });

    expect(updated.result).toBe('updated');
    expect(updated.shipment.trackingNumbers).toEqual(['NZ123', 'NZ124', 'NZ125']);
  });

  it('refuses a shipment on a cancelled order', async () => {
    const order = placeApproved();
    sim.control.cancelOrder(order.id);

    const error = await rejection(client.markShipped(order.id, shipment));

    expect((error as UpstockConflictError).problemType).toBe('order-not-shippable');
  });
});

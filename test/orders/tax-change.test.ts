import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DearMe } from '../../main/dear/records.js';
import { MappingInputs } from '../../main/orders/inputs.js';
import { ledgerFor } from '../../main/orders/ledger.js';
import {
  agentRunner,
  openTestAgent,
  placeApprovedOrder,
  saleForOrder,
  startOrdersWorld,
  type OrdersWorld,
  type TestAgent,
} from './fixtures/harness.js';

let world: OrdersWorld;
let agent: TestAgent;

beforeAll(async () => {
  world = await startOrdersWorld({ taxCalculationMethod: 'Row Total' });
  agent = openTestAgent(world);
});

afterAll(async () => {
  agent.close();
  await world.close();
});

/**
 * Three lines of 0.10 at 15%: per row the tax is 3 × 0.02 = 0.06, on the document total it
 * is round2(0.30 × 15%) = 0.05, so a sale order computed for one method fails the other.
 */
function placeRoundingOrder(customerIndex: number) {
  return placeApprovedOrder(world, {
    customerId: world.customerIds[customerIndex]!,
    lines: [0, 1, 2].map((index) => ({
      productId: world.productIds[index]!,
      quantity: '1',
      unitPrice: '0.1000',
    })),
  });
}

function callsSince(count: number): string[] {
  return world.dearSim.control
    .calls()
    .slice(count)
    .map((call) => `${call.method} ${call.path} ${String(call.status)}`);
}

describe('tax calculation method change', () => {
  it('is read again and the sale order posted again', async () => {
    const first = placeRoundingOrder(0);
    const second = placeRoundingOrder(1);
    world.dearSim.control.updateSettings({ TaxCalculationMethod: 'Total' });

    const before = world.dearSim.control.calls().length;
    await agentRunner(agent).run('orders', { trigger: 'manual', mode: 'incremental' });

    for (const order of [first, second]) {
      const entry = ledgerFor(agent.store).get(order.id);
      expect(entry?.parkReason ?? null, order.number).toBeNull();
      expect(entry?.state, order.number).toBe('pushed');
      const saleOrder = saleForOrder(world, order.id)!.Order as { Tax: number };
      expect(new Decimal(saleOrder.Tax).equals('0.05'), order.number).toBe(true);
    }

    const calls = callsSince(before);
    expect(calls.filter((call) => call === 'GET me 200')).toHaveLength(1);
    expect(calls.filter((call) => call === 'GET ref/tax 200')).toHaveLength(1);
    expect(calls.filter((call) => call === 'POST sale/order 400')).toHaveLength(1);

    const cachedMe = agent.store.catalog.getReference('me')!.raw as DearMe;
    expect(cachedMe.taxCalculationMethod).toBe('Total');
  });

  it('is read at most once per run', async () => {
    const inputs = await MappingInputs.load(agent.store, agent.dear, 'supplier-1');
    const before = world.dearSim.control.calls().length;
    const first = await inputs.rereadTaxSetup(agent.dear, null);
    expect(first?.changed).toBe(false);
    expect(first?.after).toContain('"Total"');
    expect(await inputs.rereadTaxSetup(agent.dear, null)).toBeNull();
    expect(callsSince(before)).toEqual(['GET me 200', 'GET ref/tax 200']);
  });
});

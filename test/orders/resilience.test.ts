import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WireOrder } from '../../main/upstock/wire.js';
import {
  agentRunner,
  openTestAgent,
  placeApprovedOrder,
  salesPerExternalId,
  startOrdersWorld,
  type OrdersWorld,
  type TestAgent,
} from './fixtures/harness.js';

let world: OrdersWorld;
const agents: TestAgent[] = [];

beforeAll(async () => {
  world = await startOrdersWorld({ rateLimit: { calls: 600, windowMs: 1_000 } });
});

afterAll(async () => {
  await world.close();
});

afterEach(() => {
  world.dearSim.control.clearFaults();
  for (const agent of agents.splice(0)) agent.close();
});

function placeOrders(count: number): WireOrder[] {
  return Array.from({ length: count }, (_, index) =>
    placeApprovedOrder(world, {
      customerId: world.customerIds[index % world.customerIds.length]!,
      lines: [
        {
          productId: world.productIds[index % world.productIds.length]!,
          quantity: String(1 + (index % 9)),
          unitPrice: '7.2500',
          discountPercent: index % 3 === 0 ? '5' : null,
        },
      ],
      freight: index % 4 === 0 ? '6.5000' : '0.0000',
    }),
  );
}

function pushedCount(orders: WireOrder[]): number {
  const states = new Map(
    world.upstockSim.control.state().orders.map((o) => [o.id, o.integration.state]),
  );
  return orders.filter((order) => states.get(order.id) === 'pushed').length;
}

function expectEachPushedOnce(orders: WireOrder[]): void {
  const sales = salesPerExternalId(world);
  const duplicates = orders.filter((order) => (sales.get(order.id) ?? 0) > 1).map((o) => o.number);
  const missing = orders.filter((order) => (sales.get(order.id) ?? 0) === 0).map((o) => o.number);
  expect(duplicates).toEqual([]);
  expect(missing).toEqual([]);
  expect(pushedCount(orders)).toBe(orders.length);
}

describe('order push under faults', () => {
  it('pushes 200 orders once with 20% of calls failing', async () => {
    const orders = placeOrders(200);
    const agent = openTestAgent(world, { timeoutMs: 300 });
    agents.push(agent);
    const runner = agentRunner(agent);
    world.dearSim.control.setFaults({
      seed: 7,
      probabilities: {
        'throttle-429': 0.04,
        'throttle-503': 0.04,
        'http-500': 0.04,
        timeout: 0.04,
        'lost-response': 0.04,
      },
    });

    for (let run = 0; run < 15 && pushedCount(orders) < orders.length; run++) {
      await runner.run('orders', { trigger: 'manual', mode: 'incremental' });
    }
    const faulted = world.dearSim.control.calls().filter((call) => call.fault !== null).length;
    expect(faulted).toBeGreaterThan(0);
    world.dearSim.control.clearFaults();
    expectEachPushedOnce(orders);
  });
});

describe('two agents', () => {
  it('push each order once between them', async () => {
    const orders = placeOrders(60);
    const first = openTestAgent(world);
    const second = openTestAgent(world);
    agents.push(first, second);
    const runners = [agentRunner(first), agentRunner(second)];

    for (let round = 0; round < 5 && pushedCount(orders) < orders.length; round++) {
      await Promise.all(
        runners.map((runner) => runner.run('orders', { trigger: 'schedule', mode: 'incremental' })),
      );
    }
    expectEachPushedOnce(orders);
  });
});

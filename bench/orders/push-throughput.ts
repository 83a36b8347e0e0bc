/**
 * Measures the order push against a time-scaled Cin7 Core rate limit while shipment polling
 * runs: Cin7 Core calls per pushed order, and orders pushed per minute. Time runs 60 times
 * faster than real: the simulator allows 60 calls per 1,000 ms (Cin7 Core's 60 per minute),
 * the agent paces itself at 55 per 1,000 ms, and the shipments job polls every 1,000 ms (the
 * one-minute default). Prints JSON.
 *
 * Run: npx tsx bench/orders/push-throughput.ts [orders=120]
 */
import { RateLimiter } from '../../main/dear/limiter.js';
import { ledgerFor } from '../../main/orders/ledger.js';
import {
  agentRunner,
  openTestAgent,
  placeApprovedOrder,
  salesPerExternalId,
  startOrdersWorld,
} from '../../test/orders/fixtures/harness.js';

const TIME_SCALE = 60;
const SCALED_MINUTE_MS = 60_000 / TIME_SCALE;
const orderCount = Number(process.argv[2] ?? 120);

const world = await startOrdersWorld({ rateLimit: { calls: 60, windowMs: SCALED_MINUTE_MS } });
const agent = openTestAgent(world, {
  limiter: new RateLimiter({ callsPerWindow: 55, windowMs: SCALED_MINUTE_MS }),
});
const runner = agentRunner(agent);

// Happy path first: one order alone, counting its Cin7 Core calls.
const single = placeApprovedOrder(world, {
  customerId: world.customerIds[0]!,
  lines: [{ productId: world.productIds[0]!, quantity: '3', unitPrice: '9.5000' }],
  freight: '5.0000',
});
const callsBefore = agent.dear.stats.calls;
await runner.run('orders', { trigger: 'manual', mode: 'incremental' });
const happyPathCalls = agent.dear.stats.calls - callsBefore;
if (ledgerFor(agent.store).get(single.id)?.state !== 'pushed')
  throw new Error('The happy-path order was not pushed');

const orders = Array.from({ length: orderCount }, (_, index) =>
  placeApprovedOrder(world, {
    customerId: world.customerIds[index % world.customerIds.length]!,
    lines: [
      {
        productId: world.productIds[index % world.productIds.length]!,
        quantity: '2',
        unitPrice: '4.2000',
      },
      {
        productId: world.productIds[(index + 1) % world.productIds.length]!,
        quantity: '1',
        unitPrice: '11.0000',
      },
    ],
    freight: '7.5000',
  }),
);

let polling = true;
let shipmentPolls = 0;
const poller = (async () => {
  while (polling) {
    await runner.run('shipments', { trigger: 'schedule', mode: 'incremental' });
    shipmentPolls++;
    await new Promise((resolve) => setTimeout(resolve, SCALED_MINUTE_MS));
  }
})();

const started = Date.now();
const callsAtStart = agent.dear.stats.calls;
await runner.run('orders', { trigger: 'manual', mode: 'incremental' });
const elapsedMs = Date.now() - started;
polling = false;
await poller;

const ledger = ledgerFor(agent.store);
const pushed = orders.filter((order) => ledger.get(order.id)?.state === 'pushed').length;
const duplicates = [...salesPerExternalId(world).values()].filter((count) => count > 1).length;
const scaledMinutes = elapsedMs / SCALED_MINUTE_MS;

process.stdout.write(
  `${JSON.stringify(
    {
      benchmark: 'orders/push-throughput',
      timeScale: TIME_SCALE,
      simulatorLimit: `60 calls per ${SCALED_MINUTE_MS} ms (60 per minute real-equivalent)`,
      agentLimit: `55 calls per ${SCALED_MINUTE_MS} ms`,
      happyPathDearCallsPerOrder: happyPathCalls,
      orders: orderCount,
      pushed,
      duplicates,
      dearCallsDuringRun: agent.dear.stats.calls - callsAtStart,
      shipmentPollsDuringRun: shipmentPolls,
      elapsedMsScaled: elapsedMs,
      // One scaled minute has the same call budget as a real minute, so the rate carries over.
      ordersPerMinute: Number((pushed / scaledMinutes).toFixed(1)),
      node: process.version,
    },
    null,
    2,
  )}\n`,
);
agent.close();
await world.close();

/**
 * Measures the time from a sale shipping in Cin7 Core to its Upstock order showing shipped,
 * over 100 orders, with the shipments job at its one-minute default. Time runs 60 times
 * faster than real: the job polls every 1,000 ms and the simulator allows 60 calls per
 * 1,000 ms. Shipments happen at random moments over 30 scaled minutes (second argument). Reports median and
 * worst, both as measured (scaled) and multiplied back to real time. Prints JSON.
 *
 * Run: npx tsx bench/orders/shipment-latency.ts [orders=100] [minutes=30]
 */
import { RateLimiter } from '../../main/dear/limiter.js';
import { ledgerFor } from '../../main/orders/ledger.js';
import { SeededRandom } from '../../main/sample/deterministic.js';
import {
  agentRunner,
  openTestAgent,
  placeApprovedOrder,
  startOrdersWorld,
  testSettings,
} from '../../test/orders/fixtures/harness.js';

const TIME_SCALE = 60;
const INTERVAL_MS = 60_000 / TIME_SCALE;
const orderCount = Number(process.argv[2] ?? 100);

const world = await startOrdersWorld({ rateLimit: { calls: 60, windowMs: INTERVAL_MS } });
const agent = openTestAgent(world, {
  limiter: new RateLimiter({ callsPerWindow: 55, windowMs: INTERVAL_MS }),
});
const runner = agentRunner(agent, () => testSettings({ saleStatus: 'AUTHORISED' }));

const orders = Array.from({ length: orderCount }, (_, index) =>
  placeApprovedOrder(world, {
    customerId: world.customerIds[index % world.customerIds.length]!,
    lines: [
      {
        productId: world.productIds[index % world.productIds.length]!,
        quantity: '1',
        unitPrice: '5.0000',
      },
    ],
  }),
);
await runner.run('orders', { trigger: 'manual', mode: 'incremental' });
const ledger = ledgerFor(agent.store);
const saleIds = orders.map((order) => ledger.get(order.id)?.saleId);
if (saleIds.some((saleId) => !saleId)) throw new Error('Not every order was pushed');

let polling = true;
const poller = (async () => {
  while (polling) {
    await runner.run('shipments', { trigger: 'schedule', mode: 'incremental' });
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
  }
})();

const random = new SeededRandom(42);
const shippedAt = new Map<string, number>();
const seenAt = new Map<string, number>();
const windowMs = Number(process.argv[3] ?? 30) * INTERVAL_MS;
const schedule = orders
  .map((order, index) => ({ order, saleId: saleIds[index]!, at: random.next() * windowMs }))
  .sort((a, b) => a.at - b.at);

const start = Date.now();
const watcher = setInterval(() => {
  const now = Date.now();
  for (const order of world.upstockSim.control.state().orders) {
    if (order.status === 'shipped' && shippedAt.has(order.id) && !seenAt.has(order.id))
      seenAt.set(order.id, now);
  }
}, 20);

for (const item of schedule) {
  const wait = start + item.at - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  world.dearSim.control.shipSale(item.saleId, {
    carrier: 'NZ Couriers',
    trackingNumber: `TRK-${item.order.number}`,
  });
  shippedAt.set(item.order.id, Date.now());
}
const deadline = Date.now() + 10 * INTERVAL_MS;
while (seenAt.size < orders.length && Date.now() < deadline) {
  await new Promise((resolve) => setTimeout(resolve, 20));
}
clearInterval(watcher);
polling = false;
await poller;

const latencies = orders
  .filter((order) => seenAt.has(order.id))
  .map((order) => seenAt.get(order.id)! - shippedAt.get(order.id)!)
  .sort((a, b) => a - b);
const median = latencies[Math.floor(latencies.length / 2)] ?? null;
const worst = latencies[latencies.length - 1] ?? null;

process.stdout.write(
  `${JSON.stringify(
    {
      benchmark: 'orders/shipment-latency',
      timeScale: TIME_SCALE,
      pollIntervalMsScaled: INTERVAL_MS,
      orders: orderCount,
      reportedShipped: latencies.length,
      medianMsScaled: median,
      worstMsScaled: worst,
      medianSecondsRealEquivalent:
        median === null ? null : Number(((median * TIME_SCALE) / 1000).toFixed(1)),
      worstSecondsRealEquivalent:
        worst === null ? null : Number(((worst * TIME_SCALE) / 1000).toFixed(1)),
      // How far the simulator's newest Updated stamp ran ahead of the local clock at the end.
      dearStampSkewMsAtEnd: Number(agent.store.cursors.get('shipments.clockSkewMs') ?? 0),
      note:
        'Real-equivalent numbers multiply the scaled time by 60, including the fixed HTTP and ' +
        'SQLite time of each poll, so they overstate that part by up to 60 times.',
      node: process.version,
    },
    null,
    2,
  )}\n`,
);
agent.close();
await world.close();

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listOrdersNeedingAttention, retryOrder } from '../../main/orders/attention.js';
import { ledgerFor } from '../../main/orders/ledger.js';
import { EDITED_AFTER_PUSH_ENTITY } from '../../main/orders/orders-report.js';
import type { JobName } from '../../shared/sync.js';
import {
  agentRunner,
  openTestAgent,
  placeApprovedOrder,
  salesPerExternalId,
  startOrdersWorld,
  testSettings,
  type OrdersWorld,
  type TestAgent,
} from './fixtures/harness.js';

let world: OrdersWorld;
const agents: TestAgent[] = [];

beforeAll(async () => {
  world = await startOrdersWorld();
});

afterAll(async () => {
  await world.close();
});

afterEach(() => {
  world.dearSim.control.clearFaults();
  for (const agent of agents.splice(0)) agent.close();
});

function newAgent(timeoutMs?: number): TestAgent {
  const agent = openTestAgent(world, { timeoutMs });
  agents.push(agent);
  return agent;
}

function simpleOrder(customerIndex: number, quantity = '1', freight = '0.0000') {
  return placeApprovedOrder(world, {
    customerId: world.customerIds[customerIndex]!,
    lines: [{ productId: world.productIds[0]!, quantity, unitPrice: '10.0000' }],
    freight,
  });
}

/** Records a finished catalog sync run, as the runner does after the job ends. */
async function recordCatalogSync(agent: TestAgent, job: JobName): Promise<void> {
  // The sync must finish after the park time, which has millisecond resolution.
  await new Promise((resolve) => setTimeout(resolve, 5));
  const runId = agent.store.runs.start(job, 'manual', 'incremental');
  agent.store.runs.finish(runId, {
    status: 'succeeded',
    counts: {},
    failures: [],
    unrepresentable: [],
    apiCalls: { dear: 0, upstock: 0 },
    error: null,
  });
}

function saleCalls(since: number): string[] {
  return world.dearSim.control
    .calls()
    .slice(since)
    .filter((call) => call.method === 'POST')
    .map((call) => `${call.method} ${call.path}`);
}

describe('orders run report', () => {
  it('lists orders parked in earlier runs', async () => {
    const agent = newAgent();
    const runner = agentRunner(agent, () => testSettings({ freightProduct: 'Courier Charge' }));
    const order = simpleOrder(0, '1', '8.5000');

    const first = await runner.run('orders', { trigger: 'manual', mode: 'incremental' });
    expect(first.failures.map((failure) => failure.recordId)).toContain(order.id);

    const second = await runner.run('orders', { trigger: 'manual', mode: 'incremental' });
    const failure = second.failures.find((entry) => entry.recordId === order.id);
    expect(failure?.entity).toBe('order');
    expect(failure?.label).toBe(order.number);
    expect(failure?.reason).toContain('Courier Charge');
    expect(second.counts.orders?.failed).toBe(1);
    expect(second.status).not.toBe('succeeded');
  });

  it('counts a quantity below 1 as one failure', async () => {
    const agent = newAgent();
    const order = simpleOrder(0, '0.5');
    const summary = await agentRunner(agent).run('orders', {
      trigger: 'manual',
      mode: 'incremental',
    });
    const failures = summary.failures.filter((failure) => failure.recordId === order.id);
    expect(failures).toHaveLength(1);
    expect(failures[0]!.reason).toContain('at least 1');
    expect(summary.counts.orders?.failed).toBe(summary.failures.length);
  });

  it('retries an unknown customer after a customers sync', async () => {
    const agent = newAgent();
    const runner = agentRunner(agent);
    const customerId = world.customerIds[2]!;
    const raw = agent.store.catalog.getCustomer(customerId);
    agent.store.catalog.deleteCustomers([customerId]);
    const order = placeApprovedOrder(world, {
      customerId,
      lines: [{ productId: world.productIds[1]!, quantity: '1', unitPrice: '10.0000' }],
    });

    await runner.run('orders', { trigger: 'manual', mode: 'incremental' });
    expect(ledgerFor(agent.store).get(order.id)?.parkCode).toBe('unknown-customer');

    // Without a customers sync since the park, the order waits.
    agent.store.catalog.upsertCustomers([
      { id: customerId, raw, lastModifiedOn: '2025-07-01T00:00:00Z' },
    ]);
    await runner.run('orders', { trigger: 'manual', mode: 'incremental' });
    expect(ledgerFor(agent.store).get(order.id)?.state).toBe('parked');

    await recordCatalogSync(agent, 'customers');
    const summary = await runner.run('orders', { trigger: 'manual', mode: 'incremental' });
    expect(ledgerFor(agent.store).get(order.id)?.state).toBe('pushed');
    expect(summary.failures.map((failure) => failure.recordId)).not.toContain(order.id);
    expect(salesPerExternalId(world).get(order.id)).toBe(1);
  });

  it('leaves a Cin7 Core rejection for a human', async () => {
    const agent = newAgent();
    const reference = agent.store.catalog.getReference('locations')!;
    agent.store.catalog.setReference('locations', [
      ...(reference.raw as object[]),
      { ID: 'ghost', Name: 'Ghost Depot', IsDefault: false },
    ]);
    const runner = agentRunner(agent, () => testSettings({ location: 'Ghost Depot' }));
    const order = simpleOrder(0);
    await runner.run('orders', { trigger: 'manual', mode: 'incremental' });
    expect(ledgerFor(agent.store).get(order.id)?.parkCode).toBe('dear-validation');

    await recordCatalogSync(agent, 'reference');
    const before = world.dearSim.control.calls().length;
    const summary = await runner.run('orders', { trigger: 'manual', mode: 'incremental' });
    expect(saleCalls(before)).toEqual([]);
    expect(summary.failures.map((failure) => failure.recordId)).toContain(order.id);
  });

  it('retries by order number', async () => {
    const agent = newAgent();
    const runner = agentRunner(agent, () => testSettings({ freightProduct: 'Courier Charge' }));
    const order = simpleOrder(1, '1', '4.0000');
    await runner.run('orders', { trigger: 'manual', mode: 'incremental' });

    expect(retryOrder(agent.store, order.number)).toBe(order.id);
    expect(ledgerFor(agent.store).get(order.id)?.retryRequested).toBe(true);
  });

  it('says the agent checks for the sale after a lost request', async () => {
    const agent = newAgent(300);
    const runner = agentRunner(agent);
    // Settle the orders of earlier tests first, so that the faults hit this order's posts.
    await runner.run('orders', { trigger: 'manual', mode: 'incremental' });
    const order = simpleOrder(1);
    world.dearSim.control.setFaults({
      next: ['timeout', 'timeout', 'timeout'],
      match: { method: 'POST', path: 'sale' },
    });

    const summary = await runner.run('orders', { trigger: 'manual', mode: 'incremental' });
    const failure = summary.failures.find((entry) => entry.recordId === order.id);
    expect(failure?.reason).toContain("checks Cin7 Core for this order's sale");
    expect(failure?.reason).not.toContain('look the record up');

    world.dearSim.control.clearFaults();
    await runner.run('orders', { trigger: 'manual', mode: 'incremental' });
    expect(ledgerFor(agent.store).get(order.id)?.state).toBe('pushed');
    expect(salesPerExternalId(world).get(order.id)).toBe(1);
  });
});

describe('edit after push', () => {
  it('is reported with the old and new totals', async () => {
    const agent = newAgent();
    const runner = agentRunner(agent);
    const order = simpleOrder(1, '2');
    await runner.run('orders', { trigger: 'manual', mode: 'incremental' });
    const edited = world.upstockSim.control.editOrder(order.id, { freight: '5.0000' });

    const summary = await runner.run('orders', { trigger: 'manual', mode: 'incremental' });
    const notice = summary.failures.find((entry) => entry.entity === EDITED_AFTER_PUSH_ENTITY);
    expect(notice?.recordId).toBe(order.id);
    expect(notice?.reason).toContain(`was ${order.totals.total}`);
    expect(notice?.reason).toContain(`is ${edited.totals.total}`);

    const rows = listOrdersNeedingAttention(agent.store).filter((row) => row.orderId === order.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.kind).toBe('edited-after-push');
    expect(rows[0]!.reason).toContain(edited.totals.total);

    const quiet = await runner.run('orders', { trigger: 'manual', mode: 'incremental' });
    expect(quiet.failures.filter((entry) => entry.recordId === order.id)).toEqual([]);
  });
});

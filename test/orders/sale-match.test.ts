import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { retryOrder } from '../../main/orders/attention.js';
import { ledgerFor } from '../../main/orders/ledger.js';
import { saleExternalId } from '../../main/orders/sale-match.js';
import { openStore } from '../../main/store/open.js';
import type { WireOrder } from '../../main/upstock/wire.js';
import {
  agentRunner,
  cacheSeed,
  openTestAgent,
  placeApprovedOrder,
  startOrdersWorld,
  type OrdersWorld,
  type TestAgent,
} from './fixtures/harness.js';

const CHILD = fileURLToPath(new URL('./fixtures/push-child.ts', import.meta.url));

let world: OrdersWorld;
const agents: TestAgent[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  world = await startOrdersWorld();
});

afterAll(async () => {
  await world.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
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

function placeOrder(customerIndex: number): WireOrder {
  return placeApprovedOrder(world, {
    customerId: world.customerIds[customerIndex]!,
    lines: [{ productId: world.productIds[0]!, quantity: '2', unitPrice: '8.0000' }],
  });
}

/** Posts a bare sale header straight to the simulator, as another integration would. */
async function postSale(
  agent: TestAgent,
  customerIndex: number,
  externalId: string,
  customerReference: string,
): Promise<{ id: string; number: string }> {
  const customerId = world.customerIds[customerIndex]!;
  const customer = world.seed.customers.find((candidate) => candidate.ID === customerId)!;
  const sale = await agent.dear.createSale({
    CustomerID: customerId,
    Customer: customer.Name,
    SkipQuote: true,
    Location: 'Main Warehouse',
    ExternalID: externalId,
    CustomerReference: customerReference,
  });
  const id = String(sale.ID);
  const row = world.dearSim.control.sales().find((candidate) => candidate.ID === id)!;
  const number = String((row.Order as { SaleOrderNumber?: string } | null)?.SaleOrderNumber ?? '');
  return { id, number };
}

function integrationOf(orderId: string) {
  return world.upstockSim.control.state().orders.find((order) => order.id === orderId)!.integration;
}

function customerOfSale(saleId: string | null): unknown {
  return world.dearSim.control.sales().find((sale) => sale.ID === saleId)?.CustomerID;
}

/** Leaves the ledger at sale-requested, as a crash right before `POST sale` would. */
function markSaleRequested(agent: TestAgent, order: WireOrder): void {
  const ledger = ledgerFor(agent.store);
  ledger.startAttempt({
    id: order.id,
    number: order.number,
    customerName: order.customer.name,
    version: order.version,
    updatedAt: order.updatedAt,
  });
  ledger.transition(order.id, 'sale-requested');
}

function runChild(dataDir: string, crashAfter?: string): Promise<string | null> {
  const args = ['--import', 'tsx', CHILD, '--data-dir', dataDir];
  args.push('--dear-url', world.dearSim.url, '--upstock-url', world.upstockSim.url);
  args.push('--upstock-token', world.upstockSim.token);
  if (crashAfter) args.push('--crash-after', crashAfter);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve(signal);
    });
  });
}

describe('sale found by ExternalID', () => {
  it("keeps its own sale after a lost response, not another customer's", async () => {
    const agent = newAgent(300);
    const order = placeOrder(1);
    const foreign = await postSale(agent, 0, order.id, 'OTHER-ACCOUNT-1');
    world.dearSim.control.setFaults({
      next: ['lost-response', 'timeout'],
      match: { method: 'POST' },
    });

    await agentRunner(agent).run('orders', { trigger: 'manual', mode: 'incremental' });

    const integration = integrationOf(order.id);
    expect(integration.state).toBe('pushed');
    expect(integration.saleId).not.toBe(foreign.id);
    expect(customerOfSale(integration.saleId)).toBe(world.customerIds[1]);
    expect(ledgerFor(agent.store).get(order.id)?.saleId).toBe(integration.saleId);
  });

  it("creates a sale after a crash when only another customer's exists", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'uds-match-'));
    dirs.push(dataDir);
    const store = openStore(dataDir);
    cacheSeed(store, world.seed);
    store.close();
    const agent = newAgent();
    const order = placeOrder(2);
    const foreign = await postSale(agent, 0, order.id, order.number);

    expect(await runChild(dataDir, 'sale-requested')).toBe('SIGKILL');
    expect(await runChild(dataDir)).toBeNull();

    const integration = integrationOf(order.id);
    expect(integration.state).toBe('pushed');
    expect(integration.saleId).not.toBe(foreign.id);
    expect(customerOfSale(integration.saleId)).toBe(world.customerIds[2]);
  });

  it('parks several matching sales, naming them', async () => {
    const agent = newAgent();
    const order = placeOrder(1);
    const { supplierId } = await agent.upstock.account();
    const externalId = saleExternalId(supplierId, order.id);
    const first = await postSale(agent, 1, externalId, order.number);
    const second = await postSale(agent, 1, externalId, order.number);
    markSaleRequested(agent, order);
    const runner = agentRunner(agent);

    await runner.run('orders', { trigger: 'manual', mode: 'incremental' });
    const entry = ledgerFor(agent.store).get(order.id)!;
    expect(entry.state).toBe('parked');
    expect(entry.parkCode).toBe('ambiguous-sale');
    expect(entry.parkReason).toContain(first.id);
    expect(entry.parkReason).toContain(second.id);
    expect(entry.parkReason).toContain('Void all but one');

    await agent.dear.voidSale(second.id);
    retryOrder(agent.store, order.id);
    await runner.run('orders', { trigger: 'manual', mode: 'incremental' });
    expect(integrationOf(order.id).state).toBe('pushed');
    expect(integrationOf(order.id).saleId).toBe(first.id);
  });

  it('parks a sale of this customer with another reference', async () => {
    const agent = newAgent();
    const order = placeOrder(1);
    const { supplierId } = await agent.upstock.account();
    const other = await postSale(agent, 1, saleExternalId(supplierId, order.id), 'NOT-THIS-ONE');
    markSaleRequested(agent, order);

    await agentRunner(agent).run('orders', { trigger: 'manual', mode: 'incremental' });
    const entry = ledgerFor(agent.store).get(order.id)!;
    expect(entry.parkCode).toBe('ambiguous-sale');
    expect(entry.parkReason).toContain(other.id);
    expect(entry.parkReason).toContain('"NOT-THIS-ONE"');
    expect(integrationOf(order.id).state).toBe('needs_attention');
  });

  it('writes the supplier ID into ExternalID', async () => {
    const agent = newAgent();
    const order = placeOrder(0);
    const { supplierId } = await agent.upstock.account();
    await agentRunner(agent).run('orders', { trigger: 'manual', mode: 'incremental' });
    const saleId = integrationOf(order.id).saleId;
    const sale = world.dearSim.control.sales().find((candidate) => candidate.ID === saleId)!;
    expect(sale.ExternalID).toBe(`upstock:${supplierId}:${order.id}`);
  });
});

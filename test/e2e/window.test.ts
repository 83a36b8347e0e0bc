import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saleExternalId } from '../../main/orders/sale-match.js';
import { sampleSeed } from '../../main/sample/sample-merchant.js';
import { SAMPLE_ACCOUNT_ID, SAMPLE_APPLICATION_KEY } from '../../main/simulators/dear/server.js';
import type { SimSnapshot } from '../../main/simulators/upstock/control.js';
import type { WireOrder } from '../../main/upstock/wire.js';
import { CHROMIUM_PATH, launchChromium, type Browser } from './chromium.js';
import { ensureRendererBuilt } from './renderer-build.js';
import { startStack, type Stack } from './stack.js';

const SCREENS_DIR = join(process.cwd(), 'test-artifacts', 'screens');
const WRONG_APPLICATION_KEY = '00000000-1111-4222-8333-444444444444';
const CATEGORY = 'Coffee Beans';
const MISSING_TAX_RULE = 'GST on Imports 99%';

let stack: Stack;
let browser: Browser;
let page: Page;
let approvedOrder: WireOrder;
const pageProblems: string[] = [];

async function shoot(name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`), fullPage: true });
}

async function openScreen(name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name }).click();
  await page.getByRole('heading', { level: 2, name }).waitFor();
}

async function upstockState(): Promise<SimSnapshot> {
  const response = await fetch(`${stack.upstock.origin}_control/state`);
  return (await response.json()) as SimSnapshot;
}

describe.skipIf(!existsSync(CHROMIUM_PATH))('window in Chromium', () => {
  beforeAll(async () => {
    await mkdir(SCREENS_DIR, { recursive: true });
    const rendererDir = await ensureRendererBuilt();
    stack = await startStack(rendererDir);
    browser = await launchChromium();
    page = await browser.context.newPage();
    page.on('pageerror', (error) => pageProblems.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400)
        pageProblems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error') pageProblems.push(`console error: ${message.text()}`);
    });
    await page.goto(stack.bridge.url);
    await page.getByRole('heading', { level: 2, name: 'Connect' }).waitFor();

    // Progress events seen by the window, kept to check "Sync now" reported progress.
    await page.evaluate(() => {
      const seen: unknown[] = [];
      Object.assign(window, { progressSeen: seen });
      window.upstockDearSync?.on('sync:progress', (progress) => seen.push(progress));
    });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('rejects a wrong Application Key', async () => {
    await page.getByLabel('Account ID').fill(SAMPLE_ACCOUNT_ID);
    await page.getByLabel('Application Key').fill(WRONG_APPLICATION_KEY);
    await page.getByRole('button', { name: 'Connect Cin7 Core' }).click();

    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/rejected the Account ID or Application Key/);
    expect(stack.engine.status().dear.connected).toBe(false);
    await shoot('connect-wrong-key');
  });

  it('connects both sides with good credentials', async () => {
    await page.getByLabel('Application Key').fill(SAMPLE_APPLICATION_KEY);
    await page.getByRole('button', { name: 'Connect Cin7 Core' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Connected to Harbour Roasters Wholesale (NZD).' })
      .waitFor();

    await page.getByLabel('Upstock token').fill(stack.upstock.token);
    await page.getByRole('button', { name: 'Connect Upstock' }).click();
    const supplier = (await upstockState()).account.name;
    await page
      .getByRole('status')
      .filter({ hasText: `Connected to ${supplier}.` })
      .waitFor();

    expect(await page.getByRole('alert').count()).toBe(0);
    expect(stack.engine.status().dear.connected).toBe(true);
    expect(stack.engine.status().upstock.connected).toBe(true);
    await shoot('connect');
  });

  it('runs Sync now with progress', async () => {
    await page.getByRole('button', { name: 'Sync now' }).click();
    const outcome = page.getByRole('status').filter({ hasText: /^Sync finished/ });
    await outcome.waitFor({ timeout: 45_000 });

    expect(await outcome.textContent()).toBe('Sync finished: 4 jobs succeeded.');
    const progress = (await page.evaluate(
      () => (window as unknown as { progressSeen: { job: string; done: number }[] }).progressSeen,
    )) as { job: string; done: number }[];
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.some((event) => event.job === 'products')).toBe(true);
    expect(stack.engine.runs({ limit: 4 }).map((run) => run.status)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
  });

  it('filters and imports products into Upstock', async () => {
    const expected = sampleSeed()
      .products.filter((product) => product.Category === CATEGORY && product.Type !== 'Service')
      .map((product) => product.SKU)
      .sort();
    expect(expected.length).toBeGreaterThan(1);
    expect((await upstockState()).products).toHaveLength(0);

    await openScreen('Products');
    await page.getByLabel('Category').selectOption(CATEGORY);
    await page.getByText(`${expected.length} products match`).waitFor();
    await page.getByRole('button', { name: 'Select all matching' }).click();
    await page.getByText(`Selected ${expected.length} products`).waitFor();
    await page.getByRole('button', { name: 'Import selected' }).click();
    const outcome = page.getByRole('status').filter({ hasText: /^Import / });
    await outcome.waitFor({ timeout: 30_000 });

    expect(await outcome.textContent()).toMatch(
      new RegExp(`^Import succeeded: ${expected.length} created`),
    );
    const imported = (await upstockState()).products.map((product) => product.code).sort();
    expect(imported).toEqual(expected);
    await page.getByLabel('Imported').selectOption('yes');
    await page.getByText(`${expected.length} products match`).waitFor();
    await shoot('products');
  });

  it('shows jobs and run history on Activity', async () => {
    await openScreen('Activity');
    const history = page.getByRole('table', { name: 'Run history' });
    await history.waitFor();

    expect(await history.getByRole('row').count()).toBeGreaterThanOrEqual(6);
    expect(await history.getByText(/products: \d+ created/).count()).toBeGreaterThan(0);
    const jobs = page.getByRole('table', { name: 'Jobs' });
    expect(await jobs.getByRole('row', { name: /Products/ }).textContent()).toMatch(/succeeded/);
    await shoot('activity');
  });

  it('saves settings through the engine', async () => {
    await openScreen('Settings');
    await page.getByLabel(/^Authorised/).check();
    await page
      .getByLabel('Approved orders to Cin7 Core')
      .selectOption({ label: 'Every 5 minutes' });
    await page.getByLabel(/^Tax rule/).fill(MISSING_TAX_RULE);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Settings saved.' }).waitFor();

    const settings = stack.engine.settings();
    expect(settings.orders.saleStatus).toBe('AUTHORISED');
    expect(settings.orders.taxRule).toBe(MISSING_TAX_RULE);
    expect(settings.schedules.orders).toBe('*/5 * * * *');
    await shoot('settings');
  });

  it('shows a parked order with its reason', async () => {
    const state = await upstockState();
    const customer = state.customers[0];
    const product = state.products[0];
    expect(customer).toBeDefined();
    expect(product).toBeDefined();
    approvedOrder = stack.upstock.control.placeOrder({
      customerExternalId: customer!.externalId,
      lines: [
        {
          productExternalId: product!.externalId,
          quantity: '3',
          unitPrice: '42.5000',
          discountPercent: null,
        },
      ],
      freight: '0.0000',
      reference: 'E2E-1',
      orderDate: '2026-12-04',
      deliveryDate: '2026-12-08',
      comments: [],
      status: 'approved',
    });
    // The scheduler would start this run within minutes; the test starts it at once.
    await stack.engine.syncNow({ job: 'orders', trigger: 'schedule' });

    await openScreen('Activity');
    const attention = page.getByRole('table', { name: 'Orders needing attention' });
    const row = attention.getByRole('row', { name: new RegExp(approvedOrder.number) });
    await row.waitFor();
    expect(await row.textContent()).toContain(`The tax rule "${MISSING_TAX_RULE}"`);
    expect(stack.dear.control.sales()).toHaveLength(0);
    await shoot('activity-attention');
  });

  it('retries the order after fixing the cause', async () => {
    await openScreen('Settings');
    await page.getByLabel(/^Tax rule/).fill('');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Settings saved.' }).waitFor();
    expect(stack.engine.settings().orders.taxRule).toBeNull();

    await openScreen('Activity');
    // The engine's retry runs the orders job at once, so the pushed order leaves the list.
    await page.getByRole('button', { name: `Retry order ${approvedOrder.number}` }).click();
    await page.getByText('No orders need attention.').waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: `Order ${approvedOrder.number} was pushed to Cin7 Core` })
      .waitFor();

    const sales = stack.dear.control.sales();
    expect(sales).toHaveLength(1);
    const supplierId = (await upstockState()).account.supplierId;
    expect(String(sales[0]?.ExternalID)).toBe(saleExternalId(supplierId, approvedOrder.id));
    const pushed = (await upstockState()).orders.find((order) => order.id === approvedOrder.id);
    expect(pushed?.integration.state).toBe('pushed');
  });

  it('disconnects and deletes local data', async () => {
    await openScreen('Connect');
    await page.getByRole('button', { name: 'Disconnect…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Disconnect Upstock Dear Sync?' });
    await dialog.getByLabel(/Delete local data/).check();
    await shoot('disconnect-dialog');
    await dialog.getByRole('button', { name: 'Disconnect' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByText('Not connected. In Cin7 Core', { exact: false }).waitFor();
    expect(stack.engine.status().dear.connected).toBe(false);
    expect(stack.engine.status().upstock.connected).toBe(false);
    expect(stack.engine.listProducts({}).total).toBe(0);
    expect(stack.engine.runs()).toHaveLength(0);
    await shoot('disconnected');
  });

  it('raised no page or console errors', () => {
    expect(pageProblems).toEqual([]);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DearRetryEvent } from '../../main/dear/client.js';
import {
  DearApiError,
  DearCredentialsError,
  DearNetworkError,
  DearThrottledError,
} from '../../main/dear/errors.js';
import { sampleSeed } from '../../main/sample/sample-merchant.js';
import type { DearSimulator, FaultKind } from '../../main/simulators/dear/server.js';
import { clientFor, startSampleSimulator } from './helpers.js';

const seed = sampleSeed();
const customer = seed.customers.find(
  (candidate) => candidate.Status === 'Active' && candidate.Currency === 'NZD',
);

let sim: DearSimulator;

beforeAll(async () => {
  sim = await startSampleSimulator();
});

afterAll(async () => {
  await sim.close();
});

beforeEach(() => {
  sim.control.reset();
  sim.control.setRateLimit({ calls: 0, retryAfterSeconds: null });
});

function injectNext(faults: FaultKind[], match?: { method?: string; path?: string }): void {
  sim.control.setFaults({ next: faults, match: match ?? {} });
}

function callsTo(path: string) {
  return sim.control.calls().filter((call) => call.path === path);
}

function saleHeader(externalId: string): Record<string, unknown> {
  return {
    CustomerID: customer?.ID,
    Location: 'Main Warehouse',
    SkipQuote: true,
    SaleType: 'Simple',
    TaxInclusive: false,
    CurrencyRate: 1,
    CustomerReference: 'PO-7781',
    ExternalID: externalId,
  };
}

function recordRetries(): { events: DearRetryEvent[]; onRetry: (event: DearRetryEvent) => void } {
  const events: DearRetryEvent[] = [];
  return { events, onRetry: (event) => events.push(event) };
}

describe('DearClient credentials', () => {
  it.each(['json-string', 'text', 'error-model'] as const)(
    'fails a 403 (%s body) without retrying',
    async (style) => {
      sim.control.setFaults({ forbiddenBody: style });
      const client = clientFor(sim.url, { applicationKey: 'wrong-key-0000' });

      const error = await client.me().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DearCredentialsError);
      expect((error as DearCredentialsError).serverMessage).toBe('Incorrect credentials!');
      expect((error as Error).message).toContain('Create a new key under Integrations > API');
      expect(callsTo('me')).toHaveLength(1);
      expect(client.stats).toEqual({ calls: 1, retries: 0, throttled: 0 });
    },
  );

  it('never sends the key in a request line', async () => {
    const client = clientFor(sim.url);
    await client.me();
    const [call] = callsTo('me');
    expect(call?.query ?? '').not.toContain('b7d4e2f1');
  });
});

describe('DearClient throttling', () => {
  it('retries 429 and 503 throttles and then succeeds', async () => {
    injectNext(['throttle-429', 'throttle-503'], { path: 'me' });
    const { events, onRetry } = recordRetries();
    const client = clientFor(sim.url, { onRetry });

    const me = await client.me();
    expect(me.company).toBe(seed.me.Company);
    expect(callsTo('me').map((call) => call.status)).toEqual([429, 503, 200]);
    expect(client.stats).toEqual({ calls: 3, retries: 2, throttled: 2 });
    expect(events.map((event) => event.reason)).toEqual(['throttled', 'throttled']);
    expect(events.map((event) => event.cause)).toEqual(['429', '503']);
  });

  it('scales fallback waits to the window', async () => {
    injectNext(['throttle-503', 'throttle-503'], { path: 'me' });
    const { events, onRetry } = recordRetries();
    await clientFor(sim.url, { onRetry }).me();
    // The test limiter's window is 1 s, so 5 s and 10 s shrink to 1/60 of that.
    expect(events.map((event) => event.waitMs)).toEqual([83, 167]);
    expect(events.every((event) => !event.fromRetryAfter)).toBe(true);
  });

  it('honours Retry-After', async () => {
    sim.control.setRateLimit({ retryAfterSeconds: 1 });
    injectNext(['throttle-429'], { path: 'me' });
    const { events, onRetry } = recordRetries();
    await clientFor(sim.url, { onRetry }).me();
    expect(events).toHaveLength(1);
    expect(events[0]?.waitMs).toBe(1_000);
    expect(events[0]?.fromRetryAfter).toBe(true);
  });

  it('gives up after four throttled attempts', async () => {
    injectNext(['throttle-429', 'throttle-429', 'throttle-429', 'throttle-429', 'throttle-429']);
    const client = clientFor(sim.url);
    const error = await client.me().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DearThrottledError);
    expect((error as DearThrottledError).attempts).toBe(4);
    expect(callsTo('me')).toHaveLength(4);
    expect(client.stats).toEqual({ calls: 4, retries: 3, throttled: 4 });
  });

  it('retries a throttled sale', async () => {
    injectNext(['throttle-429'], { method: 'POST', path: 'sale' });
    const client = clientFor(sim.url);
    const sale = await client.createSale(saleHeader('upstock:THROTTLED-1'));
    expect(typeof sale.ID).toBe('string');
    expect(callsTo('sale').map((call) => call.status)).toEqual([429, 200]);
    expect(await client.findSalesByExternalId('upstock:THROTTLED-1')).toHaveLength(1);
  });
});

describe('DearClient transient failures', () => {
  it.each([
    ['http-500', 500],
    ['reset', null],
    ['timeout', null],
    ['error-in-200', 200],
  ] as const)('retries %s on a read', async (fault, status) => {
    injectNext([fault], { path: 'ref/pricetier' });
    const { events, onRetry } = recordRetries();
    const client = clientFor(sim.url, { timeoutMs: 300, onRetry });

    const tiers = await client.priceTiers();
    expect(tiers).toHaveLength(seed.priceTiers.length);
    expect(callsTo('ref/pricetier').map((call) => call.status)).toEqual([status, 200]);
    expect(events).toHaveLength(1);
    expect(client.stats.retries).toBe(1);
  });

  it('stops retrying a 500 after four attempts', async () => {
    injectNext(['http-500', 'http-500', 'http-500', 'http-500', 'http-500']);
    const client = clientFor(sim.url);
    const error = await client.priceTiers().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DearApiError);
    expect((error as DearApiError).status).toBe(500);
    expect((error as DearApiError).exception).toBe('An unexpected error occurred.');
    expect(callsTo('ref/pricetier')).toHaveLength(4);
  });

  it('stops retrying resets and ends with DearNetworkError', async () => {
    injectNext(['reset', 'reset', 'reset', 'reset', 'reset']);
    const client = clientFor(sim.url, { maxRetries: 2 });
    const error = await client.priceTiers().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DearNetworkError);
    expect((error as DearNetworkError).code).toBe('ECONNRESET');
    expect((error as DearNetworkError).attempts).toBe(3);
    expect(callsTo('ref/pricetier')).toHaveLength(3);
  });

  it('reports a read that timed out on every attempt', async () => {
    injectNext(['timeout', 'timeout']);
    const client = clientFor(sim.url, { timeoutMs: 200, maxRetries: 1 });
    const error = await client.me().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DearNetworkError);
    expect((error as DearNetworkError).code).toBe('ETIMEDOUT');
    expect((error as Error).message).toContain('timed out after 0.2 s');
  });
});

describe('DearClient sale writes', () => {
  it('does not repeat a sale whose response was lost', async () => {
    injectNext(['lost-response'], { method: 'POST', path: 'sale' });
    const client = clientFor(sim.url);

    const error = await client
      .createSale(saleHeader('upstock:LOST-1'))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DearNetworkError);
    expect((error as DearNetworkError).maybeDelivered).toBe(true);
    expect((error as Error).message).toContain('ExternalID');
    expect(callsTo('sale').filter((call) => call.method === 'POST')).toHaveLength(1);

    // The sale was saved before the connection dropped: the caller finds it by ExternalID.
    const found = await client.findSalesByExternalId('upstock:LOST-1');
    expect(found).toHaveLength(1);
  });

  it('does not repeat a sale after a timeout', async () => {
    injectNext(['timeout'], { method: 'POST', path: 'sale' });
    const client = clientFor(sim.url, { timeoutMs: 200 });
    const error = await client
      .createSale(saleHeader('upstock:TIMEOUT-1'))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DearNetworkError);
    expect((error as DearNetworkError).maybeDelivered).toBe(true);
    expect(callsTo('sale')).toHaveLength(1);
  });

  it('marks a 500 on a sale as maybe delivered', async () => {
    injectNext(['http-500'], { method: 'POST', path: 'sale' });
    const client = clientFor(sim.url);
    const error = await client
      .createSale(saleHeader('upstock:FIVE-1'))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DearApiError);
    expect((error as DearApiError).maybeDelivered).toBe(true);
    expect(callsTo('sale')).toHaveLength(1);
  });

  it('repeats a lost sale only when the caller opts in', async () => {
    injectNext(['lost-response'], { method: 'POST', path: 'sale' });
    const client = clientFor(sim.url);
    const sale = await client.createSale(saleHeader('upstock:OPT-IN-1'), { retryUnsafe: true });
    expect(typeof sale.ID).toBe('string');
    expect(callsTo('sale')).toHaveLength(2);
    // Why it is opt-in: the first attempt was saved too, so two sales now carry the ID.
    expect(await client.findSalesByExternalId('upstock:OPT-IN-1')).toHaveLength(2);
  });

  it('never retries a validation error', async () => {
    const client = clientFor(sim.url);
    const body = { ...saleHeader('upstock:BAD-1'), Location: 'Nowhere' };
    const error = await client.createSale(body).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DearApiError);
    expect((error as DearApiError).status).toBe(400);
    expect((error as DearApiError).errorCode).toBe(400);
    expect((error as DearApiError).exception).toBe("Location 'Nowhere' not found.");
    expect((error as DearApiError).maybeDelivered).toBe(false);
    expect(callsTo('sale')).toHaveLength(1);
  });

  it('runs a sale round trip', async () => {
    const client = clientFor(sim.url);
    const sale = await client.createSale(saleHeader('upstock:FLOW-1'));
    const saleId = String(sale.ID);

    const product = seed.products.find((candidate) => candidate.Type === 'Stock');
    const order = await client.createSaleOrder({
      SaleID: saleId,
      Status: 'DRAFT',
      Memo: '',
      AutoPickPackShipMode: 'NOPICK',
      Lines: [
        {
          ProductID: product?.ID,
          SKU: product?.SKU,
          Name: product?.Name,
          Quantity: 2,
          Price: 10,
          Discount: 0,
          Tax: 3,
          TaxRule: 'GST on Income',
          Total: 20,
        },
      ],
    });
    expect(order.SaleID ?? order.ID).toBe(saleId);

    expect((await client.getSale(saleId)).ExternalID).toBe('upstock:FLOW-1');
    const saleOrder = await client.getSaleOrder(saleId);
    expect(saleOrder.Lines).toHaveLength(1);

    const rows = await client.saleListAll({ search: 'PO-7781' });
    expect(rows.map((row) => row.SaleID)).toContain(saleId);
    const [query] = callsTo('salelist').map((call) => new URLSearchParams(call.query));
    expect(query?.get('Search')).toBe('PO-7781');

    await client.voidSale(saleId);
    expect((await client.getSale(saleId)).Status).toBe('VOIDED');
    const [voidCall] = callsTo('sale').filter((call) => call.method === 'DELETE');
    expect(new URLSearchParams(voidCall?.query).get('Void')).toBe('true');
  });

  it('reports a sale that does not exist', async () => {
    const client = clientFor(sim.url);
    const error = await client
      .getSale('00000000-0000-4000-8000-000000000000')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DearApiError);
    expect((error as DearApiError).exception).toContain('not found');
    expect(callsTo('sale')).toHaveLength(1);
  });
});

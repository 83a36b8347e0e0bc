import { afterEach, describe, expect, it } from 'vitest';
import type { DearRetryEvent } from '../../main/dear/client.js';
import { DearApiError, DearCredentialsError } from '../../main/dear/errors.js';
import { collectRecords } from '../../main/dear/paging.js';
import { SAMPLE_ACCOUNT_ID, SAMPLE_APPLICATION_KEY } from '../../main/simulators/dear/server.js';
import {
  allPages,
  clientFor,
  startCannedServer,
  type CannedResponse,
  type CannedServer,
} from './helpers.js';

let server: CannedServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

async function serve(respond: (url: URL) => CannedResponse): Promise<CannedServer> {
  server = await startCannedServer((url) => respond(url));
  return server;
}

function json(status: number, body: unknown, headers?: Record<string, string>): CannedResponse {
  return { status, body: JSON.stringify(body), headers };
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

describe('DearClient requests', () => {
  it('sends both auth headers and JSON', async () => {
    const canned = await serve(() => json(200, { Company: 'Harbour', Currency: 'NZD' }));
    await clientFor(canned.url).createSale({ CustomerID: 'c1', Location: 'Main Warehouse' });

    const [request] = canned.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url.pathname).toBe('/ExternalApi/v2/sale');
    expect(request?.headers['api-auth-accountid']).toBe(SAMPLE_ACCOUNT_ID);
    expect(request?.headers['api-auth-applicationkey']).toBe(SAMPLE_APPLICATION_KEY);
    expect(request?.headers['content-type']).toContain('application/json');
    expect(JSON.parse(request?.body ?? '')).toEqual({
      CustomerID: 'c1',
      Location: 'Main Warehouse',
    });
  });

  it('formats sale list dates and filters', async () => {
    const canned = await serve(() => json(200, { Total: 0, Page: 1, SaleList: [] }));
    await clientFor(canned.url).saleListAll({
      updatedSince: new Date('2025-07-01T02:03:04.567Z'),
      updatedUntil: new Date('2025-07-02T00:00:00Z'),
      combinedShippingStatus: 'SHIPPED',
      shipBy: '2025-07-04',
    });
    const query = canned.requests[0]?.url.searchParams;
    expect(query?.get('UpdatedSince')).toBe('2025-07-01T02:03:04');
    expect(query?.get('UpdatedUntil')).toBe('2025-07-02T00:00:00');
    expect(query?.get('CombinedShippingStatus')).toBe('SHIPPED');
    expect(query?.get('ShipBy')).toBe('2025-07-04T00:00:00');
    expect(query?.get('Limit')).toBe('1000');
  });
});

describe('DearClient error bodies', () => {
  it('reads a single Error Model object', async () => {
    const canned = await serve(() =>
      json(400, { ErrorCode: 400, Exception: 'SaleID is required.' }),
    );
    const error = await failureOf(clientFor(canned.url).getSaleOrder(''));
    expect(error).toBeInstanceOf(DearApiError);
    expect((error as DearApiError).errorCode).toBe(400);
    expect((error as DearApiError).exception).toBe('SaleID is required.');
    expect(canned.requests).toHaveLength(1);
  });

  it('reads a plain-text error', async () => {
    const canned = await serve(() => ({
      status: 400,
      body: 'Bad Request: Limit must be 1000 or less',
      contentType: 'text/plain',
    }));
    const error = await failureOf(clientFor(canned.url).priceTiers());
    expect((error as DearApiError).exception).toBe('Bad Request: Limit must be 1000 or less');
    expect((error as DearApiError).errorCode).toBeNull();
  });

  it('treats any 403 as rejected credentials', async () => {
    const canned = await serve(() => json(403, 'Incorrect credentials!'));
    const error = await failureOf(clientFor(canned.url).taxRules());
    expect(error).toBeInstanceOf(DearCredentialsError);
    expect(canned.requests).toHaveLength(1);
  });

  it('fails a 200 Error Model once', async () => {
    const canned = await serve(() =>
      json(200, { ErrorCode: 400, Exception: 'Customer not found' }),
    );
    const error = await failureOf(clientFor(canned.url).getSale('s1'));
    expect(error).toBeInstanceOf(DearApiError);
    expect((error as DearApiError).status).toBe(200);
    expect((error as DearApiError).errorCode).toBe(400);
    expect((error as Error).message).toContain('inside a successful response');
    expect(canned.requests).toHaveLength(1);
  });

  it.each([404, 405])('never retries %i', async (status) => {
    const canned = await serve(() =>
      json(status, [{ ErrorCode: status, Exception: 'No endpoint' }]),
    );
    const error = await failureOf(clientFor(canned.url).me());
    expect((error as DearApiError).status).toBe(status);
    expect((error as Error).message).toContain('API address');
    expect(canned.requests).toHaveLength(1);
  });

  it('reads a Retry-After HTTP date and caps the wait', async () => {
    let calls = 0;
    const canned = await serve(() => {
      calls += 1;
      if (calls > 1) return json(200, { PriceTiers: [] });
      const retryAt = new Date(Date.now() + 60_000).toUTCString();
      return json(
        429,
        [{ ErrorCode: 429, Exception: 'You reached 60 calls per minute API limit' }],
        {
          'Retry-After': retryAt,
        },
      );
    });
    const events: DearRetryEvent[] = [];
    const client = clientFor(canned.url, {
      maxRetryAfterMs: 500,
      onRetry: (event) => events.push(event),
    });
    await client.priceTiers();
    expect(events[0]?.fromRetryAfter).toBe(true);
    // The date lies about a minute ahead; the cap cuts the wait to 500 ms.
    expect(events[0]?.waitMs).toBe(500);
    expect(canned.requests).toHaveLength(2);
  });
});

describe('DearClient cancellation', () => {
  it('stops retrying when the job is cancelled', async () => {
    const throttle = [
      { ErrorCode: 503, Exception: 'You have reached 60 calls per 60 seconds API limit.' },
    ];
    const canned = await serve(() => json(503, throttle));
    const controller = new AbortController();
    const client = clientFor(canned.url, {
      onRetry: () => controller.abort(new Error('sync cancelled')),
    });

    await expect(client.priceTiers(controller.signal)).rejects.toThrow('sync cancelled');
    expect(canned.requests).toHaveLength(1);
  });
});

describe('DearClient paging stop rules', () => {
  function productPage(url: URL, total: number | undefined, available: number): CannedResponse {
    const page = Number(url.searchParams.get('Page'));
    const limit = Number(url.searchParams.get('Limit'));
    const start = (page - 1) * limit;
    const count = Math.max(0, Math.min(limit, available - start));
    const products = Array.from({ length: count }, (_, index) => ({ ID: `p${start + index}` }));
    return json(
      200,
      total === undefined
        ? { Page: page, Products: products }
        : { Total: total, Page: page, Products: products },
    );
  }

  it('stops on a short page even when Total says more', async () => {
    const canned = await serve((url) => productPage(url, 500, 7));
    const pages = await allPages(clientFor(canned.url, { pageSize: 5 }).listProducts());
    expect(pages.map((page) => page.records.length)).toEqual([5, 2]);
    expect(canned.requests).toHaveLength(2);
  });

  it('stops at Total when the last page is full', async () => {
    const canned = await serve((url) => productPage(url, 10, 10));
    const records = await collectRecords(clientFor(canned.url, { pageSize: 5 }).listProducts());
    expect(records).toHaveLength(10);
    expect(canned.requests).toHaveLength(2);
  });

  it('walks on without Total until a short page', async () => {
    const canned = await serve((url) => productPage(url, undefined, 10));
    const pages = await allPages(clientFor(canned.url, { pageSize: 5 }).listProducts());
    expect(pages.map((page) => page.records.length)).toEqual([5, 5, 0]);
    expect(pages.at(-1)?.total).toBe(10);
    expect(canned.requests).toHaveLength(3);
  });

  it('rejects a page size over 1000', async () => {
    const canned = await serve((url) => productPage(url, 0, 0));
    const iterator = clientFor(canned.url).listProducts({ pageSize: 1001 });
    await expect(collectRecords(iterator)).rejects.toThrow(RangeError);
    expect(canned.requests).toHaveLength(0);
  });

  it('fails on a list that is not a list', async () => {
    const canned = await serve(() => json(200, { Total: 1, Page: 1, CustomerList: 'none' }));
    const error = await failureOf(collectRecords(clientFor(canned.url).listCustomers()));
    expect(error).toBeInstanceOf(DearApiError);
    expect((error as Error).message).toContain('"CustomerList"');
  });
});

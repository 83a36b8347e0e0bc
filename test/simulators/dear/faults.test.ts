import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DearSimulator } from '../../../main/simulators/dear/server.js';
import { sampleSeed } from '../../../main/sample/sample-merchant.js';
import { AUTH_HEADERS, callApi, startSampleSimulator } from './sim-client.js';

const customer = sampleSeed().customers[0];

describe('Cin7 Core simulator faults', () => {
  let sim: DearSimulator;

  beforeAll(async () => {
    sim = await startSampleSimulator();
  });
  afterEach(() => sim.control.reset());
  afterAll(() => sim.close());

  it('injects queued faults in order', async () => {
    sim.control.setFaults({ next: ['http-500', 'throttle-429', 'throttle-503', 'error-in-200'] });
    const first = await callApi<Array<{ ErrorCode: number }>>(sim, 'GET', 'me');
    expect(first.status).toBe(500);
    expect(first.body[0]?.ErrorCode).toBe(500);
    expect((await callApi(sim, 'GET', 'me')).status).toBe(429);
    const throttled = await callApi(sim, 'GET', 'me');
    expect(throttled.status).toBe(503);
    expect(throttled.headers.get('retry-after')).toBeNull();
    const hidden = await callApi<Array<{ ErrorCode: number; Exception: string }>>(sim, 'GET', 'me');
    expect(hidden.status).toBe(200);
    expect(Array.isArray(hidden.body)).toBe(true);
    expect(hidden.body[0]?.ErrorCode).toBe(500);
    expect((await callApi(sim, 'GET', 'me')).status).toBe(200);
  });

  it('resets the connection before answering', async () => {
    sim.control.setFaults({ next: ['reset'] });
    await expect(callApi(sim, 'GET', 'me')).rejects.toThrow();
    const last = sim.control.calls().at(-1);
    expect(last).toMatchObject({ fault: 'reset', status: null });
  });

  it('holds a timed-out request until the client gives up', async () => {
    sim.control.setFaults({ next: ['timeout'] });
    const request = fetch(new URL('me', sim.url), {
      headers: AUTH_HEADERS,
      signal: AbortSignal.timeout(300),
    });
    await expect(request).rejects.toThrow();
    expect((await callApi(sim, 'GET', 'me')).status).toBe(200);
  });

  it('creates the sale although the response is lost', async () => {
    sim.control.setFaults({ next: ['lost-response'], match: { method: 'POST', path: 'sale' } });
    const body = {
      CustomerID: customer?.ID,
      Location: 'Main Warehouse',
      SkipQuote: true,
      ExternalID: 'upstock:lost-1',
    };
    await expect(callApi(sim, 'POST', 'sale', body)).rejects.toThrow();
    const list = await callApi<{ Total: number; SaleList: Array<{ ExternalID: string }> }>(
      sim,
      'GET',
      'saleList?ExternalID=upstock:lost-1',
    );
    expect(list.body.Total).toBe(1);
    expect(list.body.SaleList[0]?.ExternalID).toBe('upstock:lost-1');
  });

  it('affects only calls matching the filter', async () => {
    sim.control.setFaults({ next: ['http-500'], match: { path: 'customer' } });
    expect((await callApi(sim, 'GET', 'product')).status).toBe(200);
    expect((await callApi(sim, 'GET', 'customer')).status).toBe(500);
  });

  it('repeats the same random faults for the same seed', async () => {
    const run = async () => {
      sim.control.setFaults({ probabilities: { 'http-500': 0.3, 'throttle-429': 0.2 }, seed: 42 });
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await callApi(sim, 'GET', 'me')).status);
      return statuses;
    };
    const first = await run();
    const second = await run();
    expect(second).toEqual(first);
    expect(first).toContain(500);
    expect(first).toContain(429);
    expect(first).toContain(200);
  });

  it('rejects probabilities adding up to more than 1', async () => {
    const response = await fetch(new URL('faults', sim.controlUrl), {
      method: 'POST',
      body: JSON.stringify({ probabilities: { 'http-500': 0.7, reset: 0.5 } }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string };
    expect(body.error).toContain('at most 1');
  });
});

describe('Cin7 Core simulator shutdown', () => {
  it('closes while a request is held', async () => {
    const sim = await startSampleSimulator();
    sim.control.setFaults({ next: ['timeout'] });
    const request = fetch(new URL('me', sim.url), {
      headers: AUTH_HEADERS,
      signal: AbortSignal.timeout(30_000),
    });
    const outcome = request.then(
      () => 'answered',
      () => 'failed',
    );
    for (let i = 0; i < 100 && sim.control.calls().length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    await sim.close();
    expect(await outcome).toBe('failed');
  });
});

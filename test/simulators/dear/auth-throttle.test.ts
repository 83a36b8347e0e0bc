import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_ACCOUNT_ID, type DearSimulator } from '../../../main/simulators/dear/server.js';
import { callApi, startSampleSimulator } from './sim-client.js';

describe('Cin7 Core simulator credentials', () => {
  let sim: DearSimulator;

  beforeAll(async () => {
    sim = await startSampleSimulator();
  });
  afterAll(() => sim.close());

  it('rejects missing headers with the JSON string body', async () => {
    const answer = await callApi(sim, 'GET', 'me', undefined, {});
    expect(answer.status).toBe(403);
    expect(answer.text).toBe('"Incorrect credentials!"');
  });

  it('rejects a wrong application key', async () => {
    const answer = await callApi(sim, 'GET', 'product', undefined, {
      'api-auth-accountid': SAMPLE_ACCOUNT_ID,
      'api-auth-applicationkey': '00000000-0000-4000-8000-000000000000',
    });
    expect(answer.status).toBe(403);
    expect(answer.body).toBe('Incorrect credentials!');
  });

  it('switches the 403 body to plain text or Error Model', async () => {
    sim.control.setFaults({ forbiddenBody: 'text' });
    const text = await callApi(sim, 'GET', 'me', undefined, {});
    expect(text.text).toBe('Incorrect credentials!');
    expect(text.headers.get('content-type')).toContain('text/plain');

    sim.control.setFaults({ forbiddenBody: 'error-model' });
    const model = await callApi(sim, 'GET', 'me', undefined, {});
    expect(model.status).toBe(403);
    expect(model.body).toEqual([{ ErrorCode: 403, Exception: 'Incorrect credentials!' }]);
    sim.control.clearFaults();
  });
});

describe('Cin7 Core simulator rate limit', () => {
  it('throttles with 429 and Retry-After', async () => {
    const sim = await startSampleSimulator({
      rateLimit: { calls: 3, windowMs: 60_000 },
      retryAfterSeconds: 7,
    });
    try {
      for (let i = 0; i < 3; i++) expect((await callApi(sim, 'GET', 'me')).status).toBe(200);
      const answer = await callApi(sim, 'GET', 'me');
      expect(answer.status).toBe(429);
      expect(answer.headers.get('retry-after')).toBe('7');
      expect(answer.body).toEqual([
        { ErrorCode: 429, Exception: 'You reached 3 calls per minute API limit' },
      ]);
    } finally {
      await sim.close();
    }
  });

  it('throttles with 503 and no Retry-After', async () => {
    const sim = await startSampleSimulator({
      rateLimit: { calls: 60, windowMs: 60_000 },
      throttleMode: '503',
      retryAfterSeconds: 5,
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 61; i++)
        statuses.push((await callApi(sim, 'GET', 'ref/priceTier')).status);
      expect(statuses.slice(0, 60).every((status) => status === 200)).toBe(true);
      const answer = await callApi(sim, 'GET', 'me');
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBeNull();
      expect(answer.body).toEqual([
        { ErrorCode: 503, Exception: 'You have reached 60 calls per 60 seconds API limit.' },
      ]);
    } finally {
      await sim.close();
    }
  });

  it('admits calls again once the window slides', async () => {
    const sim = await startSampleSimulator({ rateLimit: { calls: 2, windowMs: 200 } });
    try {
      expect((await callApi(sim, 'GET', 'me')).status).toBe(200);
      expect((await callApi(sim, 'GET', 'me')).status).toBe(200);
      expect((await callApi(sim, 'GET', 'me')).status).toBe(429);
      let status = 429;
      for (let attempt = 0; attempt < 50 && status !== 200; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        status = (await callApi(sim, 'GET', 'me')).status;
      }
      expect(status).toBe(200);
    } finally {
      await sim.close();
    }
  });

  it('changes the limit through the control API', async () => {
    const sim = await startSampleSimulator({ rateLimit: { calls: 1, windowMs: 60_000 } });
    try {
      expect((await callApi(sim, 'GET', 'me')).status).toBe(200);
      expect((await callApi(sim, 'GET', 'me')).status).toBe(429);
      const response = await fetch(new URL('rate-limit', sim.controlUrl), {
        method: 'POST',
        body: JSON.stringify({ calls: 0 }),
      });
      expect(response.status).toBe(200);
      expect((await callApi(sim, 'GET', 'me')).status).toBe(200);
    } finally {
      await sim.close();
    }
  });

  it('does not count bad credentials against the window', async () => {
    const sim = await startSampleSimulator({ rateLimit: { calls: 1, windowMs: 60_000 } });
    try {
      expect((await callApi(sim, 'GET', 'me', undefined, {})).status).toBe(403);
      expect((await callApi(sim, 'GET', 'me')).status).toBe(200);
    } finally {
      await sim.close();
    }
  });
});

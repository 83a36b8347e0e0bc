import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseSeed, type DearDealRecord } from '../../../main/sample/dear-seed.js';
import { sampleSeed } from '../../../main/sample/sample-merchant.js';
import { startDearSimulator, type DearSimulator } from '../../../main/simulators/dear/server.js';
import { callApi, startSampleSimulator } from './sim-client.js';

interface DealsAnswer {
  Deals: DearDealRecord[];
  Total?: number;
  Page?: number;
}

const seed = sampleSeed();

/** The sample deals followed by copies with their own IDs and names, 30 in all. */
const THIRTY_DEALS: DearDealRecord[] = Array.from({ length: 30 }, (_, i) => {
  const sample = seed.deals?.[i];
  if (sample) return sample;
  const template = seed.deals![0]!;
  const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  return { ...template, ID: id, Name: `Generated deal ${i + 1}` };
});

async function postControl(sim: DearSimulator, path: string, body: unknown) {
  const response = await fetch(new URL(path, sim.controlUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('Cin7 Core simulator deals', () => {
  let sim: DearSimulator;

  beforeAll(async () => {
    sim = await startSampleSimulator({ seed: { ...seed, deals: THIRTY_DEALS } });
  });
  afterEach(() => {
    sim.control.reset();
    sim.control.setDealsEnvelope('deals-only');
  });
  afterAll(() => sim.close());

  it('serves 25 deals per page by default, without Total or Page', async () => {
    const answer = await callApi<DealsAnswer>(sim, 'GET', 'reference/deals');
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body)).toEqual(['Deals']);
    expect(answer.body.Deals.map((deal) => deal.ID)).toEqual(
      THIRTY_DEALS.slice(0, 25).map((deal) => deal.ID),
    );

    const second = await callApi<DealsAnswer>(sim, 'GET', 'reference/deals?Page=2');
    expect(second.body.Deals.map((deal) => deal.ID)).toEqual(
      THIRTY_DEALS.slice(25).map((deal) => deal.ID),
    );
    const past = await callApi<DealsAnswer>(sim, 'GET', 'reference/deals?Page=3');
    expect(past.body.Deals).toEqual([]);
  });

  it('adds Total and Page once the control API asks for them', async () => {
    const switched = await postControl(sim, 'deals-envelope', { envelope: 'with-total' });
    expect(switched).toEqual({ status: 200, body: { envelope: 'with-total' } });
    expect(sim.control.summary()).toMatchObject({ dealsEnvelope: 'with-total', deals: 30 });

    const answer = await callApi<DealsAnswer>(sim, 'GET', 'reference/deals?Page=2&Limit=10');
    expect(answer.body.Total).toBe(30);
    expect(answer.body.Page).toBe(2);
    expect(answer.body.Deals.map((deal) => deal.ID)).toEqual(
      THIRTY_DEALS.slice(10, 20).map((deal) => deal.ID),
    );
  });

  it('rejects an unknown envelope', async () => {
    const answer = await postControl(sim, 'deals-envelope', { envelope: 'sometimes' });
    expect(answer.status).toBe(400);
    expect(String(answer.body.error)).toMatch(/deals-only, with-total/);
  });

  it('filters by ID and by a Search on the name', async () => {
    const wanted = THIRTY_DEALS[2]!;
    const byId = await callApi<DealsAnswer>(
      sim,
      'GET',
      `reference/deals?ID=${wanted.ID.toUpperCase()}`,
    );
    expect(byId.body.Deals.map((deal) => deal.Name)).toEqual([wanted.Name]);

    const bySearch = await callApi<DealsAnswer>(sim, 'GET', 'reference/deals?Search=COUPON');
    expect(bySearch.body.Deals.map((deal) => deal.Name).sort()).toEqual(
      THIRTY_DEALS.filter((deal) => /coupon/i.test(deal.Name))
        .map((deal) => deal.Name)
        .sort(),
    );
  });

  it('changes a deal through the control API', async () => {
    const target = THIRTY_DEALS[0]!;
    const response = await fetch(new URL(`deals/${target.ID}`, sim.controlUrl), {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ IsActive: false, ID: 'ignored' }),
    });
    expect(response.status).toBe(200);
    const answer = await callApi<DealsAnswer>(sim, 'GET', `reference/deals?ID=${target.ID}`);
    expect(answer.body.Deals[0]).toMatchObject({ ID: target.ID, IsActive: false });

    const missing = await fetch(new URL('deals/no-such-deal', sim.controlUrl), {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(missing.status).toBe(404);
  });

  it('rejects a Limit above 1000', async () => {
    const answer = await callApi(sim, 'GET', 'reference/deals?Limit=1001');
    expect(answer.status).toBe(400);
  });
});

describe('seeds and deals', () => {
  it('loads a seed written before deals and serves an empty list', async () => {
    const old = sampleSeed() as unknown as Record<string, unknown>;
    delete old.deals;
    const parsed = parseSeed(JSON.parse(JSON.stringify(old)), 'old seed');
    expect(parsed.deals).toBeUndefined();

    const sim = await startDearSimulator({ seed: parsed, rateLimit: { calls: 0, windowMs: 1 } });
    try {
      const answer = await callApi<DealsAnswer>(sim, 'GET', 'reference/deals');
      expect(answer.body).toEqual({ Deals: [] });
    } finally {
      await sim.close();
    }
  });

  it('names a seed deal without a customer group', () => {
    const broken = sampleSeed() as unknown as { deals: Array<Record<string, unknown>> };
    delete broken.deals[1]?.CustomersGroup;
    expect(() => parseSeed(broken, 'broken seed')).toThrow(/deals\.1\.CustomersGroup/);
  });

  it('gives the sample merchant active, expired and switched-off deals', () => {
    const deals = seed.deals ?? [];
    const groups = deals.filter((deal) => deal.IsActive).map((deal) => deal.CustomersGroup);
    expect(groups).toEqual(expect.arrayContaining(['B2B', 'Specified', 'CustomerTags']));
    expect(deals.some((deal) => !deal.IsActive)).toBe(true);
    expect(deals.some((deal) => deal.IsActive && deal.DateTo && deal.DateTo < '2025')).toBe(true);
    const customerIds = new Set(seed.customers.map((customer) => customer.ID));
    for (const deal of deals)
      for (const entry of deal.DealCustomers ?? [])
        expect(customerIds.has(String(entry.CustomerID)), String(entry.CustomerName)).toBe(true);
  });
});

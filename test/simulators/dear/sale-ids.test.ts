import { describe, expect, it, vi } from 'vitest';
import { sampleSeed } from '../../../main/sample/sample-merchant.js';
import { callApi } from './sim-client.js';
import { customerByName } from './sale-helpers.js';

/**
 * Starts a simulator from freshly loaded modules, as a restarted simulator process would, posts
 * `count` sale headers and returns their IDs.
 */
async function saleIdsAfterRestart(count: number): Promise<string[]> {
  vi.resetModules();
  const { startDearSimulator } = await import('../../../main/simulators/dear/server.js');
  const sim = await startDearSimulator({
    seed: sampleSeed(),
    rateLimit: { calls: 0, windowMs: 60_000 },
  });
  try {
    const ids: string[] = [];
    for (let index = 0; index < count; index++) {
      const answer = await callApi<{ ID: string }>(sim, 'POST', 'sale', {
        CustomerID: customerByName('Corner Cafe Ltd').ID,
        Location: 'Main Warehouse',
        SkipQuote: true,
      });
      expect(answer.status).toBe(200);
      ids.push(answer.body.ID);
    }
    return ids;
  } finally {
    await sim.close();
  }
}

describe('sale IDs', () => {
  it('differ after a simulator restart', async () => {
    const first = await saleIdsAfterRestart(3);
    const second = await saleIdsAfterRestart(3);
    expect(new Set(first).size).toBe(3);
    for (const id of second) expect(first).not.toContain(id);
  });

  it('are GUIDs', async () => {
    const [id] = await saleIdsAfterRestart(1);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});

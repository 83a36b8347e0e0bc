import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DearStampClock,
  parseDearTicks,
  ticksOf,
} from '../../../main/simulators/dear/dear-time.js';
import type { DearSimulator } from '../../../main/simulators/dear/server.js';
import { createSale } from './sale-helpers.js';
import { callApi, startSampleSimulator } from './sim-client.js';

/** 100-nanosecond ticks in one millisecond. */
const MS_TICKS = 10_000n;

describe('Cin7 Core simulator stamp clock', () => {
  it('keeps a burst within one millisecond', () => {
    const frozen = new Date('2025-07-01T02:03:04.000Z');
    const clock = new DearStampClock(() => frozen);
    const stamps = Array.from({ length: 1_000 }, () => clock.nextTicks());

    for (let i = 1; i < stamps.length; i++) expect(stamps[i]! > stamps[i - 1]!).toBe(true);
    const newest = stamps.at(-1)!;
    expect(newest - ticksOf(frozen)).toBeLessThan(MS_TICKS);
  });

  it('follows a moving clock', () => {
    let now = Date.parse('2025-07-01T02:03:04.000Z');
    const clock = new DearStampClock(() => new Date(now));
    for (let i = 0; i < 200; i++) {
      now += 3;
      const ticks = clock.nextTicks();
      expect(ticks >= ticksOf(new Date(now))).toBe(true);
      expect(ticks - ticksOf(new Date(now))).toBeLessThan(MS_TICKS);
    }
  });

  it('varies fraction lengths from 3 to 7', () => {
    let now = Date.parse('2025-07-01T02:03:04.123Z');
    const clock = new DearStampClock(() => new Date(now));
    const lengths = new Set<number>();
    for (let i = 0; i < 16; i++) {
      now += 1;
      lengths.add((/\.(\d+)Z$/.exec(clock.next())?.[1] ?? '').length);
    }
    expect(lengths.has(3)).toBe(true);
    expect(lengths.has(7)).toBe(true);
  });
});

describe('Cin7 Core simulator sale list Updated stamps', () => {
  const frozen = new Date('2025-07-01T02:03:04.000Z');
  let sim: DearSimulator;

  beforeAll(async () => {
    sim = await startSampleSimulator({ now: () => frozen });
  });
  afterAll(() => sim.close());

  it('stays on the clock after 100 sales', async () => {
    for (let i = 0; i < 100; i++) await createSale(sim, { ExternalID: `upstock:burst-${i}` });

    const answer = await callApi<{ SaleList: Array<{ Updated: string }> }>(
      sim,
      'GET',
      'saleList?Limit=1000',
    );
    expect(answer.status).toBe(200);
    const ticks = answer.body.SaleList.map((row) => parseDearTicks(row.Updated) ?? 0n);
    expect(ticks).toHaveLength(100);
    expect(new Set(ticks).size).toBe(100);
    const newest = ticks.reduce((a, b) => (b > a ? b : a), 0n);
    expect(newest - ticksOf(frozen)).toBeLessThan(MS_TICKS);
  });
});

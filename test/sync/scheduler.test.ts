import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PAUSE_CURSOR, Scheduler } from '../../main/sync/scheduler.js';
import { startHarness, type SyncHarness } from './harness.js';

let h: SyncHarness;
let scheduler: Scheduler;

beforeEach(async () => {
  h = await startHarness();
  h.selectAll();
  scheduler = new Scheduler(h.runner, () => h.settings, h.store.cursors);
});

afterEach(async () => {
  scheduler.stop();
  await h.close();
});

/** Waits, polling, until `check` holds; fails after `limitMs`. */
async function waitFor(check: () => boolean, limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('Condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('Scheduler', () => {
  it('starts jobs on their cron schedule', async () => {
    h.settings.schedules.reference = '* * * * * *';
    scheduler.start();

    await waitFor(() => h.store.runs.list({ job: 'reference' }).length > 0);

    expect(h.store.runs.list({ job: 'reference' })[0]?.trigger).toBe('schedule');
    expect(scheduler.nextRunAt('reference')).toBeInstanceOf(Date);
  });

  it('skips ticks while paused', async () => {
    scheduler.pause(null);

    await scheduler.tick('catalog');

    expect(h.store.runs.list()).toHaveLength(0);
    expect(scheduler.pauseState()).toEqual({ until: null, indefinitely: true });
  });

  it('runs again after resume', async () => {
    scheduler.pause(null);
    scheduler.resume();

    await scheduler.tick('catalog');

    expect(
      h.store.runs
        .list()
        .map((run) => run.job)
        .sort(),
    ).toEqual(['customers', 'products']);
    expect(scheduler.pauseState()).toBeNull();
  });

  it('lifts a pause whose time has passed', async () => {
    const until = new Date(Date.now() + 60_000);
    scheduler.pause(until);
    expect(scheduler.pauseState()).toEqual({ until: until.toISOString(), indefinitely: false });

    expect(scheduler.pauseState(new Date(until.getTime() + 1))).toBeNull();
    expect(h.store.cursors.get(PAUSE_CURSOR)).toBeNull();
  });

  it('keeps the pause in the store', () => {
    scheduler.pause(null);
    const again = new Scheduler(h.runner, () => h.settings, h.store.cursors);

    expect(again.pauseState()?.indefinitely).toBe(true);
  });

  it('skips an invalid cron expression', () => {
    h.settings.schedules.prices = 'every now and then';
    scheduler.start();

    expect(scheduler.nextRunAt('prices')).toBeNull();
    expect(scheduler.nextRunAt('products')).toBeInstanceOf(Date);
  });

  it('runs a full pass on the full resync schedule', async () => {
    await scheduler.tick('fullResync');

    const runs = h.store.runs.list();
    expect(runs.map((run) => run.job).sort()).toEqual([
      'customers',
      'prices',
      'products',
      'reference',
    ]);
    for (const run of runs) expect(run.mode).toBe('full');
  });
});

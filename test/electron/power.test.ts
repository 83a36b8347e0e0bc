import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineApi } from '../../main/engine-types.js';
import { PauseCoordinator } from '../../main/electron/power/pause-coordinator.js';
import type { AgentStatus, RunSummary, RunTrigger } from '../../shared/sync.js';
import { makeStatus } from './helpers/status.js';

/** An engine that keeps its pause like the real one and records its runs. */
class FakeEngine implements Pick<EngineApi, 'status' | 'pause' | 'resume' | 'syncNow'> {
  paused: AgentStatus['paused'] = null;
  runs: (RunTrigger | undefined)[] = [];

  status(): AgentStatus {
    return makeStatus({ paused: this.paused });
  }
  pause(until: Date | null): void {
    this.paused = { until: until?.toISOString() ?? null, indefinitely: until === null };
  }
  resume(): void {
    this.paused = null;
  }
  syncNow(options?: { trigger?: RunTrigger }): Promise<RunSummary[]> {
    if (this.paused) return Promise.reject(new Error('paused engines do not run'));
    this.runs.push(options?.trigger);
    return Promise.resolve([]);
  }
}

const log = { error: vi.fn(), warn: vi.fn(), info: vi.fn(), debug: vi.fn() };
const RESUME_DELAY = 15_000;

describe('pause across suspend and resume', () => {
  let engine: FakeEngine;
  let settled: number;
  let suspended: number;

  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-12-04T12:00:00.000Z') });
    engine = new FakeEngine();
    settled = 0;
    suspended = 0;
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  function coordinator(): PauseCoordinator {
    return new PauseCoordinator({
      engine,
      log,
      resumeDelayMs: RESUME_DELAY,
      onSuspend: () => suspended++,
      onWakeSettled: () => settled++,
    });
  }

  it('pauses while asleep and catches up after waking', async () => {
    const pauses = coordinator();
    pauses.suspend();
    expect(engine.paused).not.toBeNull();
    expect(suspended).toBe(1);

    pauses.wake();
    expect(engine.paused).not.toBeNull();
    await vi.advanceTimersByTimeAsync(RESUME_DELAY);

    expect(engine.paused).toBeNull();
    expect(engine.runs).toEqual(['resume']);
    expect(settled).toBe(1);
  });

  it('keeps the merchant pause after waking', async () => {
    const pauses = coordinator();
    pauses.pauseByMerchant(null);
    pauses.suspend();
    pauses.wake();
    await vi.advanceTimersByTimeAsync(RESUME_DELAY);

    expect(engine.paused).toEqual({ until: null, indefinitely: true });
    expect(engine.runs).toEqual([]);
    expect(settled).toBe(1);
  });

  it('keeps a timed merchant pause that has not ended', async () => {
    const pauses = coordinator();
    const until = new Date(Date.now() + 60 * 60_000);
    pauses.pauseByMerchant(until);
    pauses.suspend();
    pauses.wake();
    await vi.advanceTimersByTimeAsync(RESUME_DELAY);

    expect(engine.paused?.until).toBe(until.toISOString());
    expect(engine.runs).toEqual([]);
  });

  it('catches up when the timed pause ended during sleep', async () => {
    const pauses = coordinator();
    pauses.pauseByMerchant(new Date(Date.now() + 60 * 60_000));
    pauses.suspend();
    vi.setSystemTime(Date.now() + 2 * 60 * 60_000);
    pauses.wake();
    await vi.advanceTimersByTimeAsync(RESUME_DELAY);

    expect(engine.paused).toBeNull();
    expect(engine.runs).toEqual(['resume']);
  });

  it('skips the catch-up when the merchant pauses while waking', async () => {
    const pauses = coordinator();
    pauses.suspend();
    pauses.wake();
    pauses.pauseByMerchant(null);
    await vi.advanceTimersByTimeAsync(RESUME_DELAY);

    expect(engine.paused).toEqual({ until: null, indefinitely: true });
    expect(engine.runs).toEqual([]);
  });

  it('holds a merchant resume until the wake delay ends', async () => {
    const pauses = coordinator();
    pauses.pauseByMerchant(null);
    pauses.suspend();
    pauses.wake();
    pauses.resumeByMerchant();
    expect(engine.paused).not.toBeNull();

    await vi.advanceTimersByTimeAsync(RESUME_DELAY);
    expect(engine.paused).toBeNull();
    expect(engine.runs).toEqual(['resume']);
  });

  it('runs one catch-up for a second sleep before the delay', async () => {
    const pauses = coordinator();
    pauses.suspend();
    pauses.wake();
    await vi.advanceTimersByTimeAsync(RESUME_DELAY / 2);
    pauses.suspend();
    await vi.advanceTimersByTimeAsync(RESUME_DELAY);
    expect(engine.runs).toEqual([]);
    expect(engine.paused).not.toBeNull();

    pauses.wake();
    await vi.advanceTimersByTimeAsync(RESUME_DELAY);
    expect(engine.runs).toEqual(['resume']);
  });

  it('adopts a pause kept from the last session', async () => {
    engine.pause(null);
    const pauses = coordinator();
    expect(pauses.isMerchantPaused()).toBe(true);
    pauses.suspend();
    pauses.wake();
    await vi.advanceTimersByTimeAsync(RESUME_DELAY);
    expect(engine.paused).not.toBeNull();
  });

  it('lifts the sleep pause before quitting', () => {
    const pauses = coordinator();
    pauses.suspend();
    pauses.releaseSleepPause();
    expect(engine.paused).toBeNull();
  });

  it('logs a failed catch-up and still settles', async () => {
    const pauses = coordinator();
    engine.syncNow = () => Promise.reject(new Error('Cin7 Core unreachable'));
    pauses.suspend();
    pauses.wake();
    await vi.advanceTimersByTimeAsync(RESUME_DELAY);
    expect(log.error).toHaveBeenCalledWith(
      'Catch-up sync after wake failed; the schedule retries it',
      expect.any(Error),
    );
    expect(settled).toBe(1);
  });
});

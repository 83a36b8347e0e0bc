import { describe, expect, it } from 'vitest';
import { forgetSharedLimiter, getSharedLimiter, RateLimiter } from '../../main/dear/limiter.js';

interface TaskSpan {
  start: number;
  end: number;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Max number of task starts inside any span of `windowMs`. */
function maxStartsInAnyWindow(spans: TaskSpan[], windowMs: number): number {
  const starts = spans.map((span) => span.start).sort((a, b) => a - b);
  let max = 0;
  for (let first = 0; first < starts.length; first += 1) {
    const windowEnd = (starts[first] as number) + windowMs;
    const inWindow = starts.filter((start, index) => index >= first && start < windowEnd).length;
    max = Math.max(max, inWindow);
  }
  return max;
}

async function runTasks(limiter: RateLimiter, count: number, durationOf: (i: number) => number) {
  const spans: TaskSpan[] = [];
  await Promise.all(
    Array.from({ length: count }, (_, index) =>
      limiter.schedule(async () => {
        const span = { start: performance.now(), end: 0 };
        await pause(durationOf(index));
        span.end = performance.now();
        spans.push(span);
      }),
    ),
  );
  return spans;
}

describe('RateLimiter', () => {
  it('never starts more than the budget in any window', async () => {
    const limiter = new RateLimiter({ callsPerWindow: 5, windowMs: 150 });
    const spans = await runTasks(limiter, 23, (index) => (index * 7) % 30);

    expect(spans).toHaveLength(23);
    expect(maxStartsInAnyWindow(spans, 150)).toBeLessThanOrEqual(5);
  });

  it('counts a running call against the budget until it ends', async () => {
    const limiter = new RateLimiter({ callsPerWindow: 2, windowMs: 50 });
    const spans = await runTasks(limiter, 6, () => 120);

    // Calls longer than the window: a slot frees only when a call has ended and then aged out.
    const sorted = [...spans].sort((a, b) => a.start - b.start);
    for (let index = 2; index < sorted.length; index += 1) {
      const earlier = sorted[index - 2] as TaskSpan;
      expect((sorted[index] as TaskSpan).start).toBeGreaterThanOrEqual(earlier.end);
    }
  });

  it('serves waiting calls first in, first out', async () => {
    const limiter = new RateLimiter({ callsPerWindow: 1, windowMs: 20 });
    const order: number[] = [];
    await Promise.all(
      [0, 1, 2, 3].map((index) =>
        limiter.schedule(async () => {
          order.push(index);
        }),
      ),
    );
    expect(order).toEqual([0, 1, 2, 3]);
  });

  it('holds every call during a pause', async () => {
    const limiter = new RateLimiter({ callsPerWindow: 100, windowMs: 1_000 });
    const events: string[] = [];
    limiter.pauseFor(80);
    const paused = limiter.schedule(async () => events.push('call'));
    await pause(20);
    events.push('checked');
    await paused;
    expect(events).toEqual(['checked', 'call']);
  });

  it('rejects a waiting call when its signal aborts', async () => {
    const limiter = new RateLimiter({ callsPerWindow: 1, windowMs: 10_000 });
    await limiter.schedule(async () => undefined);
    const controller = new AbortController();
    let ran = false;
    const waiting = limiter.schedule(async () => {
      ran = true;
    }, controller.signal);
    controller.abort(new Error('job cancelled'));

    await expect(waiting).rejects.toThrow('job cancelled');
    expect(ran).toBe(false);
    expect(limiter.queueSize).toBe(0);
  });

  it('passes the task result and error through', async () => {
    const limiter = new RateLimiter({ callsPerWindow: 5, windowMs: 100 });
    await expect(limiter.schedule(async () => 42)).resolves.toBe(42);
    await expect(limiter.schedule(async () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
  });

  it('rejects an invalid budget', () => {
    expect(() => new RateLimiter({ callsPerWindow: 0, windowMs: 100 })).toThrow(RangeError);
    expect(() => new RateLimiter({ callsPerWindow: 1.5, windowMs: 100 })).toThrow(RangeError);
    expect(() => new RateLimiter({ callsPerWindow: 5, windowMs: 0 })).toThrow(RangeError);
  });
});

describe('getSharedLimiter', () => {
  it('returns one limiter per Account ID and key', () => {
    const first = getSharedLimiter('acct-shared-1', 'key-aaaaaaaa');
    const again = getSharedLimiter('ACCT-SHARED-1', 'key-aaaaaaaa');
    const otherKey = getSharedLimiter('acct-shared-1', 'key-bbbbbbbb');
    const otherAccount = getSharedLimiter('acct-shared-2', 'key-aaaaaaaa');

    expect(again).toBe(first);
    expect(otherKey).not.toBe(first);
    expect(otherAccount).not.toBe(first);
    expect(first.callsPerWindow).toBe(55);
    expect(first.windowMs).toBe(60_000);
  });

  it('reconfigures only when options are given', () => {
    const limiter = getSharedLimiter('acct-shared-3', 'key-cccccccc', {
      callsPerWindow: 6,
      windowMs: 600,
    });
    expect(getSharedLimiter('acct-shared-3', 'key-cccccccc').callsPerWindow).toBe(6);
    getSharedLimiter('acct-shared-3', 'key-cccccccc', { callsPerWindow: 8, windowMs: 800 });
    expect(limiter.callsPerWindow).toBe(8);
    expect(limiter.windowMs).toBe(800);
  });

  it('forgets a limiter after disconnect', () => {
    const before = getSharedLimiter('acct-shared-4', 'key-dddddddd');
    forgetSharedLimiter('acct-shared-4', 'key-dddddddd');
    expect(getSharedLimiter('acct-shared-4', 'key-dddddddd')).not.toBe(before);
  });
});

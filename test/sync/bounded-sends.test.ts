import { describe, expect, it } from 'vitest';
import { sendWithBoundedConcurrency } from '../../main/sync/jobs/bounded-sends.js';

/** A promise with its resolve and reject, so a test decides when each send finishes. */
function deferred(): { promise: Promise<void>; resolve(): void; reject(error: Error): void } {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending promise callback run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}

const open = { signal: new AbortController().signal };

describe('sendWithBoundedConcurrency', () => {
  it('keeps at most the limit in flight', async () => {
    let pulled = 0;
    function* items(): Generator<number> {
      for (let i = 0; i < 10; i += 1) {
        pulled += 1;
        yield i;
      }
    }
    const pending: { item: number; done: ReturnType<typeof deferred> }[] = [];
    let running = 0;
    let maxRunning = 0;
    let maxBuiltAhead = 0;
    const finished: number[] = [];

    const all = sendWithBoundedConcurrency(
      open,
      items(),
      async (item) => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        maxBuiltAhead = Math.max(maxBuiltAhead, pulled - finished.length);
        const done = deferred();
        pending.push({ item, done });
        await done.promise;
        running -= 1;
        finished.push(item);
      },
      4,
    );

    await settle();
    expect(pending.map((entry) => entry.item)).toEqual([0, 1, 2, 3]);
    expect(pulled).toBe(4);
    // Finish them out of order, one at a time, until every item went through.
    while (pending.length > 0) {
      pending.splice(pending.length - 1, 1)[0]!.done.resolve();
      await settle();
    }
    await all;

    expect(maxRunning).toBe(4);
    expect(maxBuiltAhead).toBeLessThanOrEqual(4);
    expect([...finished].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('lets sends in flight finish after an error', async () => {
    let pulled = 0;
    function* items(): Generator<number> {
      for (let i = 0; i < 10; i += 1) {
        pulled += 1;
        yield i;
      }
    }
    const pending = new Map<number, ReturnType<typeof deferred>>();
    const finished: number[] = [];
    const all = sendWithBoundedConcurrency(
      open,
      items(),
      async (item) => {
        const done = deferred();
        pending.set(item, done);
        await done.promise;
        finished.push(item);
      },
      3,
    );
    let outcome: unknown = 'pending';
    all.then(
      () => (outcome = 'resolved'),
      (error: unknown) => (outcome = error),
    );

    await settle();
    pending.get(1)!.reject(new Error('send 1 failed'));
    await settle();
    // The other two sends are still running, so the error is not thrown yet.
    expect(outcome).toBe('pending');
    pending.get(0)!.resolve();
    pending.get(2)!.resolve();
    await settle();

    expect(outcome).toBeInstanceOf(Error);
    expect((outcome as Error).message).toBe('send 1 failed');
    expect(finished).toEqual([0, 2]);
    expect(pulled).toBe(3);
  });

  it('throws the first of several errors', async () => {
    const sends = sendWithBoundedConcurrency(
      open,
      [1, 2, 3],
      async (item) => {
        await Promise.resolve();
        throw new Error(`send ${item} failed`);
      },
      3,
    );
    await expect(sends).rejects.toThrow('send 1 failed');
  });

  it('stops taking items once cancelled', async () => {
    const controller = new AbortController();
    const sent: number[] = [];
    const sends = sendWithBoundedConcurrency(
      { signal: controller.signal },
      [1, 2, 3, 4, 5],
      async (item) => {
        sent.push(item);
        if (item === 2) controller.abort(new Error('The run was paused'));
        await Promise.resolve();
      },
      1,
    );
    await expect(sends).rejects.toThrow('The run was paused');
    expect(sent).toEqual([1, 2]);
  });

  it('throws what the item iterable throws', async () => {
    function* items(): Generator<number> {
      yield 1;
      throw new Error('the cache row could not be read');
    }
    const sent: number[] = [];
    const sends = sendWithBoundedConcurrency(
      open,
      items(),
      async (item) => {
        sent.push(item);
        await Promise.resolve();
      },
      2,
    );
    await expect(sends).rejects.toThrow('the cache row could not be read');
    expect(sent).toEqual([1]);
  });

  it('rejects a limit below one', async () => {
    await expect(sendWithBoundedConcurrency(open, [1], async () => {}, 0)).rejects.toThrow(
      RangeError,
    );
  });
});

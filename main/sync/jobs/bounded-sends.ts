import { throwIfCancelled, type JobContext } from '../job.js';

/**
 * Upstock writes (product and customer batches, price list `PUT`s) a job keeps in flight at
 * once. Four lets the agent build and serialise the next body while Upstock stores the previous
 * ones, and bounds memory: each batch or price list is built only when a slot is free, so at
 * most four exist at a time. It is a constant rather than a setting: the Upstock agent API
 * (docs/upstock-agent-api.yaml) names no limit on parallel requests, and returns 429 with
 * `Retry-After` for too many calls, which the client waits out and retries.
 */
export const UPSTOCK_WRITES_IN_FLIGHT = 4;

/**
 * Calls `send` for every item of `items`, with at most `limit` calls running at once. An item is
 * taken from the iterable only when a slot is free, so a generator builds at most `limit` items
 * before their sends finish. Each `send` handles its own result (records hashes, reports
 * failures) before its slot frees.
 *
 * Throws the first error a `send` or the iterable throws, or the cancellation reason. Once one
 * is seen, no further item is taken, and the calls already in flight finish (and record what
 * Upstock accepted) before it is thrown.
 */
export async function sendWithBoundedConcurrency<T>(
  ctx: Pick<JobContext, 'signal'>,
  items: Iterable<T>,
  send: (item: T) => Promise<void>,
  limit: number = UPSTOCK_WRITES_IN_FLIGHT,
): Promise<void> {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(
      `The concurrency limit must be a whole number of at least 1, not ${limit}.`,
    );
  const iterator = items[Symbol.iterator]();
  let failure: { error: unknown } | null = null;

  const worker = async (): Promise<void> => {
    while (failure === null) {
      try {
        throwIfCancelled(ctx);
        const next = iterator.next();
        if (next.done) return;
        await send(next.value);
      } catch (error) {
        failure ??= { error };
      }
    }
  };

  await Promise.all(Array.from({ length: limit }, worker));
  if (failure !== null) {
    iterator.return?.();
    throw (failure as { error: unknown }).error;
  }
}

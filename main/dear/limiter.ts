import { createHash } from 'node:crypto';

/** Budget of a rate limiter: at most `callsPerWindow` calls in any `windowMs` span. */
export interface RateLimiterOptions {
  callsPerWindow: number;
  windowMs: number;
}

/** Cin7 Core allows 60 calls per minute per API application; 5 are left for the merchant's tools. */
export const DEFAULT_LIMITER_OPTIONS: RateLimiterOptions = { callsPerWindow: 55, windowMs: 60_000 };

interface Waiter {
  start: () => void;
  reject: (reason: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/**
 * A sliding-window rate limiter. A call takes a slot when it starts and keeps it until it ends.
 * After that, the slot stays used for `windowMs` counted from the end. Cin7 Core counts a call
 * somewhere between our start and our end, so no server-side window of `windowMs` can contain
 * more than `callsPerWindow` calls, even with slow responses.
 *
 * Waiting calls are served first in, first out. `pauseFor` holds every call back, for example
 * after a throttle response asked us to wait.
 */
export class RateLimiter {
  private options: RateLimiterOptions;
  private running = 0;
  private readonly endTimes: number[] = [];
  private readonly queue: Waiter[] = [];
  private pausedUntil = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(options: RateLimiterOptions = DEFAULT_LIMITER_OPTIONS) {
    this.options = validateOptions(options);
  }

  get callsPerWindow(): number {
    return this.options.callsPerWindow;
  }

  get windowMs(): number {
    return this.options.windowMs;
  }

  /** Number of calls waiting for a slot. */
  get queueSize(): number {
    return this.queue.length;
  }

  /** Changes the budget; calls already waiting are served under the new one. */
  configure(options: RateLimiterOptions): void {
    this.options = validateOptions(options);
    this.pump();
  }

  /**
   * Runs `task` once a slot is free and returns its result. Rejects with the signal's reason
   * when `signal` aborts while the call is still waiting; a running task is not interrupted.
   */
  schedule<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const waiter: Waiter = {
        signal,
        reject,
        start: () => {
          this.running += 1;
          task()
            .then(resolve, reject)
            .finally(() => {
              this.running -= 1;
              this.endTimes.push(now());
              this.pump();
            });
        },
      };
      if (signal) {
        waiter.onAbort = () => {
          const index = this.queue.indexOf(waiter);
          if (index >= 0) this.queue.splice(index, 1);
          reject(signal.reason);
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
      this.pump();
    });
  }

  /** Holds every call (this one's and other jobs') back for `ms` milliseconds from now. */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, now() + ms);
    this.pump();
  }

  private pump(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }

    while (this.queue.length > 0) {
      const waitMs = this.msUntilFreeSlot(now());
      if (waitMs === null) return; // every slot is held by a running call; its end pumps again
      if (waitMs > 0) {
        this.timer = setTimeout(() => this.pump(), waitMs);
        return;
      }
      const waiter = this.queue.shift() as Waiter;
      if (waiter.signal && waiter.onAbort)
        waiter.signal.removeEventListener('abort', waiter.onAbort);
      waiter.start();
    }
  }

  /** Milliseconds until a call may start: 0 now, null when only a running call can free a slot. */
  private msUntilFreeSlot(at: number): number | null {
    while (this.endTimes.length > 0 && (this.endTimes[0] as number) <= at - this.options.windowMs) {
      this.endTimes.shift();
    }
    if (at < this.pausedUntil) return this.pausedUntil - at;

    const used = this.running + this.endTimes.length;
    if (used < this.options.callsPerWindow) return 0;
    if (this.endTimes.length === 0) return null;

    // The oldest ended calls leave the window first; enough of them must expire for one slot.
    const mustExpire = used - this.options.callsPerWindow + 1;
    if (mustExpire > this.endTimes.length) return null;
    const expiresAt = (this.endTimes[mustExpire - 1] as number) + this.options.windowMs;
    return Math.max(1, Math.ceil(expiresAt - at) + 1);
  }
}

function validateOptions(options: RateLimiterOptions): RateLimiterOptions {
  if (!Number.isInteger(options.callsPerWindow) || options.callsPerWindow < 1) {
    throw new RangeError(
      `callsPerWindow must be a whole number of at least 1, got ${options.callsPerWindow}`,
    );
  }
  if (!Number.isFinite(options.windowMs) || options.windowMs <= 0) {
    throw new RangeError(
      `windowMs must be a positive number of milliseconds, got ${options.windowMs}`,
    );
  }
  return { callsPerWindow: options.callsPerWindow, windowMs: options.windowMs };
}

/** Returns monotonic milliseconds, so a change of the system clock neither stalls nor frees slots. */
function now(): number {
  return performance.now();
}

const sharedLimiters = new Map<string, RateLimiter>();

function limiterKey(accountId: string, applicationKey: string): string {
  // The key is hashed so the registry never stores the Application Key itself.
  const keyHash = createHash('sha256').update(applicationKey).digest('hex');
  return `${accountId.trim().toLowerCase()}:${keyHash}`;
}

/**
 * Returns the one limiter for an (Account ID, Application Key) pair, creating it on first use
 * (with `options`, or 55 calls per 60 s). Cin7 Core's budget is per API application, so every
 * job and client instance that uses the same key must share it. Passing options that differ
 * from an existing limiter's reconfigures it; omitting them leaves it as it is.
 */
export function getSharedLimiter(
  accountId: string,
  applicationKey: string,
  options?: RateLimiterOptions,
): RateLimiter {
  const key = limiterKey(accountId, applicationKey);
  const existing = sharedLimiters.get(key);
  if (existing) {
    const changed =
      options &&
      (existing.callsPerWindow !== options.callsPerWindow ||
        existing.windowMs !== options.windowMs);
    if (changed) existing.configure(options);
    return existing;
  }
  const limiter = new RateLimiter(options ?? DEFAULT_LIMITER_OPTIONS);
  sharedLimiters.set(key, limiter);
  return limiter;
}

/** Drops the shared limiter of a key, for example after the merchant disconnects. */
export function forgetSharedLimiter(accountId: string, applicationKey: string): void {
  sharedLimiters.delete(limiterKey(accountId, applicationKey));
}

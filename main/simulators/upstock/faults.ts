import { badRequest } from './http.js';

/**
 * Faults the simulator can inject into API calls:
 * - `500`: returns 500 without doing the work;
 * - `reset`: closes the connection without doing the work;
 * - `lost-response`: does the work, then closes the connection without a response;
 * - `429`: returns 429 with Retry-After without doing the work.
 */
export type FaultKind = '500' | 'reset' | 'lost-response' | '429';

const FAULT_KINDS: readonly FaultKind[] = ['500', 'reset', 'lost-response', '429'];

/** Fault settings, as `POST /_control/faults` takes them. An empty object turns faults off. */
export interface FaultConfig {
  /** Share of API calls, 0 to 1, that get a fault drawn from `kinds`. */
  share?: number;
  kinds?: FaultKind[];
  /** Seed of the random draws, so a run can be repeated exactly. Defaults to 1. */
  seed?: number;
  /** Faults for the next API calls, one per call, before any random draw. */
  next?: FaultKind[];
  /** Retry-After seconds sent with an injected 429. Defaults to 1. */
  retryAfterSeconds?: number;
  /** Only calls whose path starts with this prefix (such as "/v1/orders") get faults. */
  pathPrefix?: string;
}

/** Fixed-window rate limit on API calls. */
export interface RateLimitConfig {
  calls: number;
  windowMs: number;
}

/** A small seeded generator (mulberry32); repeatable, not for cryptography. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Decides which API calls get a fault, from a validated `FaultConfig`. */
export class FaultPlan {
  private config: Required<Omit<FaultConfig, 'next'>> = {
    share: 0,
    kinds: [],
    seed: 1,
    retryAfterSeconds: 1,
    pathPrefix: '/',
  };
  private queue: FaultKind[] = [];
  private random = seededRandom(1);

  /** Replaces the settings; throws a 400 problem for an unknown kind or a share outside 0-1. */
  configure(input: FaultConfig): void {
    const kinds = input.kinds ?? [];
    const next = input.next ?? [];
    for (const kind of [...kinds, ...next]) {
      if (!FAULT_KINDS.includes(kind)) {
        throw badRequest(`Unknown fault kind "${kind}"; use one of ${FAULT_KINDS.join(', ')}.`);
      }
    }
    const share = input.share ?? 0;
    if (typeof share !== 'number' || share < 0 || share > 1) {
      throw badRequest(`share must be a number from 0 to 1; got ${JSON.stringify(share)}.`);
    }
    if (share > 0 && kinds.length === 0)
      throw badRequest('A share above 0 needs at least one kind.');
    this.config = {
      share,
      kinds,
      seed: input.seed ?? 1,
      retryAfterSeconds: input.retryAfterSeconds ?? 1,
      pathPrefix: input.pathPrefix ?? '/',
    };
    this.queue = [...next];
    this.random = seededRandom(this.config.seed);
  }

  /** Returns the fault for a call to `path`, or null for none. */
  draw(path: string): FaultKind | null {
    if (!path.startsWith(this.config.pathPrefix)) return null;
    const queued = this.queue.shift();
    if (queued) return queued;
    if (this.config.share === 0) return null;
    if (this.random() >= this.config.share) return null;
    const index = Math.floor(this.random() * this.config.kinds.length);
    return this.config.kinds[index] ?? null;
  }

  get retryAfterSeconds(): number {
    return this.config.retryAfterSeconds;
  }

  /** Returns the current settings and the faults still queued. */
  describe(): FaultConfig {
    return { ...this.config, kinds: [...this.config.kinds], next: [...this.queue] };
  }
}

/** Counts API calls in fixed windows and returns the Retry-After seconds once over the limit. */
export class RateLimiter {
  private windowStartMs = 0;
  private count = 0;

  constructor(private readonly config: RateLimitConfig) {}

  /** Returns null when the call is allowed, else the whole seconds until the window resets. */
  check(nowMs: number): number | null {
    if (nowMs - this.windowStartMs >= this.config.windowMs) {
      this.windowStartMs = nowMs;
      this.count = 0;
    }
    this.count += 1;
    if (this.count <= this.config.calls) return null;
    return Math.max(1, Math.ceil((this.windowStartMs + this.config.windowMs - nowMs) / 1000));
  }
}

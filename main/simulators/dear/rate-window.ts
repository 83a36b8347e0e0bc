/** Rate limit settings: `calls` per `windowMs`; `calls: 0` turns throttling off. */
export interface RateLimitSettings {
  calls: number;
  windowMs: number;
  /** Status used when the limit is exceeded; Cin7 Core has been seen sending both. */
  throttleMode: '429' | '503';
  /** `Retry-After` seconds on 429 responses; null sends none. 503 responses never carry it. */
  retryAfterSeconds: number | null;
}

export const DEFAULT_RATE_LIMIT: RateLimitSettings = {
  calls: 60,
  windowMs: 60_000,
  throttleMode: '429',
  retryAfterSeconds: null,
};

/**
 * A sliding window over accepted calls. Rejected calls do not count, so a client that waits
 * for the window to slide gets through.
 * NOTE: whether Cin7 Core uses a fixed minute or a sliding 60 s window is not documented.
 */
export class RateWindow {
  private accepted: number[] = [];

  constructor(
    public settings: RateLimitSettings,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Records the call and returns true when it fits in the window. */
  tryAcquire(): boolean {
    if (this.settings.calls <= 0) return true;
    const now = this.clock();
    const windowStart = now - this.settings.windowMs;
    while (this.accepted.length > 0 && (this.accepted[0] ?? 0) <= windowStart)
      this.accepted.shift();
    if (this.accepted.length >= this.settings.calls) return false;
    this.accepted.push(now);
    return true;
  }

  /** Forgets the calls made so far, e.g. after the settings change. */
  clear(): void {
    this.accepted = [];
  }
}

/** Builds the Error Model body Cin7 Core sends when throttling, per mode (429 or 503). */
export function throttleBody(
  settings: RateLimitSettings,
): Array<{ ErrorCode: number; Exception: string }> {
  if (settings.throttleMode === '503') {
    return [
      {
        ErrorCode: 503,
        Exception: `You have reached ${settings.calls} calls per 60 seconds API limit.`,
      },
    ];
  }
  return [
    { ErrorCode: 429, Exception: `You reached ${settings.calls} calls per minute API limit` },
  ];
}

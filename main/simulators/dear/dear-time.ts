/**
 * Cin7 Core timestamps. Responses carry UTC datetimes ending in `Z` with 0 to 7 fraction digits
 * (.NET ticks with trailing zeros trimmed), and requests send `yyyy-MM-ddTHH:mm:ss` without an
 * offset. The simulator compares timestamps as 100-nanosecond ticks since the Unix epoch, so
 * seven-digit fractions compare exactly.
 */

const TICKS_PER_MS = 10_000n;
const TIMESTAMP_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?(Z)?$/;

/**
 * Parses a Cin7 Core date or datetime (`2025-07-01`, `2025-07-01T02:03:04`, `...04.5Z`,
 * `...04.8882229Z`) as UTC ticks. Returns null for anything else, including offsets other
 * than `Z`, which Cin7 Core does not document.
 */
export function parseDearTicks(text: string): bigint | null {
  const match = TIMESTAMP_PATTERN.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = ''] = match;
  const ms = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
  );
  if (Number.isNaN(ms)) return null;
  const check = new Date(ms);
  if (check.getUTCDate() !== Number(day) || check.getUTCMonth() !== Number(month) - 1) return null;
  return BigInt(ms) * TICKS_PER_MS + BigInt(fraction.padEnd(7, '0'));
}

/** Formats ticks as a response datetime: UTC, trailing fraction zeros trimmed, ending in `Z`. */
export function formatDearTicks(ticks: bigint): string {
  const ms = ticks / TICKS_PER_MS;
  const seconds = new Date(Number(ms)).toISOString().slice(0, 19);
  const fraction = (ticks % (1000n * TICKS_PER_MS)).toString().padStart(7, '0').replace(/0+$/, '');
  return fraction ? `${seconds}.${fraction}Z` : `${seconds}Z`;
}

/** Formats a date as a date-only field value (`2025-07-04T00:00:00`, no `Z`). */
export function formatDearDate(date: Date): string {
  return `${date.toISOString().slice(0, 10)}T00:00:00`;
}

/** Compares two tick values for sorting (negative, zero or positive). */
export function compareTicks(a: bigint, b: bigint): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

/** Returns the ticks of a JavaScript date (millisecond precision). */
export function ticksOf(date: Date): bigint {
  return BigInt(date.getTime()) * TICKS_PER_MS;
}

/** Fraction lengths used in turn, so a client sees every precision from 0 to 7 digits. */
const FRACTION_DIGITS = [3, 2, 7, 0, 1, 6, 4, 5];

/**
 * Issues `LastModifiedOn` / `Updated` stamps. Each stamp is at or after `now()` and strictly
 * after the previous stamp, so "modified since" comparisons never miss a later change, and
 * successive stamps use different fraction lengths.
 */
export class DearStampClock {
  private lastTicks = 0n;
  private counter = 0;

  constructor(private readonly now: () => Date) {}

  /** Returns the next stamp as ticks. */
  nextTicks(): bigint {
    const digits = FRACTION_DIGITS[this.counter % FRACTION_DIGITS.length] ?? 7;
    this.counter += 1;
    const step = 10n ** BigInt(7 - digits);
    let ticks = ticksOf(this.now());
    if (ticks <= this.lastTicks) ticks = this.lastTicks + 1n;
    const rounded = ((ticks + step - 1n) / step) * step;
    this.lastTicks = rounded;
    return rounded;
  }

  /** Returns the next stamp formatted for a response. */
  next(): string {
    return formatDearTicks(this.nextTicks());
  }

  /** Returns the current time as a date-only value. */
  today(): string {
    return formatDearDate(this.now());
  }
}

const stampTicksCache = new Map<string, bigint>();

/**
 * Parses a stored `LastModifiedOn` / `Updated` stamp, caching results because every list page
 * re-sorts all records. Unparseable text counts as tick 0, so such a record sorts first.
 */
export function ticksOfStamp(text: string): bigint {
  let ticks = stampTicksCache.get(text);
  if (ticks === undefined) {
    ticks = parseDearTicks(text) ?? 0n;
    if (stampTicksCache.size > 200_000) stampTicksCache.clear();
    stampTicksCache.set(text, ticks);
  }
  return ticks;
}

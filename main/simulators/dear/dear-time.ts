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

/**
 * Sub-millisecond offsets (in 100-nanosecond ticks) added in turn, so a client sees fractions
 * of 3 to 7 digits as real Cin7 Core sends them. Each is under half a millisecond, so a stamp
 * stays within the millisecond its clock reads.
 */
const SUB_MS_OFFSETS = [0n, 4_321n, 0n, 500n, 120n, 0n, 7n, 3_990n];

/**
 * Issues `LastModifiedOn` / `Updated` stamps that follow `now()`. Each stamp lies within the
 * millisecond `now()` reads and is strictly after the previous stamp, so "modified since"
 * comparisons never miss a later change. A burst of stamps in one millisecond steps one tick
 * at a time, so stamps run ahead of the clock only after some 5,000 stamps in one millisecond.
 */
export class DearStampClock {
  private lastTicks = 0n;
  private counter = 0;

  constructor(private readonly now: () => Date) {}

  /** Returns the next stamp as ticks. */
  nextTicks(): bigint {
    const offset = SUB_MS_OFFSETS[this.counter % SUB_MS_OFFSETS.length] ?? 0n;
    this.counter += 1;
    const nowTicks = ticksOf(this.now());
    let ticks = nowTicks + offset;
    if (ticks <= this.lastTicks) ticks = this.lastTicks + 1n;
    this.lastTicks = ticks;
    return ticks;
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

/**
 * Date handling for Cin7 Core. Responses mix several spellings: date-times end in `Z` with 0 to
 * 7 fraction digits (`...13:27:28.16Z`, `...06:58:21.8882229Z`), date-only fields come without
 * `Z` (`2025-07-04T00:00:00`), and some clients see offsets. Requests take UTC without offset.
 */

const DEAR_DATE_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parses a date or date-time as Cin7 Core sends it: with `Z`, with an offset, or without a zone.
 * A value without a zone is read as UTC. That is what Cin7 Core means for `LastModifiedOn`-style
 * fields, and it keeps date-only `YYYY-MM-DDT00:00:00` fields on their calendar day. Fractions
 * beyond milliseconds are truncated.
 *
 * Returns null when the text is not such a date or names an impossible day (`2025-02-30`).
 */
export function parseDearDate(text: string): Date | null {
  const match = DEAR_DATE_PATTERN.exec(text.trim());
  if (!match) return null;

  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone] = match;
  const millis = Number(fraction.slice(0, 3).padEnd(3, '0'));
  const utc = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    millis,
  );
  const date = new Date(utc);

  // Date.UTC rolls 2025-02-30 over to March; a date that does not survive the round trip is
  // not a real calendar day.
  const sameDay =
    date.getUTCFullYear() === Number(year) &&
    date.getUTCMonth() === Number(month) - 1 &&
    date.getUTCDate() === Number(day);
  if (!sameDay || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null;

  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4));
    if (offsetMinutes > 14 * 60) return null;
    return new Date(utc - sign * offsetMinutes * 60_000);
  }
  return date;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/**
 * Formats an instant as Cin7 Core expects in filters such as `ModifiedSince` and `UpdatedSince`:
 * `yyyy-MM-ddTHH:mm:ss` in UTC, without offset and without milliseconds.
 *
 * Throws a RangeError for an invalid Date.
 */
export function formatDearDateTime(date: Date): string {
  if (Number.isNaN(date.getTime()))
    throw new RangeError('Cannot format an invalid Date for Cin7 Core');
  const day = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return `${day}T${time}`;
}

/**
 * Formats a calendar date for date-only fields (`ShipBy`, `SaleOrderDate`) as
 * `YYYY-MM-DDT00:00:00`.
 *
 * `localDate` is either a `YYYY-MM-DD` string (used as it is) or an instant, which is turned
 * into the calendar date it falls on in `timeZone` (an IANA name such as the tenant's
 * `Pacific/Auckland` from `GET /me`; UTC when omitted).
 *
 * Throws a RangeError for a string that is not a real `YYYY-MM-DD` day, an invalid Date or an
 * unknown time zone.
 */
export function formatDearDate(localDate: string | Date, timeZone = 'UTC'): string {
  if (typeof localDate === 'string') {
    const dayText = localDate.trim().slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(dayText) || parseDearDate(dayText) === null) {
      throw new RangeError(`"${localDate}" is not a calendar date in the form YYYY-MM-DD`);
    }
    return `${dayText}T00:00:00`;
  }

  if (Number.isNaN(localDate.getTime())) {
    throw new RangeError('Cannot format an invalid Date for Cin7 Core');
  }
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(localDate);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}T00:00:00`;
}

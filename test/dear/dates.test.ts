import { describe, expect, it } from 'vitest';
import { formatDearDate, formatDearDateTime, parseDearDate } from '../../main/dear/dates.js';

describe('parseDearDate', () => {
  it.each([
    ['2025-07-01T02:03:04Z', '2025-07-01T02:03:04.000Z'],
    ['2025-07-01T02:03:04.5Z', '2025-07-01T02:03:04.500Z'],
    ['2025-07-01T02:03:04.16Z', '2025-07-01T02:03:04.160Z'],
    ['2017-12-26T07:19:37.937Z', '2017-12-26T07:19:37.937Z'],
    ['2025-07-01T06:58:21.8882Z', '2025-07-01T06:58:21.888Z'],
    ['2025-07-01T06:58:21.888222Z', '2025-07-01T06:58:21.888Z'],
    ['2025-07-01T06:58:21.8882229Z', '2025-07-01T06:58:21.888Z'],
  ])('reads %s with any fraction length', (text, iso) => {
    expect(parseDearDate(text)?.toISOString()).toBe(iso);
  });

  it('reads a date-only value without Z as that UTC day', () => {
    expect(parseDearDate('2025-07-04T00:00:00')?.toISOString()).toBe('2025-07-04T00:00:00.000Z');
    expect(parseDearDate('2025-07-04')?.toISOString()).toBe('2025-07-04T00:00:00.000Z');
  });

  it('applies an offset', () => {
    expect(parseDearDate('2025-07-04T12:00:00+12:00')?.toISOString()).toBe(
      '2025-07-04T00:00:00.000Z',
    );
    expect(parseDearDate('2025-07-04T12:00:00.25-0530')?.toISOString()).toBe(
      '2025-07-04T17:30:00.250Z',
    );
  });

  it.each([
    '',
    'yesterday',
    '29/01/2018',
    '2025-02-30T00:00:00',
    '2025-13-01T00:00:00Z',
    '2025-07-01T24:00:00Z',
    '2025-07-01T02:03:04.12345678Z',
    '2025-07-01T02:03:04+15:00',
  ])('rejects %j', (text) => {
    expect(parseDearDate(text)).toBeNull();
  });
});

describe('formatDearDateTime', () => {
  it('writes UTC without offset or milliseconds', () => {
    expect(formatDearDateTime(new Date('2025-07-01T02:03:04.987Z'))).toBe('2025-07-01T02:03:04');
    expect(formatDearDateTime(new Date('2025-12-31T23:59:59+13:00'))).toBe('2025-12-31T10:59:59');
  });

  it('round-trips through parseDearDate', () => {
    const text = formatDearDateTime(new Date('2024-02-29T08:07:06Z'));
    expect(parseDearDate(text)?.toISOString()).toBe('2024-02-29T08:07:06.000Z');
  });

  it('rejects an invalid Date', () => {
    expect(() => formatDearDateTime(new Date('nonsense'))).toThrow(RangeError);
  });
});

describe('formatDearDate', () => {
  it('keeps a calendar date string', () => {
    expect(formatDearDate('2025-07-04')).toBe('2025-07-04T00:00:00');
  });

  it('takes the day of an instant in the tenant time zone', () => {
    // 12:30 UTC on 3 July is already 4 July in Auckland (UTC+12 in winter).
    const instant = new Date('2025-07-03T12:30:00Z');
    expect(formatDearDate(instant, 'Pacific/Auckland')).toBe('2025-07-04T00:00:00');
    expect(formatDearDate(instant)).toBe('2025-07-03T00:00:00');
  });

  it.each(['2025-02-30', '04/07/2025', 'tomorrow'])('rejects %j', (text) => {
    expect(() => formatDearDate(text)).toThrow(RangeError);
  });
});

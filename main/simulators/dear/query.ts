import { badRequest } from './http-io.js';
import { parseDearTicks } from './dear-time.js';

/** Query string parameters with case-insensitive names, as ASP.NET binds them. */
export class QueryParams {
  private readonly values = new Map<string, string>();

  constructor(search: URLSearchParams) {
    for (const [name, value] of search) {
      const key = name.toLowerCase();
      if (!this.values.has(key)) this.values.set(key, value);
    }
  }

  /** Returns the raw value, or undefined when absent or empty. */
  get(name: string): string | undefined {
    const value = this.values.get(name.toLowerCase());
    return value === undefined || value === '' ? undefined : value;
  }

  /** Reads a boolean (`true`/`false`, any case). Throws a 400 ApiError on other text. */
  bool(name: string, fallback: boolean): boolean {
    const value = this.get(name);
    if (value === undefined) return fallback;
    const lower = value.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    throw badRequest(`The value '${value}' is not valid for ${name}. Use true or false.`);
  }

  /** Reads a UTC datetime as ticks. Throws a 400 ApiError when it does not parse. */
  ticks(name: string): bigint | undefined {
    const value = this.get(name);
    if (value === undefined) return undefined;
    const ticks = parseDearTicks(value);
    if (ticks === null) {
      throw badRequest(
        `The value '${value}' is not valid for ${name}. Use a UTC date such as 2025-07-01T00:00:00.`,
      );
    }
    return ticks;
  }

  /** Reads a positive integer in [min, max]. Throws a 400 ApiError when out of range. */
  integer(name: string, fallback: number, min: number, max: number): number {
    const value = this.get(name);
    if (value === undefined) return fallback;
    if (!/^-?\d+$/.test(value))
      throw badRequest(`The value '${value}' is not valid for ${name}. Use a whole number.`);
    const number = Number(value);
    if (number < min || number > max) {
      throw badRequest(`${name} must be between ${min} and ${max}, got ${value}.`);
    }
    return number;
  }
}

export interface Paging {
  page: number;
  limit: number;
}

/** Maximum `Limit` Cin7 Core accepts on paged lists. */
export const MAX_LIMIT = 1000;

/** Reads `Page` (from 1) and `Limit` (1..1000). Throws a 400 ApiError when either is invalid. */
export function readPaging(query: QueryParams, defaultLimit = 100): Paging {
  return {
    page: query.integer('Page', 1, 1, Number.MAX_SAFE_INTEGER),
    limit: query.integer('Limit', defaultLimit, 1, MAX_LIMIT),
  };
}

/** Returns the rows of one page (an empty array past the end). */
export function pageOf<T>(rows: readonly T[], paging: Paging): T[] {
  const start = (paging.page - 1) * paging.limit;
  return rows.slice(start, start + paging.limit);
}

/** Compares an optional filter with a value: exact match, case-insensitive. */
export function equalsIgnoreCase(value: unknown, filter: string | undefined): boolean {
  if (filter === undefined) return true;
  return typeof value === 'string' && value.toLowerCase() === filter.toLowerCase();
}

/** True when `value` starts with `filter`, case-insensitive (or no filter). */
export function startsWithIgnoreCase(value: unknown, filter: string | undefined): boolean {
  if (filter === undefined) return true;
  return typeof value === 'string' && value.toLowerCase().startsWith(filter.toLowerCase());
}

/** True when `value` contains `filter`, case-insensitive (or no filter). */
export function containsIgnoreCase(value: unknown, filter: string | undefined): boolean {
  if (filter === undefined) return true;
  return typeof value === 'string' && value.toLowerCase().includes(filter.toLowerCase());
}

import type { WireFieldError } from '../../upstock/wire.js';

/**
 * Field readers for request validation. Each reader returns the value in its wire shape, or
 * pushes a `{ field, reason }` onto `errors` and returns a placeholder, so one pass collects
 * every problem of a record instead of stopping at the first.
 */
export class FieldReader {
  readonly errors: WireFieldError[] = [];

  constructor(
    private readonly record: Record<string, unknown>,
    private readonly prefix = '',
  ) {}

  fail(field: string, reason: string): void {
    this.errors.push({ field: this.prefix + field, reason });
  }

  has(field: string): boolean {
    return this.record[field] !== undefined;
  }

  /** Reads a required string that is not blank after trimming. */
  requiredText(field: string, maxLength = 500): string {
    const value = this.record[field];
    if (typeof value !== 'string' || value.trim() === '') {
      this.fail(field, `${field} is required and must be a non-empty string.`);
      return '';
    }
    if (value.length > maxLength)
      this.fail(field, `${field} is longer than ${maxLength} characters.`);
    return value;
  }

  /** Reads an optional string. Absent, null and blank values become null. */
  optionalText(field: string, maxLength = 4000): string | null {
    const value = this.record[field];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string') {
      this.fail(field, `${field} must be a string or null.`);
      return null;
    }
    if (value.length > maxLength)
      this.fail(field, `${field} is longer than ${maxLength} characters.`);
    return value.trim() === '' ? null : value;
  }

  /** A string that may be empty but must be present. */
  text(field: string, maxLength = 200): string {
    const value = this.record[field];
    if (typeof value !== 'string') {
      this.fail(field, `${field} is required and must be a string.`);
      return '';
    }
    if (value.length > maxLength)
      this.fail(field, `${field} is longer than ${maxLength} characters.`);
    return value;
  }

  boolean(field: string, fallback?: boolean): boolean {
    const value = this.record[field];
    if (value === undefined && fallback !== undefined) return fallback;
    if (typeof value !== 'boolean') {
      this.fail(field, `${field} is required and must be true or false.`);
      return false;
    }
    return value;
  }

  oneOf<T extends string>(field: string, allowed: readonly T[]): T {
    const value = this.record[field];
    if (typeof value !== 'string' || !allowed.includes(value as T)) {
      this.fail(field, `${field} must be one of ${allowed.join(', ')}.`);
      return allowed[0] as T;
    }
    return value as T;
  }

  /** An array field (absent means empty); each element is passed to `read` with its index. */
  array<T>(field: string, maxItems: number, read: (item: unknown, index: number) => T): T[] {
    const value = this.record[field];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.fail(field, `${field} must be an array.`);
      return [];
    }
    if (value.length > maxItems) {
      this.fail(field, `${field} has ${value.length} items; at most ${maxItems} are allowed.`);
      return [];
    }
    return value.map(read);
  }

  /** Reads a nested object with its own reader whose errors carry `field[index].` prefixes. */
  nested(path: string, value: unknown): FieldReader | null {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.fail(path, `${path} must be an object.`);
      return null;
    }
    return new FieldReader(value as Record<string, unknown>, `${this.prefix}${path}.`);
  }

  /** Moves a nested reader's errors into this one. */
  absorb(other: FieldReader | null): void {
    if (other) this.errors.push(...other.errors);
  }
}

/** Returns true when `text` is an absolute http(s) URL. */
export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Returns true for an ISO 8601 timestamp with a time and a zone (Z or an offset). */
export function isTimestamp(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    return false;
  }
  return !Number.isNaN(Date.parse(text));
}

/** Returns true for a real calendar date written as YYYY-MM-DD. */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

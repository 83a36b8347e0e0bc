import { Decimal } from 'decimal.js';

/** Reading typed values out of a parsed request body; each reader returns a message on failure. */

export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

/** Rounds to 2 dp, half away from zero (decimal.js ROUND_HALF_UP rounds ties away from zero). */
export function round2(value: Decimal): Decimal {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/**
 * Reads a decimal: a JSON number (parsed to Decimal from its source text) or a numeric string,
 * with at most `maxPlaces` decimal places and at least `min` when given.
 */
export function readDecimal(
  value: unknown,
  field: string,
  rules: { maxPlaces: number; min?: Decimal.Value; max?: Decimal.Value; required?: boolean },
): Read<Decimal | undefined> {
  if (value === undefined || value === null) {
    return rules.required
      ? { ok: false, message: `${field} is required.` }
      : { ok: true, value: undefined };
  }
  let decimal: Decimal;
  if (value instanceof Decimal) decimal = value;
  else if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()))
    decimal = new Decimal(value.trim());
  else return { ok: false, message: `${field} must be a number, got ${JSON.stringify(value)}.` };

  if (decimal.decimalPlaces() > rules.maxPlaces) {
    return {
      ok: false,
      message: `${field} ${decimal.toFixed()} has more than ${rules.maxPlaces} decimal places.`,
    };
  }
  if (rules.min !== undefined && decimal.lessThan(rules.min)) {
    return {
      ok: false,
      message: `${field} must be at least ${new Decimal(rules.min).toFixed()}, got ${decimal.toFixed()}.`,
    };
  }
  if (rules.max !== undefined && decimal.greaterThan(rules.max)) {
    return {
      ok: false,
      message: `${field} must be at most ${new Decimal(rules.max).toFixed()}, got ${decimal.toFixed()}.`,
    };
  }
  return { ok: true, value: decimal };
}

/** Reads an optional string no longer than `maxLength`. */
export function readString(
  value: unknown,
  field: string,
  maxLength: number,
  required = false,
): Read<string | undefined> {
  if (value === undefined || value === null || (required && value === '')) {
    return required
      ? { ok: false, message: `${field} is required.` }
      : { ok: true, value: undefined };
  }
  if (typeof value !== 'string')
    return { ok: false, message: `${field} must be a string, got ${JSON.stringify(value)}.` };
  if (value.length > maxLength) {
    return {
      ok: false,
      message: `${field} is ${value.length} characters long; the maximum is ${maxLength}.`,
    };
  }
  return { ok: true, value };
}

/** Reads an optional boolean. */
export function readBoolean(value: unknown, field: string): Read<boolean | undefined> {
  if (value === undefined || value === null) return { ok: true, value: undefined };
  if (typeof value !== 'boolean')
    return { ok: false, message: `${field} must be true or false, got ${JSON.stringify(value)}.` };
  return { ok: true, value };
}

/** True for a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Decimal)
  );
}

/** Collects messages from several reads; `take` returns the value or records the message. */
export class MessageCollector {
  readonly messages: string[] = [];

  take<T>(read: Read<T>): T | undefined {
    if (read.ok) return read.value;
    this.messages.push(read.message);
    return undefined;
  }

  add(message: string): void {
    this.messages.push(message);
  }
}

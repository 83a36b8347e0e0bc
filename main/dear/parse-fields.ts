import { Decimal } from 'decimal.js';
import { z } from 'zod';
import type { ParseResult } from './records.js';
import { parseDearDate } from './dates.js';

/**
 * Lenient zod field types for Cin7 Core records. Each error message starts after the field name
 * ("is missing...", "is 5000 characters long...") so `parseRecord` can prefix the field and the
 * merchant reads one sentence that states what is wrong and how to fix it in Cin7 Core.
 */

const FIX = 'Correct it in Cin7 Core and sync again.';

function describeInput(value: unknown): string {
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string')
    return `"${value.length > 40 ? `${value.slice(0, 40)}...` : value}"`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function isAbsent(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

/** Builds a required text field of at most `max` characters (Cin7 Core's documented length). */
export function requiredText(max?: number) {
  return z
    .unknown()
    .optional()
    .transform((value, ctx) => {
      if (isAbsent(value) || (typeof value === 'string' && value.trim() === '')) {
        ctx.addIssue({
          code: 'custom',
          message: `is missing. Fill it in in Cin7 Core and sync again.`,
        });
        return z.NEVER;
      }
      return checkText(value, max, ctx);
    });
}

/** Builds an optional text field: missing, null and '' become null. */
export function optionalText(max?: number) {
  return z
    .unknown()
    .optional()
    .transform((value, ctx): string | null => {
      if (isAbsent(value) || value === '') return null;
      return checkText(value, max, ctx);
    });
}

function checkText(value: unknown, max: number | undefined, ctx: z.RefinementCtx): string {
  if (typeof value !== 'string') {
    ctx.addIssue({
      code: 'custom',
      message: `should be text but is ${describeInput(value)}. ${FIX}`,
    });
    return z.NEVER;
  }
  // Length counts characters as Cin7 Core does, so an emoji counts once.
  const length = [...value].length;
  if (max !== undefined && length > max) {
    ctx.addIssue({
      code: 'custom',
      message:
        `is ${length} characters long, more than the ${max} Cin7 Core allows. ` +
        'Shorten it in Cin7 Core and sync again.',
    });
    return z.NEVER;
  }
  return value;
}

function toDecimal(value: unknown): Decimal | null {
  if (typeof value === 'number') return Number.isFinite(value) ? new Decimal(value) : null;
  if (typeof value === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value)) {
    return new Decimal(value.trim());
  }
  return null;
}

/** Builds a required decimal amount, read from a number or a numeric string. */
export function requiredDecimal() {
  return z
    .unknown()
    .optional()
    .transform((value, ctx) => {
      if (isAbsent(value) || value === '') {
        ctx.addIssue({
          code: 'custom',
          message: `is missing. Fill it in in Cin7 Core and sync again.`,
        });
        return z.NEVER;
      }
      return checkDecimal(value, ctx);
    });
}

/** Builds an optional decimal amount: missing, null and '' become `fallback`. */
export function optionalDecimal<T extends Decimal | null>(fallback: T) {
  return z
    .unknown()
    .optional()
    .transform((value, ctx): Decimal | T => {
      if (isAbsent(value) || value === '') return fallback;
      return checkDecimal(value, ctx);
    });
}

/**
 * Builds an optional price: missing, null and '' become `fallback`. A negative price is
 * invalid, because a price list would otherwise clamp it to 0 and offer the product free.
 */
export function optionalPrice<T extends Decimal | null>(fallback: T) {
  return optionalDecimal(fallback).transform((value, ctx): Decimal | T => {
    if (value !== null && value.isNegative()) rejectNegativePrice(value, ctx);
    return value;
  });
}

/** Builds a required price that must not be negative (see `optionalPrice`). */
export function requiredPrice() {
  return requiredDecimal().transform((value, ctx): Decimal => {
    if (value.isNegative()) rejectNegativePrice(value, ctx);
    return value;
  });
}

function rejectNegativePrice(value: Decimal, ctx: z.RefinementCtx): void {
  ctx.addIssue({
    code: 'custom',
    message: `is ${value.toString()}, a negative price. ${FIX}`,
  });
}

function checkDecimal(value: unknown, ctx: z.RefinementCtx): Decimal {
  const decimal = toDecimal(value);
  if (decimal === null) {
    ctx.addIssue({
      code: 'custom',
      message: `should be a number but is ${describeInput(value)}. ${FIX}`,
    });
    return z.NEVER;
  }
  return decimal;
}

/** Builds a yes/no flag from booleans, "true"/"false", "1"/"0" or 1/0. Missing gives `fallback`. */
export function flag(fallback: boolean) {
  return z
    .unknown()
    .optional()
    .transform((value, ctx): boolean => {
      if (isAbsent(value) || value === '') return fallback;
      if (typeof value === 'boolean') return value;
      const text = String(value).trim().toLowerCase();
      if (text === 'true' || text === '1') return true;
      if (text === 'false' || text === '0') return false;
      ctx.addIssue({
        code: 'custom',
        message: `should be true or false but is ${describeInput(value)}. ${FIX}`,
      });
      return z.NEVER;
    });
}

/** Builds a required Cin7 Core date or date-time (see `parseDearDate`). */
export function requiredDate() {
  return z
    .unknown()
    .optional()
    .transform((value, ctx): Date => {
      const date = typeof value === 'string' ? parseDearDate(value) : null;
      if (date === null) {
        const problem = isAbsent(value)
          ? 'is missing'
          : `is not a date Cin7 Core sends (${describeInput(value)})`;
        ctx.addIssue({
          code: 'custom',
          message: `${problem}. Save the record again in Cin7 Core and sync again.`,
        });
        return z.NEVER;
      }
      return date;
    });
}

/** Builds an optional Cin7 Core date or date-time: missing, null and '' become null. */
export function optionalDate() {
  return z
    .unknown()
    .optional()
    .transform((value, ctx): Date | null => {
      if (isAbsent(value) || value === '') return null;
      const date = typeof value === 'string' ? parseDearDate(value) : null;
      if (date === null) {
        ctx.addIssue({
          code: 'custom',
          message: `is not a date Cin7 Core sends (${describeInput(value)}). ${FIX}`,
        });
        return z.NEVER;
      }
      return date;
    });
}

/** Tags: Cin7 Core's comma-delimited string (or a list), trimmed, empty tags dropped. */
export function tagList() {
  return z
    .unknown()
    .optional()
    .transform((value, ctx): string[] => {
      if (isAbsent(value)) return [];
      const parts = typeof value === 'string' ? value.split(',') : value;
      if (!Array.isArray(parts) || !parts.every((tag) => typeof tag === 'string')) {
        ctx.addIssue({
          code: 'custom',
          message: `should be comma-separated text but is ${describeInput(value)}. ${FIX}`,
        });
        return z.NEVER;
      }
      return parts.map((tag) => tag.trim()).filter((tag) => tag !== '');
    });
}

/** Builds a list of `item`. Missing and null give []. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (value) => (isAbsent(value) ? [] : value),
    z.array(item, {
      error: (issue) => `should be a list but is ${describeInput(issue.input)}. ${FIX}`,
    }),
  );
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index > 0 ? '.' : ''}${String(part)}`,
    )
    .join('');
}

function rawText(raw: unknown, key: string): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const value = (raw as Record<string, unknown>)[key];
  if (typeof value === 'string' && value.trim() !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/**
 * Parses one raw record with `schema`. On failure returns the record's ID (or "(missing ID)"),
 * a label (the first non-empty field of `labelKeys`, such as SKU then Name), the field path
 * (`Addresses[1].Line1`) and a reason that starts with that field.
 */
export function parseRecord<T>(
  schema: z.ZodType<T>,
  raw: unknown,
  options: { idKey: string; labelKeys?: readonly string[]; kind: string },
): ParseResult<T> {
  const recordId = rawText(raw, options.idKey) ?? '(missing ID)';
  const labelKey = options.labelKeys?.find((key) => rawText(raw, key) !== undefined);
  const label = labelKey ? rawText(raw, labelKey)?.slice(0, 100) : undefined;

  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      recordId,
      field: '(record)',
      reason: `Cin7 Core sent ${describeInput(raw)} where a ${options.kind} record was expected.`,
    };
  }

  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };

  const issue = result.error.issues[0];
  const field = issue ? fieldPath(issue.path) : '(record)';
  const reason = `${field} ${issue?.message ?? 'is invalid.'}`;
  return label === undefined
    ? { ok: false, recordId, field, reason }
    : { ok: false, recordId, label, field, reason };
}

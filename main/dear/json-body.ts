import { Decimal } from 'decimal.js';

type ReviverWithSource = (key: string, value: unknown, context?: { source?: string }) => unknown;

/**
 * Keeps money exact: a JSON number that a double cannot hold digit for digit (more than about
 * 15 significant digits) is returned as its source text, which the parsers read as a Decimal.
 */
const keepExactNumbers: ReviverWithSource = (_key, value, context) => {
  if (typeof value !== 'number' || context?.source === undefined) return value;
  return new Decimal(context.source).eq(value) ? value : context.source;
};

/** Decodes a response body: JSON when it parses, otherwise the text itself; '' stays ''. */
export function decodeBody(text: string): unknown {
  if (text.trim() === '') return '';
  try {
    return JSON.parse(text, keepExactNumbers as Parameters<typeof JSON.parse>[1]) as unknown;
  } catch {
    return text;
  }
}

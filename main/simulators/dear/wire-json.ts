import { Decimal } from 'decimal.js';

/**
 * JSON on the simulator's wire. Request numbers are read from their source text into Decimal,
 * so `4.55` stays exactly 4.55; Decimal values in responses are written as JSON numbers from
 * their exact decimal text, as the real API sends money.
 */

interface JsonWithSource {
  parse(
    text: string,
    reviver: (key: string, value: unknown, context?: { source?: string }) => unknown,
  ): unknown;
  rawJSON(text: string): unknown;
}

const json = JSON as unknown as JsonWithSource;

/** Parses a request body; every JSON number becomes a Decimal. Throws SyntaxError on bad JSON. */
export function parseWireJson(text: string): unknown {
  return json.parse(text, (_key, value, context) => {
    if (typeof value === 'number') return new Decimal(context?.source ?? String(value));
    return value;
  });
}

/** Serialises a response body; Decimal values become JSON numbers without exponent notation. */
export function stringifyWireJson(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, converted: unknown) {
    const original = this[key];
    if (original instanceof Decimal) return json.rawJSON(original.toFixed());
    return converted;
  });
}

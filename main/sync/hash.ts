import { createHash } from 'node:crypto';

/**
 * Serialises a JSON-like value with object keys sorted, so two payloads that differ only in
 * key order give the same text. `undefined` members are dropped, as `JSON.stringify` does.
 *
 * The text is exactly `JSON.stringify` of a key-sorted copy (integer-like keys first, in
 * numeric order, as JavaScript enumerates them), so hashes stored by earlier versions still
 * match. It is written in one pass, without building the sorted copy.
 */
export function canonicalJson(value: unknown): string {
  return serialize(value) as string;
}

function serialize(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return serializeArray(value);
  if (value instanceof Date) return JSON.stringify(value);
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return serialize(withToJson.toJSON());
  return serializeObject(value as Record<string, unknown>);
}

function serializeArray(items: readonly unknown[]): string {
  let text = '[';
  for (let i = 0; i < items.length; i += 1) {
    if (i > 0) text += ',';
    text += serialize(items[i]) ?? 'null';
  }
  return `${text}]`;
}

function serializeObject(record: Record<string, unknown>): string {
  let text = '{';
  let first = true;
  for (const key of sortedKeys(record)) {
    const member = serialize(record[key]);
    if (member === undefined) continue;
    text += `${first ? '' : ','}${JSON.stringify(key)}:${member}`;
    first = false;
  }
  return `${text}}`;
}

/** Array-index keys: JavaScript enumerates them first, in numeric order, whatever the insertion order. */
const INDEX_KEY = /^(?:0|[1-9]\d{0,9})$/;
const MAX_INDEX = 2 ** 32 - 2;

function sortedKeys(record: Record<string, unknown>): string[] {
  const keys = Object.keys(record).sort();
  const indexKeys = keys.filter((key) => INDEX_KEY.test(key) && Number(key) <= MAX_INDEX);
  if (indexKeys.length === 0) return keys;
  const indexSet = new Set(indexKeys);
  indexKeys.sort((a, b) => Number(a) - Number(b));
  return [...indexKeys, ...keys.filter((key) => !indexSet.has(key))];
}

/** Returns the SHA-256 hex digest of a payload's canonical JSON: the content hash in mappings. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type WirePage } from '../../upstock/wire.js';
import { badRequest } from './http.js';

/**
 * Reads the `limit` query parameter: 1 to 500, default 100. Throws a 400 problem for anything
 * else.
 */
export function readLimit(query: URLSearchParams): number {
  const text = query.get('limit');
  if (text === null) return DEFAULT_PAGE_SIZE;
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw badRequest(`limit must be a whole number from 1 to ${MAX_PAGE_SIZE}; got "${text}".`);
  }
  return limit;
}

/** Encodes a sort position as an opaque cursor. */
export function encodeCursor(position: string[]): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** Decodes a cursor made by `encodeCursor`, or throws a 400 problem. */
export function decodeCursor(cursor: string): string[] {
  try {
    const position: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(position) && position.every((part) => typeof part === 'string')) {
      return position;
    }
  } catch {
    // Falls through to the problem below.
  }
  throw badRequest(`cursor "${cursor}" is not valid; pass the nextCursor of the previous page.`);
}

function comparePositions(a: string[], b: string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const left = a[i] ?? '';
    const right = b[i] ?? '';
    if (left !== right) return left < right ? -1 : 1;
  }
  return 0;
}

/**
 * Returns one page of `items`, sorted by `positionOf` (a tuple of strings compared in order),
 * starting after the cursor's position. The cursor contains the last position returned, so items
 * added or moved while a client pages are not skipped, as long as they sort after it.
 */
export function pageOf<T, R>(
  items: Iterable<T>,
  positionOf: (item: T) => string[],
  query: URLSearchParams,
  view: (item: T) => R,
): WirePage<R> {
  const limit = readLimit(query);
  const cursorText = query.get('cursor');
  const after = cursorText ? decodeCursor(cursorText) : null;

  const sorted = [...items]
    .map((item) => ({ item, position: positionOf(item) }))
    .filter((entry) => after === null || comparePositions(entry.position, after) > 0)
    .sort((a, b) => comparePositions(a.position, b.position));

  const page = sorted.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = sorted.length > limit && last ? encodeCursor(last.position) : null;
  return { items: page.map((entry) => view(entry.item)), nextCursor };
}

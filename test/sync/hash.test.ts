import { createHash } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from '../../main/sync/hash.js';

/** The definition canonicalJson must match: JSON.stringify of a key-sorted copy. */
function sortedCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedCopy);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const withToJson = value as { toJSON?: () => unknown };
    if (typeof withToJson.toJSON === 'function') return sortedCopy(withToJson.toJSON());
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort())
      sorted[key] = sortedCopy((value as Record<string, unknown>)[key]);
    return sorted;
  }
  return value;
}

const CASES: [string, unknown][] = [
  ['flat object', { b: 1, a: 'x', c: true }],
  ['nested', { z: { y: [3, { q: null, p: 'é"\\\n' }], x: -0 }, a: [] }],
  ['undefined members', { a: undefined, b: 1, c: () => 1 }],
  ['undefined in arrays', [undefined, 1, () => 2, Symbol('s')]],
  ['non-finite numbers', { a: Number.NaN, b: Infinity, c: 1e21, d: 0.1 }],
  ['Decimal and Date', { price: new Decimal('12.5000'), at: new Date('2026-01-02T03:04:05Z') }],
  ['index-like keys', { '10': 'a', '2': 'b', b: 'c', '01': 'd', '4294967295': 'e', a: 'f' }],
  ['empty', {}],
  ['top-level string', 'text'],
  [
    'product payload',
    {
      externalId: 'p-1',
      code: 'SKU-1',
      name: 'Flat white',
      description: null,
      imageUrls: ['https://example.test/a.png'],
      availability: 'available',
    },
  ],
];

describe('canonicalJson', () => {
  for (const [name, value] of CASES) {
    it(`matches sorted JSON: ${name}`, () => {
      expect(canonicalJson(value)).toBe(JSON.stringify(sortedCopy(value)));
    });
  }

  it('ignores key order', () => {
    expect(canonicalJson({ a: 1, b: { c: 2, d: 3 } })).toBe(
      canonicalJson({ b: { d: 3, c: 2 }, a: 1 }),
    );
  });
});

describe('contentHash', () => {
  it('is SHA-256 of the canonical JSON', () => {
    const payload = { name: 'Retail', prices: [{ productExternalId: 'p1', price: '1.0000' }] };
    const expected = createHash('sha256')
      .update('{"name":"Retail","prices":[{"price":"1.0000","productExternalId":"p1"}]}')
      .digest('hex');
    expect(contentHash(payload)).toBe(expected);
  });
});

/**
 * Deterministic building blocks for seeds and fault injection: GUIDs derived from a name and a
 * number, and a small seeded pseudo-random generator. The same input always gives the same
 * output, so two runs of a test or a benchmark see identical IDs and identical fault sequences.
 */

function fnv1a32(text: string, basis: number): number {
  let hash = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

function hex8(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}

/**
 * Returns a version-4-shaped GUID (lower case) derived from `kind` and `index`. Different
 * (kind, index) pairs give different GUIDs for any realistic seed size, because 128 bits come
 * from four independent 32-bit hashes.
 */
export function deterministicGuid(kind: string, index: number | string): string {
  const key = `${kind}:${index}`;
  const a = hex8(fnv1a32(key, 0x811c9dc5));
  const b = hex8(fnv1a32(key, 0x01234567));
  const c = hex8(fnv1a32(key, 0x89abcdef));
  const d = hex8(fnv1a32(key, 0x5bd1e995));
  const variant = ((parseInt(c[0] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

/** A seeded pseudo-random number generator (mulberry32). Not for cryptography. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Returns a float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Returns an integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Returns one element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('SeededRandom.pick needs a non-empty array');
    return item;
  }
}

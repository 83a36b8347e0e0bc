import { createHash } from 'node:crypto';

/** One entry of a price list: a Cin7 Core product ID and its price as a 4-place money string. */
export interface PriceEntry {
  productId: string;
  price: string;
}

/**
 * The prices of one pricing profile (tier and customer discount, no special prices): one
 * 4-place money string per carried product, in the order of `productIds`. Customers share
 * the vector, so it is computed once per profile, not once per customer.
 */
export interface PriceVector {
  /** Sorted carried product IDs; shared by every vector of a plan. */
  productIds: readonly string[];
  prices: readonly string[];
  /** SHA-256 of the product IDs and prices, so equal vectors have equal hashes. */
  hash: string;
}

/**
 * A customer's prices that differ from its profile's vector: product index into the vector
 * and the 4-place price, sorted by index.
 */
export type PriceOverrides = readonly (readonly [index: number, price: string])[];

/** Builds a vector over `productIds` and hashes it; `prices` must be as long as `productIds`. */
export function makePriceVector(productIds: readonly string[], prices: string[]): PriceVector {
  const hash = createHash('sha256');
  for (let i = 0; i < productIds.length; i += 1) hash.update(`${productIds[i]}\t${prices[i]}\n`);
  return { productIds, prices, hash: hash.digest('hex') };
}

/**
 * Returns the hash of a vector with overrides applied, computed from the vector's hash and
 * the overrides alone, so it costs O(overrides) and not O(products). Equal (vector, overrides)
 * pairs give equal hashes. Assumes the overrides are sorted and differ from the vector.
 */
export function overriddenHash(vector: PriceVector, overrides: PriceOverrides): string {
  if (overrides.length === 0) return vector.hash;
  const hash = createHash('sha256').update(vector.hash);
  for (const [index, price] of overrides) hash.update(`\n${vector.productIds[index]}\t${price}`);
  return hash.digest('hex');
}

/** Yields every entry of a vector with overrides applied, in product ID order. */
export function* overriddenEntries(
  vector: PriceVector,
  overrides: PriceOverrides,
): Generator<PriceEntry> {
  let next = 0;
  for (let i = 0; i < vector.productIds.length; i += 1) {
    let price = vector.prices[i]!;
    if (next < overrides.length && overrides[next]![0] === i) {
      price = overrides[next]![1];
      next += 1;
    }
    yield { productId: vector.productIds[i]!, price };
  }
}

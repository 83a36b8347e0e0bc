/** Returns true for `{}`-style objects (not arrays, null, dates or class instances). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * Returns a new object with `patch` merged into `base`: plain objects merge key by key, any
 * other value (including null and arrays) replaces the base value, and undefined keeps it.
 * Neither argument is modified.
 */
export function deepMerge<T>(base: T, patch: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(patch)) {
    return (patch === undefined ? structuredClone(base) : structuredClone(patch)) as T;
  }
  const merged: Record<string, unknown> = structuredClone(base);
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    merged[key] = key in merged ? deepMerge(merged[key], value) : structuredClone(value);
  }
  return merged as T;
}

// Key names compared without case, dashes or underscores.
const SECRET_KEY_PARTS = ['applicationkey', 'apikey', 'token', 'secret', 'password'];

/** Returns the dotted path of the first key in `value` that names a secret, or null. */
export function findSecretKey(value: unknown, prefix = ''): string | null {
  if (!isPlainObject(value)) return null;
  for (const [key, child] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const normalized = key.toLowerCase().replace(/[-_\s]/g, '');
    if (SECRET_KEY_PARTS.some((part) => normalized.includes(part))) return path;
    const nested = findSecretKey(child, path);
    if (nested) return nested;
  }
  return null;
}

/** Returns the value at `path` inside `value`, or undefined when any step is missing. */
export function valueAtPath(value: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = value;
  for (const key of path) {
    if (!isPlainObject(current)) return undefined;
    current = current[key as string];
  }
  return current;
}

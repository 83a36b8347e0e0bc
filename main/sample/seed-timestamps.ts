import { formatDearTicks } from '../simulators/dear/dear-time.js';

const SEED_EPOCH_MS = Date.UTC(2025, 0, 6, 20, 0, 0);
const FRACTIONS = ['', '5', '16', '913', '2704', '83311', '888222', '8882229'];

/**
 * Returns a deterministic `LastModifiedOn` for the n-th record of a seed: spread over 2025
 * (about 9 hours 17 minutes apart plus `offsetMinutes`), with 0 to 7 fraction digits in turn,
 * as the real API varies them.
 */
export function seedTimestamp(index: number, offsetMinutes = 0): string {
  const ms = SEED_EPOCH_MS + index * 557 * 60_000 + offsetMinutes * 60_000 + (index % 53) * 1000;
  const fraction = FRACTIONS[index % FRACTIONS.length] ?? '';
  const ticks = BigInt(ms) * 10_000n + BigInt(fraction.padEnd(7, '0'));
  return formatDearTicks(ticks);
}

import { loadSeedFile, type DearSeed } from './dear-seed.js';
import { largeSeed } from './large-seed.js';
import { sampleSeed } from './sample-merchant.js';

const LARGE_PATTERN = /^large:(\d+)x(\d+)$/i;

/**
 * Resolves a `--seed` option: `sample` (the sample merchant), `large:PxC` (P products and C
 * customers from `largeSeed`, e.g. `large:20000x5000`) or a path to a seed JSON file. Throws
 * an Error naming the option when the value matches none of these or the file is invalid.
 */
export async function resolveSeed(spec: string): Promise<DearSeed> {
  const value = spec.trim();
  if (value === '' || value.toLowerCase() === 'sample') return sampleSeed();

  const large = LARGE_PATTERN.exec(value);
  if (large) return largeSeed(Number(large[1]), Number(large[2]));

  if (value.toLowerCase().endsWith('.json')) return loadSeedFile(value);

  throw new Error(
    `Invalid --seed value "${spec}": use "sample", "large:PRODUCTSxCUSTOMERS" (e.g. large:20000x5000) or a path to a .json seed file`,
  );
}

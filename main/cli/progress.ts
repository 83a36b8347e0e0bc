import type { JobProgress } from '../../shared/sync.js';
import type { EngineApi } from '../engine-types.js';

/** Least time between two progress lines of the same job and phase, in milliseconds. */
const MIN_INTERVAL_MS = 500;

/** Formats one progress update as `job: phase done/total`. */
export function formatProgress(progress: JobProgress): string {
  const total = progress.total === null ? '' : `/${progress.total}`;
  return `${progress.job}: ${progress.phase} ${progress.done}${total}`;
}

/**
 * Writes the engine's progress as lines: the first and last update of each job and phase,
 * and at most one line every half second in between. Returns a function that stops it.
 */
export function printProgress(
  engine: Pick<EngineApi, 'on'>,
  write: (line: string) => void,
): () => void {
  const lastPrinted = new Map<string, number>();
  return engine.on('progress', (progress) => {
    const key = `${progress.runId}\u0000${progress.phase}`;
    const now = Date.now();
    const previous = lastPrinted.get(key);
    const finished = progress.total !== null && progress.done >= progress.total;
    if (previous !== undefined && !finished && now - previous < MIN_INTERVAL_MS) return;
    lastPrinted.set(key, now);
    write(formatProgress(progress));
  });
}

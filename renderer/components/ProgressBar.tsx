import type { JobProgress } from '../../shared/sync.js';
import { percent } from '../format.js';

/**
 * Shows a job's progress as a native progress bar with a text line. With an unknown total the
 * bar is indeterminate and the text shows the count done so far.
 */
export function ProgressBar({ progress, label }: { progress: JobProgress; label: string }) {
  const value = percent(progress.done, progress.total);
  const text =
    progress.total === null
      ? `${progress.phase}: ${progress.done} done`
      : `${progress.phase}: ${progress.done} of ${progress.total}`;

  return (
    <div className="progress">
      <progress
        aria-label={label}
        max={100}
        {...(value === null ? {} : { value })}
        aria-valuetext={text}
      />
      <span className="progress-text">{text}</span>
    </div>
  );
}

import { useState } from 'react';
import type { RunSummary } from '../../shared/sync.js';
import { useAgent } from '../agent-state.js';
import { errorMessage, invoke } from '../bridge.js';
import { formatDateTime } from '../format.js';
import { ProgressBar } from './ProgressBar.js';

const PAUSE_CHOICES: { label: string; minutes: number | null }[] = [
  { label: '30 minutes', minutes: 30 },
  { label: '2 hours', minutes: 120 },
  { label: '8 hours', minutes: 480 },
  { label: 'Until I resume', minutes: null },
];

/**
 * Renders the header: the last successful sync, a "Sync now" button that runs the import jobs and
 * shows their progress, and pause or resume.
 */
export function SyncHeader() {
  const { status, statusError, progress, refreshStatus } = useAgent();
  const [syncing, setSyncing] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [pauseMinutes, setPauseMinutes] = useState('30');

  const running = status?.jobs.find((job) => job.running);
  const runningProgress = running ? (progress[running.job] ?? running.progress) : null;
  const connected = Boolean(status?.dear.connected);

  async function syncNow() {
    setSyncing(true);
    setOutcome(null);
    try {
      setOutcome(describeRuns(await invoke('sync:now', {})));
    } catch (error) {
      setOutcome(`Sync failed: ${errorMessage(error)}`);
    } finally {
      setSyncing(false);
      await refreshStatus();
    }
  }

  async function pause() {
    const minutes = pauseMinutes === 'indefinitely' ? null : Number(pauseMinutes);
    try {
      await invoke('sync:pause', { minutes });
    } catch (error) {
      setOutcome(`Pause failed: ${errorMessage(error)}`);
    }
    await refreshStatus();
  }

  async function resume() {
    try {
      await invoke('sync:resume', undefined);
    } catch (error) {
      setOutcome(`Resume failed: ${errorMessage(error)}`);
    }
    await refreshStatus();
  }

  return (
    <header className="app-header">
      <div className="header-status">
        <h1>Upstock Dear Sync</h1>
        <p className="muted">
          {statusError
            ? statusError
            : `Last successful sync: ${formatDateTime(status?.lastSuccessfulSyncAt)}`}
          {status?.paused ? ` · Paused ${pausedText(status.paused)}` : ''}
        </p>
      </div>

      <div className="header-actions">
        {status?.paused ? (
          <button type="button" onClick={() => void resume()}>
            Resume
          </button>
        ) : (
          <span className="pause-group">
            <label htmlFor="pause-duration" className="visually-hidden">
              Pause duration
            </label>
            <select
              id="pause-duration"
              value={pauseMinutes}
              onChange={(event) => setPauseMinutes(event.target.value)}
            >
              {PAUSE_CHOICES.map((choice) => (
                <option key={choice.label} value={choice.minutes ?? 'indefinitely'}>
                  {choice.label}
                </option>
              ))}
            </select>
            <button type="button" onClick={() => void pause()} disabled={!connected}>
              Pause
            </button>
          </span>
        )}
        <button
          type="button"
          className="primary"
          onClick={() => void syncNow()}
          disabled={syncing || !connected}
          aria-busy={syncing}
        >
          {syncing ? 'Syncing…' : 'Sync now'}
        </button>
      </div>

      <div className="header-progress" aria-live="polite">
        {running && runningProgress ? (
          <ProgressBar progress={runningProgress} label={`Progress of ${running.job}`} />
        ) : null}
        {!syncing && outcome ? <p role="status">{outcome}</p> : null}
      </div>
    </header>
  );
}

function pausedText(paused: { until: string | null; indefinitely: boolean }): string {
  return paused.indefinitely || !paused.until
    ? 'until resumed'
    : `until ${formatDateTime(paused.until)}`;
}

/** Summarises a "Sync now" result in one line, naming any job that did not succeed. */
export function describeRuns(runs: RunSummary[]): string {
  if (runs.length === 0) return 'Nothing ran.';
  const problems = runs.filter((run) => run.status !== 'succeeded');
  if (problems.length === 0) return `Sync finished: ${runs.length} jobs succeeded.`;
  return `Sync finished with problems: ${problems
    .map((run) => `${run.job} ${run.status}${run.error ? ` (${run.error})` : ''}`)
    .join('; ')}.`;
}

import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { AgentStatus, JobName, JobProgress } from '../shared/sync.js';
import { errorMessage, invoke, subscribe } from './bridge.js';

/** The agent state that every screen reads: its status and the progress of running jobs. */
export interface AgentState {
  status: AgentStatus | null;
  /** Set when `status:get` failed; the header shows it. */
  statusError: string | null;
  /** The latest progress event per job, cleared when the job stops running. */
  progress: Partial<Record<JobName, JobProgress>>;
  refreshStatus(): Promise<void>;
}

const AgentContext = createContext<AgentState | null>(null);

/**
 * Loads the agent status once, then keeps it current from `status:changed` and
 * `sync:progress` events.
 */
export function AgentProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AgentStatus | null>(null);
  const [statusError, setStatusError] = useState<string | null>(null);
  const [progress, setProgress] = useState<Partial<Record<JobName, JobProgress>>>({});

  const refreshStatus = useCallback(async () => {
    try {
      const next = await invoke('status:get', undefined);
      setStatus(next);
      setProgress((current) => dropFinishedJobs(current, next));
      setStatusError(null);
    } catch (error) {
      setStatusError(errorMessage(error));
    }
  }, []);

  useEffect(() => {
    void refreshStatus();
    const stopStatus = subscribe('status:changed', (next) => {
      setStatus(next);
      setProgress((current) => dropFinishedJobs(current, next));
    });
    const stopProgress = subscribe('sync:progress', (event) => {
      setProgress((current) => ({ ...current, [event.job]: event }));
    });
    return () => {
      stopStatus();
      stopProgress();
    };
  }, [refreshStatus]);

  return (
    <AgentContext.Provider value={{ status, statusError, progress, refreshStatus }}>
      {children}
    </AgentContext.Provider>
  );
}

function dropFinishedJobs(
  progress: Partial<Record<JobName, JobProgress>>,
  status: AgentStatus,
): Partial<Record<JobName, JobProgress>> {
  const kept: Partial<Record<JobName, JobProgress>> = {};
  for (const job of status.jobs) {
    const latest = progress[job.job];
    // A run that already appears as the last run has ended, even while `running` is still set.
    const ended = latest && job.lastRun && job.lastRun.id >= latest.runId;
    if (job.running && latest && !ended) kept[job.job] = latest;
  }
  return kept;
}

/** Returns the agent state; throws when used outside `AgentProvider`. */
export function useAgent(): AgentState {
  const state = useContext(AgentContext);
  if (!state) throw new Error('useAgent must be called inside <AgentProvider>.');
  return state;
}

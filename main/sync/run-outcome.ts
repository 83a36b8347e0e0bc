import { DearCredentialsError, DearNetworkError, DearThrottledError } from '../dear/errors.js';
import { UpstockAuthError, UpstockNetworkError, UpstockThrottledError } from '../upstock/errors.js';
import type { ConnectionStatus, RunStatus } from '../../shared/sync.js';
import type { JobResult } from './run-recorder.js';

/** The service a run's error points at, and the connection problem to show for it. */
export interface ServiceProblem {
  service: 'dear' | 'upstock';
  problem: NonNullable<ConnectionStatus['problem']>;
}

/** The status and stored error text of a run that ended, plus any connection problem. */
export interface RunOutcome {
  status: RunStatus;
  error: string | null;
  problem: ServiceProblem | null;
}

/** The text stored as a run's error when Cin7 Core rejects the Account ID or Application Key. */
export const CREDENTIALS_REJECTED = 'credentials rejected';

/**
 * Decides how a finished run is recorded: "succeeded", "partial" when some records failed,
 * "cancelled" when its signal was aborted, "failed" when the job threw. A rejected Cin7 Core
 * key is stored as "credentials rejected"; an Upstock 401 as "Upstock token rejected".
 */
export function describeOutcome(result: JobResult, error: unknown, cancelled: boolean): RunOutcome {
  if (error === undefined) {
    const anyFailed =
      result.failures.length > 0 ||
      Object.values(result.counts).some((counts) => counts.failed > 0);
    return { status: anyFailed ? 'partial' : 'succeeded', error: null, problem: null };
  }
  if (cancelled) return { status: 'cancelled', error: messageOf(error), problem: null };
  if (error instanceof DearCredentialsError) {
    return {
      status: 'failed',
      error: CREDENTIALS_REJECTED,
      problem: { service: 'dear', problem: 'credentials-rejected' },
    };
  }
  if (error instanceof DearThrottledError) {
    return {
      status: 'failed',
      error: error.message,
      problem: { service: 'dear', problem: 'throttled' },
    };
  }
  if (error instanceof DearNetworkError) {
    return {
      status: 'failed',
      error: error.message,
      problem: { service: 'dear', problem: 'offline' },
    };
  }
  const upstock = upstockProblem(error);
  if (upstock === 'credentials-rejected') {
    return {
      status: 'failed',
      error: 'Upstock token rejected',
      problem: { service: 'upstock', problem: upstock },
    };
  }
  return {
    status: 'failed',
    error: messageOf(error),
    problem: upstock ? { service: 'upstock', problem: upstock } : null,
  };
}

function upstockProblem(error: unknown): ServiceProblem['problem'] | null {
  if (error instanceof UpstockAuthError) return 'credentials-rejected';
  if (error instanceof UpstockNetworkError) return 'offline';
  if (error instanceof UpstockThrottledError) return 'throttled';
  return null;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

import type { ConnectionStatus } from '../../shared/sync.js';
import { DearCredentialsError, DearNetworkError, DearThrottledError } from '../dear/errors.js';
import { UpstockAuthError, UpstockNetworkError, UpstockThrottledError } from '../upstock/errors.js';

/** The outcome of calling one service with the stored credentials. */
export type ConnectionCheck =
  | { state: 'ok'; accountName: string }
  | { state: 'not-connected' }
  | { state: 'credentials-rejected'; message: string }
  | { state: 'unreachable'; problem: 'offline' | 'throttled'; message: string };

/** The outcome of checking both services at once. */
export interface ConnectionChecks {
  dear: ConnectionCheck;
  upstock: ConnectionCheck;
}

/**
 * Calls `read` (Cin7 Core `me` or Upstock `account`) and returns what it showed about the
 * credentials. A rejected credential and an unreachable or throttling service are returned,
 * not thrown; any other error (a malformed response, for example) is rethrown.
 */
export async function checkConnection(
  read: (() => Promise<string>) | null,
): Promise<ConnectionCheck> {
  if (!read) return { state: 'not-connected' };
  try {
    return { state: 'ok', accountName: await read() };
  } catch (error) {
    if (error instanceof DearCredentialsError || error instanceof UpstockAuthError)
      return { state: 'credentials-rejected', message: error.message };
    if (error instanceof DearThrottledError || error instanceof UpstockThrottledError)
      return { state: 'unreachable', problem: 'throttled', message: error.message };
    if (error instanceof DearNetworkError || error instanceof UpstockNetworkError)
      return { state: 'unreachable', problem: 'offline', message: error.message };
    throw error;
  }
}

/** Returns the connection status after `check`: the account name on success, else the problem. */
export function applyCheck(status: ConnectionStatus, check: ConnectionCheck): ConnectionStatus {
  switch (check.state) {
    case 'ok':
      return { connected: true, accountName: check.accountName, problem: null };
    case 'not-connected':
      return status;
    case 'credentials-rejected':
      return { ...status, problem: 'credentials-rejected' };
    case 'unreachable':
      return { ...status, problem: check.problem };
  }
}

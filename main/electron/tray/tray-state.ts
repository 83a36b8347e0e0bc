import type { AgentStatus } from '../../../shared/sync.js';

/** The state the tray icon shows, listed from the most to the least urgent. */
export type TrayState = 'signed-out' | 'attention' | 'offline' | 'paused' | 'syncing' | 'in-sync';

export const TRAY_STATES: readonly TrayState[] = [
  'signed-out',
  'attention',
  'offline',
  'paused',
  'syncing',
  'in-sync',
];

/** Words for each state, used in the tooltip and the first menu line. */
export const TRAY_STATE_LABELS: Record<TrayState, string> = {
  'signed-out': 'Not connected',
  attention: 'Needs attention',
  offline: 'Offline',
  paused: 'Paused',
  syncing: 'Syncing',
  'in-sync': 'In sync',
};

/**
 * Returns the tray state for an engine status. Rejected credentials and orders waiting for the
 * merchant come before "offline" and "paused", because only the merchant can fix them. A side
 * that was never connected makes the agent "signed out".
 */
export function trayStateFor(status: AgentStatus): TrayState {
  if (!status.dear.connected || !status.upstock.connected) return 'signed-out';
  const problems = [status.dear.problem, status.upstock.problem];
  if (problems.includes('credentials-rejected') || status.ordersNeedingAttention > 0) {
    return 'attention';
  }
  if (problems.includes('offline')) return 'offline';
  if (status.paused) return 'paused';
  if (status.jobs.some((job) => job.running)) return 'syncing';
  return 'in-sync';
}

import type { AgentStatus } from '../../shared/sync.js';
import type { NotificationKind } from './notifications.js';

export interface StatusNotification {
  kind: NotificationKind;
  title: string;
  body: string;
}

/**
 * Returns the notifications a status change calls for: more approved orders needing attention
 * than before, or credentials that became rejected. The first status (`previous` null) counts
 * as a change from "nothing wrong".
 */
export function notificationsForStatusChange(
  previous: AgentStatus | null,
  next: AgentStatus,
): StatusNotification[] {
  const notes: StatusNotification[] = [];
  const before = previous?.ordersNeedingAttention ?? 0;
  const count = next.ordersNeedingAttention;

  if (count > before) {
    notes.push({
      kind: 'orders-attention',
      title: `${count} approved order${count === 1 ? ' needs' : 's need'} attention`,
      body: 'Cin7 Core did not accept them. Open Upstock Dear Sync to see why and retry.',
    });
  }
  if (
    next.dear.problem === 'credentials-rejected' &&
    previous?.dear.problem !== 'credentials-rejected'
  ) {
    notes.push({
      kind: 'credentials-rejected',
      title: 'Cin7 Core rejected the API credentials',
      body: 'Syncing has stopped. Open Upstock Dear Sync and reconnect with a current Application Key.',
    });
  }
  if (
    next.upstock.problem === 'credentials-rejected' &&
    previous?.upstock.problem !== 'credentials-rejected'
  ) {
    notes.push({
      kind: 'credentials-rejected',
      title: 'Upstock rejected the agent token',
      body: 'Syncing has stopped. Open Upstock Dear Sync and reconnect with a new Upstock token.',
    });
  }
  return notes;
}

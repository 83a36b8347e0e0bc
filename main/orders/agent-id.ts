import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Store } from '../store/types.js';

const AGENT_ID_CURSOR = 'orders.agentId';

/**
 * Returns this data folder's agent ID for Upstock order claims, creating it on first use as
 * the host name plus a random UUID. It stays the same across restarts, so a restarted agent
 * reclaims the orders it was pushing at once instead of waiting for its old lease to expire.
 */
export function agentIdFor(store: Store): string {
  const existing = store.cursors.get(AGENT_ID_CURSOR);
  if (existing) return existing;
  const created = `${hostname().slice(0, 100)}-${randomUUID()}`;
  store.cursors.set(AGENT_ID_CURSOR, created);
  return created;
}

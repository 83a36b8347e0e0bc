import { getLogger } from '../log/logger.js';
import type { Store } from '../store/types.js';
import type { LedgerEntry, OrderLedger } from './ledger.js';
import { SYNC_FIXABLE_PARKS, type ParkCode } from './mapping/types.js';

const log = getLogger('orders');

/**
 * Marks for retry each parked order whose reason a catalog sync can fix (an unknown customer
 * or product, a missing freight product, location, tax rule or price tier) when the sync job
 * that fixes it succeeded after the order was parked. A retry that parks the order again
 * moves its park time past that sync, so each order is retried at most once per catalog sync.
 * Parks that need a human (another currency, a rejection by Cin7 Core, an ambiguous sale) wait
 * for `orders retry`. Returns the orders marked.
 */
export function requestSyncFixableRetries(store: Store, ledger: OrderLedger): LedgerEntry[] {
  const marked: LedgerEntry[] = [];
  const syncEnds = new Map<string, string | null>();
  for (const entry of ledger.listByStates(['parked'])) {
    if (entry.retryRequested) continue;
    const job = SYNC_FIXABLE_PARKS[entry.parkCode as ParkCode];
    if (!job) continue;
    if (!syncEnds.has(job)) syncEnds.set(job, store.runs.lastSuccessful(job)?.finishedAt ?? null);
    const syncedAt = syncEnds.get(job);
    if (!syncedAt || syncedAt <= entry.stateChangedAt) continue;

    if (ledger.requestRetry(entry.orderId, `automatic, after the ${job} sync of ${syncedAt}`)) {
      log.info(
        `Order ${entry.orderNumber} (${entry.orderId}) was parked (${entry.parkCode}) before the ` +
          `${job} sync of ${syncedAt}; pushing it again`,
      );
      marked.push({ ...entry, retryRequested: true });
    }
  }
  return marked;
}

import type { DearCustomer } from '../../dear/records.js';
import type { RecordFailure } from '../../../shared/sync.js';
import type { Mapping } from '../../store/types.js';
import type { WireCustomerInput } from '../../upstock/wire.js';
import { contentHash } from '../hash.js';
import type { JobContext } from '../job.js';
import { toUpstockCustomer } from '../payloads.js';
import { pushBatches, type PendingRecord } from './push-batches.js';

/**
 * Builds the pending Upstock record for a customer with the given price list, reporting any
 * address it had to leave out.
 */
export function pendingCustomer(
  ctx: JobContext,
  customer: DearCustomer,
  priceListKey: string | null | undefined,
  baseCurrency: string,
): PendingRecord<WireCustomerInput> {
  const failures: RecordFailure[] = [];
  const payload = toUpstockCustomer(customer, { priceListKey, baseCurrency }, failures);
  for (const failure of failures) ctx.result.fail(failure);
  return { dearId: customer.id, label: customer.name, payload, hash: contentHash(payload) };
}

/**
 * Sends customers in batches; for each accepted one, saves its hash and the price list it now
 * has in Upstock (the `customerPriceList` mapping). Returns the accepted customer IDs.
 */
export function pushCustomers(
  ctx: JobContext,
  entity: string,
  phase: string,
  pending: PendingRecord<WireCustomerInput>[],
): Promise<Set<string>> {
  return pushBatches(
    ctx,
    {
      entity,
      mappingEntity: 'customer',
      phase,
      send: (batch) => ctx.upstock.upsertCustomers(batch),
      // A payload without priceListKey left Upstock's assignment as it was, so there is
      // nothing new to record.
      alsoRecord: (record): Omit<Mapping, 'updatedAt'>[] =>
        record.payload.priceListKey === undefined
          ? []
          : [
              {
                entity: 'customerPriceList',
                dearId: record.dearId,
                upstockId: record.payload.priceListKey,
                contentHash: null,
              },
            ],
    },
    pending,
  );
}

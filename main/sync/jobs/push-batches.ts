import { getLogger } from '../../log/logger.js';
import type { Mapping } from '../../store/types.js';
import type { WireBatchResponse } from '../../upstock/wire.js';
import { MAX_BATCH_SIZE } from '../../upstock/wire.js';
import { throwIfCancelled, type JobContext } from '../job.js';

const log = getLogger('sync');

/** One record ready to send, with the hash of its payload. */
export interface PendingRecord<P> {
  dearId: string;
  label: string;
  payload: P;
  hash: string;
}

/** The send function of a batch, and what to record once Upstock accepts a record. */
export interface PushSpec<P> {
  /** Counts entity, such as "products". */
  entity: string;
  mappingEntity: Mapping['entity'];
  phase: string;
  send(batch: P[]): Promise<WireBatchResponse>;
  /** Extra mapping rows to save with each accepted record, in the same transaction. */
  alsoRecord?(record: PendingRecord<P>): Omit<Mapping, 'updatedAt'>[];
}

/**
 * Sends records to Upstock in batches of 500 and saves each accepted record's hash in
 * `mappings`, one transaction per batch. A record Upstock rejects is reported with its field
 * and reason and keeps its old hash, so the next run sends it again. Counts come from
 * Upstock's per-record results (created, updated, unchanged, failed).
 *
 * Returns the Cin7 Core IDs Upstock accepted. Throws what `send` throws (network, auth); batches already accepted stay recorded.
 */
export async function pushBatches<P>(
  ctx: JobContext,
  spec: PushSpec<P>,
  pending: PendingRecord<P>[],
): Promise<Set<string>> {
  const acceptedIds = new Set<string>();
  let done = 0;
  for (let start = 0; start < pending.length; start += MAX_BATCH_SIZE) {
    throwIfCancelled(ctx);
    const batch = pending.slice(start, start + MAX_BATCH_SIZE);
    const response = await spec.send(batch.map((record) => record.payload));

    const accepted: Omit<Mapping, 'updatedAt'>[] = [];
    for (const result of response.results) {
      const record = batch[result.index];
      if (!record) {
        log.warn(
          `Upstock returned a result for index ${result.index} of a ${spec.entity} batch of ${batch.length}; ignored it`,
        );
        continue;
      }
      if (result.result === 'failed') {
        ctx.result.count(spec.entity, 'failed');
        for (const error of result.errors) {
          ctx.result.fail({
            entity: spec.entity,
            recordId: record.dearId,
            label: record.label,
            field: error.field,
            reason: `Upstock rejected ${error.field}: ${error.reason}`,
          });
        }
        log.warn(
          `Upstock rejected ${spec.entity} ${record.dearId} (${record.label})`,
          result.errors,
        );
        continue;
      }
      ctx.result.count(spec.entity, result.result);
      acceptedIds.add(record.dearId);
      accepted.push({
        entity: spec.mappingEntity,
        dearId: record.dearId,
        upstockId: result.id,
        contentHash: record.hash,
      });
      if (spec.alsoRecord) accepted.push(...spec.alsoRecord(record));
    }
    ctx.store.mappings.upsertMany(accepted);

    const answered = new Set(response.results.map((result) => result.index));
    batch.forEach((record, index) => {
      if (answered.has(index)) return;
      ctx.result.count(spec.entity, 'failed');
      ctx.result.fail({
        entity: spec.entity,
        recordId: record.dearId,
        label: record.label,
        reason: 'Upstock sent no result for this record; it will be sent again on the next sync.',
      });
    });

    done += batch.length;
    ctx.report({ phase: spec.phase, done, total: pending.length });
  }
  return acceptedIds;
}

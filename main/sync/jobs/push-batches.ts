import { getLogger } from '../../log/logger.js';
import type { Mapping } from '../../store/types.js';
import type { WireBatchResponse } from '../../upstock/wire.js';
import { MAX_BATCH_SIZE } from '../../upstock/wire.js';
import type { JobContext } from '../job.js';
import { sendWithBoundedConcurrency } from './bounded-sends.js';

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
 * Sends records to Upstock in batches of 500, up to `UPSTOCK_WRITES_IN_FLIGHT` batches at once,
 * and saves each accepted record's hash in `mappings`, one transaction per batch, once Upstock
 * answered for that batch. A record Upstock rejects is reported with its field and reason and
 * keeps its old hash, so the next run sends it again. Counts come from Upstock's per-record
 * results (created, updated, unchanged, failed).
 *
 * `pending` may be a generator: a batch is read from it only when a send slot is free, so a
 * caller can build records as they are sent instead of holding all of them. `total` is the
 * progress total (the array's length by default; null when unknown). `progress`, when given,
 * replaces the default progress (records sent so far of `total`).
 *
 * Returns the Cin7 Core IDs Upstock accepted. Throws what `send` throws (network, auth) once the
 * batches already in flight have finished; every batch Upstock accepted stays recorded.
 */
export async function pushBatches<P>(
  ctx: JobContext,
  spec: PushSpec<P>,
  pending: Iterable<PendingRecord<P>>,
  total: number | null = Array.isArray(pending) ? pending.length : null,
  progress?: () => { done: number; total: number | null },
): Promise<Set<string>> {
  const acceptedIds = new Set<string>();
  let done = 0;
  await sendWithBoundedConcurrency(ctx, batchesOf(pending, MAX_BATCH_SIZE), async (batch) => {
    const response = await spec.send(batch.map((record) => record.payload));
    recordResponse(ctx, spec, batch, response, acceptedIds);
    done += batch.length;
    ctx.report({ phase: spec.phase, ...(progress ? progress() : { done, total }) });
  });
  return acceptedIds;
}

/**
 * Counts and reports Upstock's answer for one batch, and saves the accepted records' hashes in
 * one transaction. Adds the accepted Cin7 Core IDs to `acceptedIds`.
 */
function recordResponse<P>(
  ctx: JobContext,
  spec: PushSpec<P>,
  batch: PendingRecord<P>[],
  response: WireBatchResponse,
  acceptedIds: Set<string>,
): void {
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
      log.warn(`Upstock rejected ${spec.entity} ${record.dearId} (${record.label})`, result.errors);
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
}

function* batchesOf<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length < size) continue;
    yield batch;
    batch = [];
  }
  if (batch.length > 0) yield batch;
}

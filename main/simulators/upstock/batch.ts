import {
  MAX_BATCH_SIZE,
  type UpsertResult,
  type WireBatchItemResult,
  type WireBatchResponse,
  type WireFieldError,
} from '../../upstock/wire.js';
import { badRequest, requireObject } from './http.js';

/** The outcome of validating one batch record: the record to store, or its errors. */
export type RecordCheck<T> = { ok: true; value: T } | { ok: false; errors: WireFieldError[] };

/**
 * Reads the array `field` of a batch body. Throws a 400 problem when the body is not an
 * object, the array is missing or empty, or it has more than 500 records.
 */
export function readBatch(body: unknown, field: string): unknown[] {
  const records = requireObject(body, `a "${field}" array`)[field];
  if (!Array.isArray(records) || records.length === 0) {
    throw badRequest(`The request body needs a non-empty "${field}" array.`);
  }
  if (records.length > MAX_BATCH_SIZE) {
    throw badRequest(
      `The batch has ${records.length} ${field}; send at most ${MAX_BATCH_SIZE} per request.`,
    );
  }
  return records;
}

/**
 * Applies a batch record by record. `check` validates one record against the state left by the
 * earlier records. `apply` stores a valid record and returns its ID and result. A record whose
 * `externalId` already appeared in this batch fails without being checked, so a batch never
 * writes one record twice.
 */
export function applyBatch<T extends { externalId: string }>(
  records: unknown[],
  check: (raw: unknown) => RecordCheck<T>,
  apply: (record: T) => { id: string; result: UpsertResult },
): WireBatchResponse {
  const counts = { created: 0, updated: 0, unchanged: 0, failed: 0 };
  const seen = new Set<string>();
  const results: WireBatchItemResult[] = records.map((raw, index) => {
    const rawId = externalIdOf(raw);
    if (rawId !== null && seen.has(rawId)) {
      counts.failed += 1;
      const reason = `externalId "${rawId}" appears more than once in this batch; send it once.`;
      return {
        index,
        externalId: rawId,
        result: 'failed',
        errors: [{ field: 'externalId', reason }],
      };
    }
    if (rawId !== null) seen.add(rawId);

    const checked = check(raw);
    if (!checked.ok) {
      counts.failed += 1;
      return { index, externalId: rawId, result: 'failed', errors: checked.errors };
    }
    const { id, result } = apply(checked.value);
    counts[result] += 1;
    return { index, externalId: checked.value.externalId, result, id };
  });
  return { results, counts };
}

function externalIdOf(raw: unknown): string | null {
  if (raw === null || typeof raw !== 'object') return null;
  const id = (raw as Record<string, unknown>).externalId;
  return typeof id === 'string' && id.trim() !== '' ? id : null;
}

/** Returns a record's fields as canonical JSON, so equal content gives equal text. */
export function contentKey(record: object): string {
  return JSON.stringify(record);
}

import type { z } from 'zod';

import { getLogger } from '../log/logger.js';
import { batchResponseSchema, pageSchema } from './schemas.js';
import type { UpstockTransport } from './transport.js';
import {
  MAX_BATCH_SIZE,
  type WireBatchResponse,
  type WireCustomerInput,
  type WirePage,
  type WireProductInput,
} from './wire.js';

const log = getLogger('upstock');

/**
 * Upserts records in requests of at most 500 and merges the responses. Each result's `index` is
 * its position in `records`, not in its request. Throws what the transport throws, and
 * requests that already succeeded stay applied in Upstock.
 */
export async function upsertInBatches(
  transport: UpstockTransport,
  entity: 'products' | 'customers',
  records: WireProductInput[] | WireCustomerInput[],
): Promise<WireBatchResponse> {
  const combined: WireBatchResponse = {
    results: [],
    counts: { created: 0, updated: 0, unchanged: 0, failed: 0 },
  };
  for (let start = 0; start < records.length; start += MAX_BATCH_SIZE) {
    const batch = records.slice(start, start + MAX_BATCH_SIZE);
    const end = start + batch.length;
    const response = await transport.requestBody({
      method: 'POST',
      path: `${entity}/batch`,
      data: { [entity]: batch },
      schema: batchResponseSchema,
      operation: `Upsert ${entity} ${start + 1}-${end} of ${records.length}`,
    });

    for (const result of response.results) {
      combined.results.push({ ...result, index: result.index + start });
    }
    for (const key of ['created', 'updated', 'unchanged', 'failed'] as const) {
      combined.counts[key] += response.counts[key];
    }
    log.info(`Upserted ${entity} ${start + 1}-${end} of ${records.length}`, response.counts);
    if (response.counts.failed > 0) {
      const rejectedIds = response.results
        .filter((result) => result.result === 'failed')
        .map((result) => result.externalId ?? `#${result.index + start}`);
      log.debug(`Upstock rejected ${rejectedIds.length} ${entity}: ${rejectedIds.join(', ')}`);
    }
  }
  return combined;
}

/** Yields every page of a cursor-paged list, following `nextCursor` until it is null. */
export async function* readPages<T>(
  transport: UpstockTransport,
  path: string,
  schema: z.ZodType<T>,
  limit: number | undefined,
  operation: string,
): AsyncIterable<WirePage<T>> {
  let cursor: string | undefined;
  do {
    const page = await transport.requestBody({
      method: 'GET',
      path,
      params: { cursor, limit },
      schema: pageSchema(schema),
      operation,
    });
    yield page;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}

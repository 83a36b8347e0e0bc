import type { DearPage } from '../../dear/paging.js';
import { getLogger } from '../../log/logger.js';
import { throwIfCancelled, type JobContext } from '../job.js';
import type { DearListOptions } from '../ports.js';

const log = getLogger('sync');

/** Passes over a paged list before giving up on a stable read. */
const MAX_PASSES = 3;

/** The list calls and cache writes of one entity. */
export interface FetchSpec {
  /** "products" or "customers": the counts entity and the word in messages. */
  entity: 'products' | 'customers';
  /** Cursor name in the store: the start time of the last successful run. */
  cursorName: string;
  list(options: DearListOptions): AsyncIterable<DearPage>;
  upsert(rows: { id: string; raw: unknown; lastModifiedOn: string }[]): void;
  cachedIds(): string[];
  /** Parses one raw record, to report malformed ones as they arrive. */
  validate(
    raw: unknown,
  ): { ok: true } | { ok: false; recordId: string; label?: string; field: string; reason: string };
}

/** The result of reading one list. */
export interface FetchOutcome {
  /** Every ID seen in this run, over all passes. */
  seenIds: Set<string>;
  /** True when a pass read as many distinct records as Cin7 Core's final `Total`. */
  complete: boolean;
  /** IDs in the cache that a complete full pass did not see: gone from Cin7 Core. */
  goneIds: string[];
  /** IDs of records read in this run that failed to parse; each is already reported. */
  invalidIds: Set<string>;
  /** The value to store as the cursor once the whole job succeeds. */
  nextCursor: string;
}

/**
 * Reads a Cin7 Core list into the catalog cache. An incremental run requests records modified
 * since the last cursor minus the overlap window; a full run (or a first run) reads everything.
 * Deprecated records are always included, so a deprecation is seen like any other change.
 *
 * Rows are de-duplicated by ID and `LastModifiedOn`. When a pass ends with fewer distinct IDs
 * than the final `Total`, or `Total` changed while paging, records moved between pages while
 * they were read, so the list is read again (at most three passes, keeping everything seen).
 * A record without an ID is reported as a failure and counted toward the total.
 *
 * Assumes the caller saves `nextCursor` only after the whole job succeeded.
 */
export async function fetchIntoCache(ctx: JobContext, spec: FetchSpec): Promise<FetchOutcome> {
  const nextCursor = ctx.startedAt.toISOString();
  const modifiedSince = ctx.mode === 'incremental' ? sinceCursor(ctx, spec.cursorName) : undefined;
  const phase = `reading ${spec.entity} from Cin7 Core`;

  const seenIds = new Set<string>();
  const seenVersions = new Set<string>();
  const invalidIds = new Set<string>();
  let complete = false;

  for (let pass = 1; pass <= MAX_PASSES && !complete; pass += 1) {
    const passIds = new Set<string>();
    let missingIds = 0;
    let firstTotal: number | null = null;
    let lastTotal = 0;
    let position = 0;

    for await (const page of spec.list({
      modifiedSince,
      includeDeprecated: true,
      signal: ctx.signal,
    })) {
      throwIfCancelled(ctx);
      firstTotal ??= page.total;
      lastTotal = page.total;

      const rows: { id: string; raw: unknown; lastModifiedOn: string }[] = [];
      for (const raw of page.records) {
        position += 1;
        const id = readId(raw);
        if (id === null) {
          missingIds += 1;
          if (pass === 1) reportMissingId(ctx, spec, raw, page.page, position);
          continue;
        }
        passIds.add(id);
        seenIds.add(id);
        const lastModifiedOn = readLastModified(raw);
        const version = `${id}\u0000${lastModifiedOn}`;
        if (seenVersions.has(version)) continue;
        seenVersions.add(version);
        rows.push({ id, raw, lastModifiedOn });
        const parsed = spec.validate(raw);
        if (parsed.ok) {
          invalidIds.delete(id);
        } else if (!invalidIds.has(id)) {
          invalidIds.add(id);
          reportInvalid(ctx, spec.entity, parsed);
        }
      }
      if (rows.length > 0) spec.upsert(rows);
      ctx.report({ phase, done: passIds.size + missingIds, total: page.total });
    }

    const distinct = passIds.size + missingIds;
    const totalChanged = firstTotal !== null && firstTotal !== lastTotal;
    complete = distinct >= lastTotal && !totalChanged;
    if (!complete) {
      log.warn(
        `Reading ${spec.entity} drifted on pass ${pass} of ${MAX_PASSES}: ${distinct} distinct records ` +
          `for a Total of ${lastTotal}${totalChanged ? ` (Total changed from ${firstTotal})` : ''}; ` +
          (pass < MAX_PASSES
            ? 'reading the list again'
            : 'the next run will read these changes again'),
      );
    }
  }

  if (!complete) {
    ctx.result.fail({
      entity: spec.entity,
      recordId: '(list)',
      reason:
        `Cin7 Core's ${spec.entity} list kept changing while it was read (${MAX_PASSES} passes). ` +
        'Everything read was imported; the next sync reads the changed records again.',
    });
  }

  const goneIds =
    ctx.mode === 'full' && complete ? spec.cachedIds().filter((id) => !seenIds.has(id)) : [];
  return { seenIds, complete, goneIds, invalidIds, nextCursor };
}

/** Returns the cursor minus the overlap window, or undefined when there is no cursor yet. */
function sinceCursor(ctx: JobContext, cursorName: string): Date | undefined {
  const cursor = ctx.store.cursors.get(cursorName);
  if (!cursor) return undefined;
  const at = new Date(cursor);
  if (Number.isNaN(at.getTime())) {
    log.warn(
      `Cursor ${cursorName} contains "${cursor}", which is not a valid date; reading everything`,
    );
    return undefined;
  }
  return new Date(at.getTime() - ctx.settings.sync.overlapMinutes * 60_000);
}

function reportMissingId(
  ctx: JobContext,
  spec: FetchSpec,
  raw: unknown,
  page: number,
  position: number,
): void {
  const label = readLabel(raw);
  ctx.result.count(spec.entity, 'failed');
  ctx.result.fail({
    entity: spec.entity,
    recordId: `(missing ID) page ${page}, record ${position}`,
    ...(label ? { label } : {}),
    field: 'ID',
    reason:
      'Cin7 Core sent this record without an ID, so it cannot be imported. Check the record in Cin7 Core.',
  });
  log.warn(`Skipped a ${spec.entity} record without an ID on page ${page} (record ${position})`);
}

/** Reports a record that failed to parse, counting it as failed for its entity. */
export function reportInvalid(
  ctx: JobContext,
  entity: string,
  parsed: { recordId: string; label?: string; field: string; reason: string },
): void {
  ctx.result.count(entity, 'failed');
  ctx.result.fail({
    entity,
    recordId: parsed.recordId,
    ...(parsed.label ? { label: parsed.label } : {}),
    field: parsed.field,
    reason: parsed.reason,
  });
  log.warn(`Skipped ${entity} record ${parsed.recordId}: ${parsed.field}: ${parsed.reason}`);
}

/** Returns the record's `ID` when it is a non-empty string, else null. */
export function readId(raw: unknown): string | null {
  if (!raw || typeof raw !== 'object') return null;
  const id = (raw as Record<string, unknown>).ID;
  return typeof id === 'string' && id.trim() !== '' ? id : null;
}

function readLastModified(raw: unknown): string {
  const value = (raw as Record<string, unknown>).LastModifiedOn;
  return typeof value === 'string' ? value : '';
}

function readLabel(raw: unknown): string | null {
  if (!raw || typeof raw !== 'object') return null;
  const record = raw as Record<string, unknown>;
  const label = record.SKU ?? record.Name;
  return typeof label === 'string' ? label.slice(0, 100) : null;
}

import { parseProduct, tierNamesOf } from '../../dear/parse-product.js';
import type { DearProduct } from '../../dear/records.js';
import { getLogger } from '../../log/logger.js';
import type { WireProductInput } from '../../upstock/wire.js';
import { contentHash } from '../hash.js';
import type { Job, JobContext } from '../job.js';
import { toUpstockProduct } from '../payloads.js';
import { ensureMappingsAccount } from '../upstock-account.js';
import {
  productFingerprint,
  readHeldProducts,
  RepairTally,
  type HeldRecords,
} from '../upstock-holdings.js';
import { fetchIntoCache, reportInvalid } from './fetch-into-cache.js';
import { pushBatches, type PendingRecord } from './push-batches.js';
import { ensureReference } from './reference.js';

const log = getLogger('sync');

/** Store cursor: start time of the last successful products run (ISO 8601). */
export const PRODUCTS_CURSOR = 'products.modifiedSince';

/**
 * Reads changed Cin7 Core products into the catalog cache, then sends the selected ones to
 * Upstock. Services are never sent; deprecated, unsellable and deselected products go as
 * discontinued; a full pass also discontinues products that vanished from Cin7 Core. Only
 * records whose payload hash differs from the last accepted one are sent, so a second run
 * with no changes sends nothing. A full pass also lists Upstock's products and sends again
 * every product Upstock lacks or stores with other content.
 */
export const productsJob: Job = {
  name: 'products',
  async run(ctx) {
    await ensureMappingsAccount(ctx);
    const reference = await ensureReference(ctx);
    const tierNames = tierNamesOf(reference.priceTiers);

    const fetched = await fetchIntoCache(ctx, {
      entity: 'products',
      cursorName: PRODUCTS_CURSOR,
      list: (options) => ctx.dear.listProducts({ ...options, includeAttachments: true }),
      upsert: (rows) => ctx.store.catalog.upsertProducts(rows),
      cachedIds: () => ctx.store.catalog.productIds(),
      validate: (raw) => parseProduct(raw, tierNames),
    });

    if (fetched.goneIds.length > 0) await discontinueGone(ctx, fetched.goneIds, tierNames);
    await pushProducts(ctx, tierNames, fetched.invalidIds);

    if (fetched.complete) ctx.store.cursors.set(PRODUCTS_CURSOR, fetched.nextCursor);
  },
};

/** Inputs of `changedProduct` besides the product. */
interface ChangeCheck {
  tierNames: string[];
  alreadyReported: Set<string>;
  /** The products Upstock stores, read on a full pass; null on an incremental one. */
  held: HeldRecords | null;
  repairs: RepairTally;
}

/**
 * Builds and sends every selected (or previously sent) product whose payload changed, or, on
 * a full pass, that Upstock lacks or stores with other content. Products are parsed and
 * checked one at a time as the send slots free up, so each cached product is parsed once here
 * and only the batches being sent hold payloads. Progress counts the products checked.
 */
async function pushProducts(
  ctx: JobContext,
  tierNames: string[],
  alreadyReported: Set<string>,
): Promise<void> {
  const held = ctx.mode === 'full' ? await readHeldProducts(ctx) : null;
  const selected = new Set(ctx.store.selection.listSelected());
  const hashes = new Map(
    ctx.store.mappings.list('product').map((mapping) => [mapping.dearId, mapping.contentHash]),
  );
  const candidates = [...new Set([...selected, ...hashes.keys()])].sort();
  const options: ChangeCheck = {
    tierNames,
    alreadyReported,
    held,
    repairs: new RepairTally('products'),
  };
  let checked = 0;
  let changed = 0;

  function* changedRecords(): Generator<PendingRecord<WireProductInput>> {
    for (const id of candidates) {
      checked += 1;
      const record = changedProduct(ctx, id, selected.has(id), hashes.get(id), options);
      if (record === null) continue;
      changed += 1;
      yield record;
    }
  }

  log.info(`Checking ${candidates.length} products for changes (${selected.size} selected)`);
  const accepted = await pushBatches(
    ctx,
    {
      entity: 'products',
      mappingEntity: 'product',
      phase: 'sending products to Upstock',
      send: (batch) => ctx.upstock.upsertProducts(batch),
    },
    changedRecords(),
    candidates.length,
    () => ({ done: checked, total: candidates.length }),
  );
  log.info(`Sent ${changed} changed products to Upstock; ${accepted.size} accepted`);
  if (held) options.repairs.log(accepted);
}

/**
 * Returns the record to send for one product, or null when there is nothing to send: it is
 * not cached, does not parse, is a service, or its payload hash equals `sentHash` and Upstock
 * stores it as sent (checked on a full pass only). Counts and reports each of those cases for
 * a selected product.
 */
function changedProduct(
  ctx: JobContext,
  id: string,
  isSelected: boolean,
  sentHash: string | null | undefined,
  options: ChangeCheck,
): PendingRecord<WireProductInput> | null {
  const raw = ctx.store.catalog.getProduct(id);
  if (raw === null) {
    if (isSelected) reportNotInCatalog(ctx, id);
    return null;
  }
  const parsed = parseProduct(raw, options.tierNames);
  if (!parsed.ok) {
    if (isSelected && !options.alreadyReported.has(id)) reportInvalid(ctx, 'products', parsed);
    return null;
  }
  const product = parsed.value;
  if (product.type === 'Service') {
    if (isSelected) ctx.result.count('products', 'skipped');
    return null;
  }

  const notices: string[] = [];
  const record = pendingProduct(product, isSelected, notices);
  const unchanged = sentHash === record.hash;
  const { held, repairs } = options;
  const lost =
    held !== null &&
    typeof sentHash === 'string' &&
    repairs.needsRepair(id, held, unchanged, () => productFingerprint(record.payload));
  if (!unchanged || lost) {
    logNotices(product, notices);
    return record;
  }
  if (isSelected) ctx.result.count('products', 'unchanged');
  return null;
}

/**
 * Builds a product's record. Notices about fields the payload had to change are pushed to
 * `notices`, so the caller logs them only for a product it sends.
 */
function pendingProduct(
  product: DearProduct,
  selected: boolean,
  notices: string[],
): PendingRecord<WireProductInput> {
  const payload = toUpstockProduct(product, { selected }, notices);
  return { dearId: product.id, label: product.sku, payload, hash: contentHash(payload) };
}

function logNotices(product: DearProduct, notices: string[]): void {
  for (const notice of notices) log.warn(`Product ${product.id} (${product.sku}): ${notice}`);
}

/**
 * Discontinues in Upstock the products a full pass no longer found in Cin7 Core, then drops
 * them from the cache and the selection. Products never sent to Upstock are only dropped; one
 * Upstock rejects stays cached for the next full pass.
 */
async function discontinueGone(
  ctx: JobContext,
  goneIds: string[],
  tierNames: string[],
): Promise<void> {
  log.info(`${goneIds.length} cached products are gone from Cin7 Core`, goneIds.slice(0, 20));
  const pending: PendingRecord<WireProductInput>[] = [];
  const droppable: string[] = [];
  for (const id of goneIds) {
    if (!ctx.store.mappings.get('product', id)) {
      droppable.push(id);
      continue;
    }
    const parsed = parseProduct(ctx.store.catalog.getProduct(id), tierNames);
    if (!parsed.ok) {
      ctx.result.fail({
        entity: 'products',
        recordId: id,
        reason:
          'The product is gone from Cin7 Core, but its cached copy is malformed, so it could not be discontinued in Upstock. Discontinue it there by hand.',
      });
      continue;
    }
    const notices: string[] = [];
    const record = pendingProduct(parsed.value, false, notices);
    if (ctx.store.mappings.get('product', id)?.contentHash === record.hash) {
      droppable.push(id);
    } else {
      logNotices(parsed.value, notices);
      pending.push(record);
    }
  }

  const accepted = await pushBatches(
    ctx,
    {
      entity: 'goneProducts',
      mappingEntity: 'product',
      phase: 'discontinuing products gone from Cin7 Core',
      send: (batch) => ctx.upstock.upsertProducts(batch),
    },
    pending,
  );
  // A product Upstock did not accept stays cached, so the next full pass tries again.
  const dropped = [...droppable, ...accepted];
  ctx.store.transaction(() => {
    ctx.store.catalog.deleteProducts(dropped);
    ctx.store.selection.deselect(dropped);
  });
}

function reportNotInCatalog(ctx: JobContext, id: string): void {
  ctx.result.count('products', 'failed');
  ctx.result.fail({
    entity: 'products',
    recordId: id,
    reason:
      'The product is selected but Cin7 Core did not list it. Deselect it, or run a full sync if it was just created.',
  });
}

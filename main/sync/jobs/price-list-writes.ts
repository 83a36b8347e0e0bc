import { createHash } from 'node:crypto';
import { getLogger } from '../../log/logger.js';
import { UpstockApiError, UpstockConflictError } from '../../upstock/errors.js';
import type { WirePriceListInput, WirePriceListSummary } from '../../upstock/wire.js';
import { throwIfCancelled, type JobContext } from '../job.js';
import type { PlannedPriceList } from '../pricing/price-lists.js';
import { RepairTally } from '../upstock-holdings.js';
import { sendWithBoundedConcurrency } from './bounded-sends.js';

const log = getLogger('sync');

/** Upstock's longest price list name. */
const MAX_NAME = 200;
/** Prefix of every key the planner makes; other lists in Upstock are the merchant's own. */
const AGENT_KEY_PREFIX = 'pl_';

/** Returns the wire form of a planned list: name and a money string per product. */
export function toWirePriceList(list: PlannedPriceList): WirePriceListInput {
  const prices: WirePriceListInput['prices'] = [];
  for (const entry of list.prices())
    prices.push({ productExternalId: entry.productId, price: entry.price });
  return { name: wireName(list), prices };
}

function wireName(list: PlannedPriceList): string {
  return list.name.slice(0, MAX_NAME);
}

/**
 * Returns the content hash of what a list's `PUT` sends: its wire name and the hash of its
 * prices. It is computed without building the list, so an unchanged list costs no work.
 * The `v2` prefix keeps it apart from hashes of the whole wire body that older versions
 * stored, so each list is sent once more after an upgrade.
 */
export function priceListHash(list: PlannedPriceList): string {
  return createHash('sha256')
    .update(`v2\n${wireName(list)}\n${list.pricesHash}`)
    .digest('hex');
}

/**
 * Returns whether Upstock lacks a list whose hash matches the last accepted one, or stores it
 * with another name or product count, and records which in `repairs`. The summaries carry no
 * prices, so a price changed by hand in Upstock is not seen.
 */
function needsRepair(
  list: PlannedPriceList,
  held: ReadonlyMap<string, WirePriceListSummary>,
  repairs: RepairTally,
): boolean {
  const summary = held.get(list.key);
  if (!summary) {
    repairs.noteMissing(list.key);
    return true;
  }
  if (summary.name !== wireName(list) || summary.productCount !== list.size) {
    repairs.noteDiffering(list.key);
    return true;
  }
  return false;
}

/**
 * Puts each planned list whose content hash differs from the last one Upstock accepted, and
 * records the new hash once Upstock accepted that list. Up to `UPSTOCK_WRITES_IN_FLIGHT` lists
 * are sent at once, and a list's entries are built only when its send starts, so at most that
 * many lists are in memory. When `held` (Upstock's lists, read on a full pass) is given, also
 * puts each list Upstock lacks or stores with another name or product count, and logs how many.
 * A list Upstock rejects as invalid (422) is reported and skipped. Other errors end the run
 * once the puts in flight have finished and been recorded.
 */
export async function putChangedLists(
  ctx: JobContext,
  lists: PlannedPriceList[],
  held: readonly WirePriceListSummary[] | null = null,
): Promise<void> {
  const phase = 'sending price lists to Upstock';
  const heldByKey = held ? new Map(held.map((summary) => [summary.key, summary])) : null;
  const repairs = new RepairTally('price lists');
  const accepted = new Set<string>();
  const changed: { list: PlannedPriceList; hash: string }[] = [];
  for (const list of lists) {
    const hash = priceListHash(list);
    const sent = ctx.store.mappings.get('priceList', list.key)?.contentHash === hash;
    if (sent && !(heldByKey && needsRepair(list, heldByKey, repairs))) {
      ctx.result.count('priceLists', 'unchanged');
    } else {
      changed.push({ list, hash });
    }
  }

  let done = lists.length - changed.length;
  ctx.report({ phase, done, total: lists.length });
  await sendWithBoundedConcurrency(ctx, changed, async ({ list, hash }) => {
    if (await putList(ctx, list, hash)) accepted.add(list.key);
    done += 1;
    ctx.report({ phase, done, total: lists.length });
  });
  if (heldByKey) repairs.log(accepted);
}

/**
 * Builds one list's entries, puts it and records its hash. Returns false when Upstock rejected
 * it as invalid (422), which is reported; throws any other error.
 */
async function putList(ctx: JobContext, list: PlannedPriceList, hash: string): Promise<boolean> {
  const wire = toWirePriceList(list);
  try {
    const response = await ctx.upstock.putPriceList(list.key, wire);
    ctx.result.count('priceLists', response.result);
    ctx.store.mappings.upsertMany([
      { entity: 'priceList', dearId: list.key, upstockId: list.key, contentHash: hash },
    ]);
    log.info(
      `Price list ${list.key} "${wire.name}" ${response.result}: ${wire.prices.length} prices`,
    );
    return true;
  } catch (error) {
    if (!(error instanceof UpstockApiError) || error.status !== 422) throw error;
    ctx.result.count('priceLists', 'failed');
    ctx.result.fail({
      entity: 'priceLists',
      recordId: list.key,
      label: wire.name,
      reason: `Upstock rejected the price list: ${(error as Error).message}`,
    });
    log.warn(`Upstock rejected price list ${list.key} "${wire.name}"`, error);
    return false;
  }
}

/**
 * Deletes the agent's price lists that the plan no longer uses: the ones recorded in
 * `mappings`, plus, on a full run, any agent-made list Upstock still has (left by a crash
 * between a put and its record). `held` is Upstock's lists when the caller already read them
 * on this full run; otherwise they are read here. A list still in use (409) is reported and
 * kept for the next run; one already gone is forgotten.
 */
export async function retireUnusedLists(
  ctx: JobContext,
  plannedKeys: ReadonlySet<string>,
  held: readonly WirePriceListSummary[] | null = null,
): Promise<void> {
  const keys = new Set(
    ctx.store.mappings
      .list('priceList')
      .map((mapping) => mapping.dearId)
      .filter((key) => !plannedKeys.has(key)),
  );
  if (ctx.mode === 'full') {
    for (const summary of held ?? (await ctx.upstock.listPriceLists())) {
      if (summary.key.startsWith(AGENT_KEY_PREFIX) && !plannedKeys.has(summary.key))
        keys.add(summary.key);
    }
  }

  for (const key of keys) {
    throwIfCancelled(ctx);
    try {
      if (await ctx.upstock.deletePriceList(key)) {
        log.info(`Deleted unused price list ${key}`);
        ctx.result.count('retiredPriceLists', 'updated');
      }
    } catch (error) {
      if (!(error instanceof UpstockConflictError)) throw error;
      const customers = error.fieldErrors.map((entry) => entry.externalId).filter(Boolean);
      ctx.result.fail({
        entity: 'priceLists',
        recordId: key,
        reason: `The price list is no longer needed, but Upstock still has customers on it (${customers.join(', ') || 'not named'}). It is deleted once they move to another list.`,
      });
      log.warn(`Could not delete price list ${key}: customers still assigned`, customers);
      continue;
    }
    ctx.store.mappings.remove('priceList', key);
  }
}

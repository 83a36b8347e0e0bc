import { getLogger } from '../../log/logger.js';
import { throwIfCancelled, type Job, type JobContext } from '../job.js';
import { parseDeal } from '../../dear/parse-deal.js';
import type { DearDeal } from '../../dear/records.js';
import {
  DEALS_ENTRY,
  loadReference,
  parseReference,
  saveReference,
  type RawReference,
  type ReferenceData,
} from '../reference-cache.js';

const log = getLogger('sync');

/**
 * Maximum age of the cached reference books before an incremental run fetches them again.
 * Reference data (tiers, tax rules, locations, discount rules) changes rarely, so it is read
 * on this slower cycle; a full run always reads it.
 */
export const REFERENCE_MAX_AGE_MS = 60 * 60 * 1000;

/**
 * Reads `/me`, price tiers, tax rules, locations, discount rules, carriers, company contacts
 * (the sales representatives) and deals into the catalog cache. Skips the calls when the cache
 * is younger than `REFERENCE_MAX_AGE_MS` and contains deals, unless the run is full.
 */
export const referenceJob: Job = {
  name: 'reference',
  async run(ctx) {
    const cached = loadReference(ctx.store.catalog);
    const age = cached ? ctx.startedAt.getTime() - cached.fetchedAt.getTime() : Infinity;
    const hasDeals = cached?.data.deals != null;
    if (ctx.mode === 'incremental' && age < REFERENCE_MAX_AGE_MS && hasDeals) {
      log.info(`Reference data is ${Math.round(age / 60_000)} min old; not reading it again yet`);
      ctx.result.count('reference', 'skipped');
      return;
    }
    await fetchReference(ctx);
  },
};

/** Fetches every reference book, caches it as fetched, and returns it parsed. */
export async function fetchReference(ctx: JobContext): Promise<ReferenceData> {
  const phase = 'reading reference data from Cin7 Core';
  const signal = ctx.signal;
  const steps: [keyof RawReference, () => Promise<unknown>][] = [
    ['me', () => ctx.dear.me(signal)],
    ['priceTiers', () => ctx.dear.priceTiers(signal)],
    ['taxRules', () => ctx.dear.taxRules(signal)],
    ['locations', () => ctx.dear.locations(signal)],
    ['discountRules', () => ctx.dear.discountRules(signal)],
    ['carriers', () => ctx.dear.carriers(signal)],
    ['companyContacts', () => ctx.dear.companyContacts(signal)],
    ['deals', () => ctx.dear.deals(signal)],
  ];
  ctx.report({ phase, done: 0, total: steps.length });

  const raw: Partial<Record<keyof RawReference, unknown>> = {};
  for (const [name, read] of steps) {
    throwIfCancelled(ctx);
    raw[name] = await read();
    ctx.report({ phase, done: Object.keys(raw).length, total: steps.length });
  }

  saveReference(ctx.store.catalog, raw as RawReference);
  const { data, issues } = parseReference(raw as RawReference);
  for (const issue of issues) {
    ctx.result.fail({
      entity: 'reference',
      recordId: issue.recordId,
      label: issue.book,
      field: issue.field,
      reason: issue.reason,
    });
  }
  ctx.result.count('reference', 'updated');
  log.info(
    `Cached reference data for ${data.me.company}: ${data.priceTiers.length} price tiers, ` +
      `${data.taxRules.length} tax rules, ${data.locations.length} locations, ` +
      `${data.discountRules.length} discount rules, ${data.carriers.length} carriers, ` +
      `${data.deals?.length ?? 0} deals`,
  );
  return data;
}

/** Returns the cached reference books, fetching them first when the cache has none. */
export async function ensureReference(ctx: JobContext): Promise<ReferenceData> {
  const cached = loadReference(ctx.store.catalog);
  if (cached) return cached.data;
  log.info('No reference data cached yet; reading it before the catalog');
  return fetchReference(ctx);
}

/**
 * Returns the deals of `reference`, or, when the cache predates deals (`deals` null), reads
 * them with one `GET reference/deals`, caches them and returns them parsed. Deals that fail to
 * parse are reported as reference failures and left out. Throws what the client throws.
 */
export async function ensureDeals(ctx: JobContext, reference: ReferenceData): Promise<DearDeal[]> {
  if (reference.deals !== null) return reference.deals;
  log.info('The cached reference data has no deals yet; reading them from Cin7 Core');
  throwIfCancelled(ctx);
  const raw = await ctx.dear.deals(ctx.signal);
  ctx.store.catalog.setReference(DEALS_ENTRY, raw);
  const deals: DearDeal[] = [];
  for (const record of raw) {
    const parsed = parseDeal(record);
    if (parsed.ok) {
      deals.push(parsed.value);
      continue;
    }
    ctx.result.fail({
      entity: 'reference',
      recordId: parsed.recordId,
      label: 'deals',
      field: parsed.field,
      reason: parsed.reason,
    });
  }
  return deals;
}

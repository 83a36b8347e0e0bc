import { parseDeal } from '../dear/parse-deal.js';
import {
  parseCarrier,
  parseCompanyContact,
  parseDiscountRule,
  parseLocation,
  parsePriceTiers,
  parseTaxRule,
} from '../dear/parse-reference.js';
import type {
  DearCarrier,
  DearCompanyContact,
  DearDeal,
  DearDiscountRule,
  DearLocation,
  DearMe,
  DearPriceTier,
  DearTaxRule,
  ParseResult,
} from '../dear/records.js';
import type { CatalogRepository } from '../store/types.js';

/** The Cin7 Core reference books the sync and the order push read, parsed. */
export interface ReferenceData {
  me: DearMe;
  priceTiers: DearPriceTier[];
  taxRules: DearTaxRule[];
  locations: DearLocation[];
  discountRules: DearDiscountRule[];
  carriers: DearCarrier[];
  companyContacts: DearCompanyContact[];
  /** Deals; null when the cache predates deals and they were never read. */
  deals: DearDeal[] | null;
}

/** The reference books as fetched: `me` parsed by the client, the lists raw. */
export interface RawReference {
  me: DearMe;
  priceTiers: unknown[];
  taxRules: unknown[];
  locations: unknown[];
  discountRules: unknown[];
  carriers: unknown[];
  companyContacts: unknown[];
  /** Optional: caches written before deals were read lack them. */
  deals?: unknown[];
}

/** A reference record that failed to parse; it is left out of `ReferenceData`. */
export interface ReferenceIssue {
  book: keyof RawReference;
  recordId: string;
  field: string;
  reason: string;
}

/** Cache entry names; `me` is written last, so its age is the age of the whole set. */
const NAMES = [
  'priceTiers',
  'taxRules',
  'locations',
  'discountRules',
  'carriers',
  'companyContacts',
  'me',
] as const;

/** Cache entry of the deals, kept apart from `NAMES` so a cache without it still loads. */
export const DEALS_ENTRY = 'deals';

/** Writes the fetched reference books into the catalog cache, as fetched. */
export function saveReference(catalog: CatalogRepository, raw: RawReference): void {
  if (raw.deals !== undefined) catalog.setReference(DEALS_ENTRY, raw.deals);
  for (const name of NAMES) catalog.setReference(name, raw[name]);
}

/**
 * Returns the cached reference books parsed, when they were fetched, and the records that
 * failed to parse (left out). Returns null when any book is missing from the cache, except the
 * deals: a cache written before they were read loads with `deals: null`.
 */
export function loadReference(
  catalog: CatalogRepository,
): { data: ReferenceData; fetchedAt: Date; issues: ReferenceIssue[] } | null {
  const entries = NAMES.map((name) => catalog.getReference(name));
  if (entries.some((entry) => entry === null)) return null;
  const raw = Object.fromEntries(
    NAMES.map((name, i) => [name, entries[i]!.raw]),
  ) as unknown as RawReference;
  const deals = catalog.getReference(DEALS_ENTRY);
  if (deals) raw.deals = deals.raw as unknown[];
  const fetchedAt = new Date(entries[NAMES.indexOf('me')]!.fetchedAt);
  const parsed = parseReference(raw);
  return { data: parsed.data, fetchedAt, issues: parsed.issues };
}

/** Parses fetched reference books, leaving out (and listing) records that fail to parse. */
export function parseReference(raw: RawReference): {
  data: ReferenceData;
  issues: ReferenceIssue[];
} {
  const issues: ReferenceIssue[] = [];
  const tiers = parsePriceTiers(raw.priceTiers);
  if (!tiers.ok)
    issues.push({
      book: 'priceTiers',
      recordId: tiers.recordId,
      field: tiers.field,
      reason: tiers.reason,
    });
  return {
    data: {
      me: raw.me,
      priceTiers: tiers.ok ? tiers.value : [],
      taxRules: parseEach('taxRules', raw.taxRules, parseTaxRule, issues),
      locations: parseEach('locations', raw.locations, parseLocation, issues),
      discountRules: parseEach('discountRules', raw.discountRules, parseDiscountRule, issues),
      carriers: parseEach('carriers', raw.carriers, parseCarrier, issues),
      companyContacts: parseEach(
        'companyContacts',
        raw.companyContacts,
        parseCompanyContact,
        issues,
      ),
      deals: raw.deals === undefined ? null : parseEach('deals', raw.deals, parseDeal, issues),
    },
    issues,
  };
}

function parseEach<T>(
  book: keyof RawReference,
  records: unknown[],
  parse: (raw: unknown) => ParseResult<T>,
  issues: ReferenceIssue[],
): T[] {
  const values: T[] = [];
  for (const record of Array.isArray(records) ? records : []) {
    const result = parse(record);
    if (result.ok) values.push(result.value);
    else
      issues.push({ book, recordId: result.recordId, field: result.field, reason: result.reason });
  }
  return values;
}

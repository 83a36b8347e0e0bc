import { DearApiError } from './errors.js';
import type { DearParams } from './transport.js';

/** One page of a Cin7 Core list. Records stay raw so each is parsed (and reported) on its own. */
export interface DearPage {
  /** The page number, from 1. */
  page: number;
  /** `Total` from the response; when missing, the number of records seen so far. */
  total: number;
  records: unknown[];
}

/** Cin7 Core's largest page. */
export const MAX_PAGE_SIZE = 1000;

/** Stops a runaway walk: 10,000 pages is ten million records at the largest page size. */
const MAX_PAGES = 10_000;

/** Fetches one page; `params` already contains `Page` and `Limit`. */
export type FetchPage = (params: DearParams) => Promise<unknown>;

/**
 * Walks a paged list from page 1, yielding each page. Stops on a short or empty page, or when
 * `Page * Limit >= Total`; a response without the list key counts as an empty page.
 *
 * Throws a RangeError for a page size outside 1..1000, and a DearApiError when a response is
 * not a JSON object or its list key contains something other than an array.
 */
export async function* paginate(
  fetchPage: FetchPage,
  listKey: string,
  pageSize: number,
  filters: DearParams = {},
): AsyncGenerator<DearPage> {
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new RangeError(
      `Page size must be a whole number from 1 to ${MAX_PAGE_SIZE}, got ${pageSize}`,
    );
  }

  let seen = 0;
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const body = await fetchPage({ ...filters, Page: page, Limit: pageSize });
    const records = readList(body, listKey, `list ${listKey} Page=${page}`);
    const total = readTotal(body);
    seen += records.length;

    yield { page, total: total ?? seen, records };

    const shortPage = records.length < pageSize;
    const reachedTotal = total !== null && page * pageSize >= total;
    if (shortPage || reachedTotal) return;
  }
}

/** Collects every record of a paged list into one array. */
export async function collectRecords(pages: AsyncIterable<DearPage>): Promise<unknown[]> {
  const all: unknown[] = [];
  for await (const page of pages) all.push(...page.records);
  return all;
}

/**
 * Reads the list out of a response body: the array under `listKey`, or the body itself when
 * Cin7 Core sends a bare array. Returns [] when the key is missing. Throws DearApiError (status
 * 200) for any other shape; `request` names the call in that error.
 */
export function readList(body: unknown, listKey: string, request = `list ${listKey}`): unknown[] {
  if (Array.isArray(body)) return body;
  const unexpected = (value: unknown): DearApiError =>
    new DearApiError(request, {
      status: 200,
      errorCode: null,
      exception: `expected a "${listKey}" list but received ${describeValue(value)}`,
      maybeDelivered: false,
    });
  if (typeof body !== 'object' || body === null) throw unexpected(body);
  const list = (body as Record<string, unknown>)[listKey];
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw unexpected(list);
  return list;
}

function readTotal(body: unknown): number | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const total = Number((body as Record<string, unknown>).Total);
  return Number.isFinite(total) && total >= 0 ? total : null;
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return `the text "${value.slice(0, 80)}"`;
  return value === null ? 'null' : `a ${typeof value}`;
}

import { getLogger } from '../log/logger.js';
import type {
  WireAddress,
  WireContact,
  WireCustomerInput,
  WirePage,
  WireProductInput,
} from '../upstock/wire.js';
import { MAX_PAGE_SIZE } from '../upstock/wire.js';
import { contentHash } from './hash.js';
import { throwIfCancelled, type JobContext } from './job.js';

const log = getLogger('sync');

/** Maximum pages read from one Upstock list: 1,000 pages of 500 records. */
const MAX_LIST_PAGES = 1_000;

/** Upstock external ID -> fingerprint of the content Upstock stores for it. */
export type HeldRecords = Map<string, string>;

/**
 * Pages through Upstock's products and returns each one's fingerprint by external ID, or null
 * when the list is longer than `MAX_LIST_PAGES` pages, so what Upstock lacks cannot be
 * determined. Throws what the client throws, and the signal's reason when the run is cancelled.
 */
export function readHeldProducts(ctx: JobContext): Promise<HeldRecords | null> {
  return readHeld(ctx, 'products', ctx.upstock.listProducts({ limit: MAX_PAGE_SIZE }), (record) =>
    productFingerprint(record),
  );
}

/** Pages through Upstock's customers; returns and throws as `readHeldProducts` does. */
export function readHeldCustomers(ctx: JobContext): Promise<HeldRecords | null> {
  return readHeld(ctx, 'customers', ctx.upstock.listCustomers({ limit: MAX_PAGE_SIZE }), (record) =>
    customerFingerprint(record),
  );
}

async function readHeld<T extends { externalId: string }>(
  ctx: JobContext,
  entity: string,
  pages: AsyncIterable<WirePage<T>>,
  fingerprint: (record: T) => string,
): Promise<HeldRecords | null> {
  const phase = `reading the ${entity} Upstock stores`;
  const held: HeldRecords = new Map();
  let pageCount = 0;
  for await (const page of pages) {
    throwIfCancelled(ctx);
    for (const record of page.items) held.set(record.externalId, fingerprint(record));
    pageCount += 1;
    ctx.report({ phase, done: held.size, total: null });
    if (page.nextCursor === null) return held;
    if (pageCount >= MAX_LIST_PAGES) {
      log.warn(
        `Upstock lists more than ${pageCount} pages of ${entity}; not checking which ${entity} it lacks this run`,
      );
      return null;
    }
  }
  return held;
}

/** Returns null for a missing or blank text, as Upstock stores it. */
function text(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value;
}

/**
 * Returns the hash of a product's content in the form Upstock stores it (absent and blank
 * optional texts as null, absent lists as empty), so a payload and the record Upstock returns
 * for it hash alike. Server-made fields (`id`, timestamps) are left out.
 */
export function productFingerprint(product: WireProductInput): string {
  return contentHash({
    externalId: product.externalId,
    code: product.code,
    name: product.name,
    description: text(product.description),
    category: text(product.category),
    brand: text(product.brand),
    unit: text(product.unit),
    barcode: text(product.barcode),
    imageUrls: product.imageUrls ?? [],
    notes: text(product.notes),
    availability: product.availability,
  });
}

/** Returns the hash of a customer's content as Upstock stores it, like `productFingerprint`. */
export function customerFingerprint(customer: WireCustomerInput): string {
  return contentHash({
    externalId: customer.externalId,
    name: customer.name,
    contacts: (customer.contacts ?? []).map(contactContent),
    addresses: (customer.addresses ?? []).map(addressContent),
    priceListKey: text(customer.priceListKey),
    salesRep: text(customer.salesRep),
    taxRule: text(customer.taxRule),
    paymentTerm: text(customer.paymentTerm),
    currency: customer.currency,
    active: customer.active,
  });
}

function contactContent(contact: WireContact): Required<WireContact> {
  return {
    name: contact.name,
    email: text(contact.email),
    phone: text(contact.phone),
    mobile: text(contact.mobile),
    jobTitle: text(contact.jobTitle),
    default: contact.default ?? false,
  };
}

function addressContent(address: WireAddress): Required<WireAddress> {
  return {
    externalId: address.externalId,
    type: address.type,
    default: address.default,
    line1: address.line1,
    line2: text(address.line2),
    city: text(address.city),
    state: text(address.state),
    postcode: text(address.postcode),
    country: address.country,
  };
}

/**
 * The records of one entity that a full pass sends again although the mappings record them as
 * accepted, because Upstock lacks them or stores other content.
 */
export class RepairTally {
  private readonly missing = new Set<string>();
  private readonly differing = new Set<string>();

  /** `entity` names the records in the log line, such as "products". */
  constructor(private readonly entity: string) {}

  /**
   * Checks a record that the mappings record as accepted by Upstock. Returns true, and
   * remembers which case, when Upstock lacks it, or when `unchanged` (its payload hash equals
   * the last accepted one) and Upstock stores other content: either way it is sent again. A
   * changed record is sent anyway, so its content is not compared. `held` maps external IDs
   * to the fingerprints of what Upstock stores.
   */
  needsRepair(
    id: string,
    held: ReadonlyMap<string, string>,
    unchanged: boolean,
    fingerprint: () => string,
  ): boolean {
    const heldFingerprint = held.get(id);
    if (heldFingerprint === undefined) {
      this.missing.add(id);
      return true;
    }
    if (unchanged && heldFingerprint !== fingerprint()) {
      this.differing.add(id);
      return true;
    }
    return false;
  }

  /** Remembers a record Upstock lacks, found without a fingerprint (price lists, assignments). */
  noteMissing(id: string): void {
    this.missing.add(id);
  }

  /** Remembers a record Upstock stores with other content. */
  noteDiffering(id: string): void {
    this.differing.add(id);
  }

  /**
   * Logs one line: how many records Upstock lacked or stored with other content, and how many
   * of them it accepted again (`accepted` contains the IDs it accepted this run).
   */
  log(accepted: ReadonlySet<string>): void {
    const repaired = [...this.missing, ...this.differing].filter((id) => accepted.has(id));
    const examples = [...this.missing, ...this.differing].slice(0, 20);
    log.info(
      `Full pass: Upstock lacked ${this.missing.size} ${this.entity} and stored ${this.differing.size} ` +
        `with other content; repaired ${repaired.length} of them`,
      ...(examples.length > 0 ? [examples] : []),
    );
  }
}

import type Database from 'better-sqlite3';
import type { Store } from '../store/types.js';

/**
 * The order ledger repository. The push state machine moves an order through
 * claimed → sale-requested → sale-created → order-requested → order-created → pushed, or to
 * parked from any step. A `*-requested` state is written before the Cin7 Core call and the
 * following state after it succeeds, so after a crash the ledger shows whether a call may have
 * reached Cin7 Core. Every change also appends a row to `order_ledger_events`.
 */

export type LedgerState =
  | 'claimed'
  | 'sale-requested'
  | 'sale-created'
  | 'order-requested'
  | 'order-created'
  | 'pushed'
  | 'parked';

/** States of an order whose push started and has not finished. */
export const UNFINISHED_STATES: readonly LedgerState[] = [
  'claimed',
  'sale-requested',
  'sale-created',
  'order-requested',
  'order-created',
];

/** The shipment state last reported to Upstock for a pushed order. */
export type ShipmentRecorded = 'partial' | 'shipped';

/** One ledger row. Timestamps are ISO 8601 UTC strings. */
export interface LedgerEntry {
  orderId: string;
  orderNumber: string;
  customerName: string;
  state: LedgerState;
  saleId: string | null;
  saleNumber: string | null;
  /** The Upstock order `version` and `updatedAt` when the push last started. */
  orderVersion: number;
  orderUpdatedAt: string;
  parkCode: string | null;
  parkReason: string | null;
  retryRequested: boolean;
  /** How many times a push of this order started. */
  attempts: number;
  /** The last `CombinedShippingStatus` seen for the sale. */
  shippingStatus: string | null;
  /** The sale list `Updated` stamp when `shippingStatus` was read. */
  saleUpdated: string | null;
  shipmentRecorded: ShipmentRecorded | null;
  firstSeenAt: string;
  stateChangedAt: string;
  pushedAt: string | null;
  shippedAt: string | null;
}

/** The Upstock order fields the ledger keeps. */
export interface LedgerOrderInfo {
  id: string;
  number: string;
  customerName: string;
  version: number;
  updatedAt: string;
}

interface LedgerRow {
  order_id: string;
  order_number: string;
  customer_name: string;
  state: LedgerState;
  sale_id: string | null;
  sale_number: string | null;
  order_version: number;
  order_updated_at: string;
  park_code: string | null;
  park_reason: string | null;
  retry_requested: number;
  attempts: number;
  shipping_status: string | null;
  sale_updated: string | null;
  shipment_recorded: ShipmentRecorded | null;
  first_seen_at: string;
  state_changed_at: string;
  pushed_at: string | null;
  shipped_at: string | null;
}

function toEntry(row: LedgerRow): LedgerEntry {
  return {
    orderId: row.order_id,
    orderNumber: row.order_number,
    customerName: row.customer_name,
    state: row.state,
    saleId: row.sale_id,
    saleNumber: row.sale_number,
    orderVersion: row.order_version,
    orderUpdatedAt: row.order_updated_at,
    parkCode: row.park_code,
    parkReason: row.park_reason,
    retryRequested: row.retry_requested === 1,
    attempts: row.attempts,
    shippingStatus: row.shipping_status,
    saleUpdated: row.sale_updated,
    shipmentRecorded: row.shipment_recorded,
    firstSeenAt: row.first_seen_at,
    stateChangedAt: row.state_changed_at,
    pushedAt: row.pushed_at,
    shippedAt: row.shipped_at,
  };
}

/** The ledger's operations; each one is a single SQLite transaction. */
export class OrderLedger {
  constructor(private readonly db: Database.Database) {}

  /** Returns the order's row, or null when the agent never touched the order. */
  get(orderId: string): LedgerEntry | null {
    const row = this.db.prepare('SELECT * FROM order_ledger WHERE order_id = ?').get(orderId) as
      LedgerRow | undefined;
    return row ? toEntry(row) : null;
  }

  /**
   * Records that a push of the order starts under a claim: creates the row in state
   * `claimed`, or on a later attempt keeps the state reached so far (a parked order goes back
   * to `claimed`, or to `sale-created` when its sale exists), clears the retry request and
   * counts the attempt. Returns the row afterwards.
   */
  startAttempt(order: LedgerOrderInfo): LedgerEntry {
    const now = new Date().toISOString();
    return this.db.transaction(() => {
      const existing = this.get(order.id);
      if (!existing) {
        this.db
          .prepare(
            `INSERT INTO order_ledger (order_id, order_number, customer_name, state,
               order_version, order_updated_at, attempts, first_seen_at, state_changed_at)
             VALUES (?, ?, ?, 'claimed', ?, ?, 1, ?, ?)`,
          )
          .run(
            order.id,
            order.number,
            order.customerName,
            order.version,
            order.updatedAt,
            now,
            now,
          );
        this.addEvent(order.id, 'claimed', `attempt 1, order version ${order.version}`, now);
      } else {
        const state: LedgerState =
          existing.state === 'parked'
            ? existing.saleId
              ? 'sale-created'
              : 'claimed'
            : existing.state;
        this.db
          .prepare(
            `UPDATE order_ledger SET state = ?, order_number = ?, customer_name = ?,
               order_version = ?, order_updated_at = ?, attempts = attempts + 1,
               retry_requested = 0, park_code = NULL, park_reason = NULL,
               state_changed_at = CASE WHEN state = ? THEN state_changed_at ELSE ? END
             WHERE order_id = ?`,
          )
          .run(
            state,
            order.number,
            order.customerName,
            order.version,
            order.updatedAt,
            state,
            now,
            order.id,
          );
        this.addEvent(
          order.id,
          'claimed',
          `attempt ${existing.attempts + 1} resumes at ${state}, order version ${order.version}`,
          now,
        );
      }
      return this.get(order.id)!;
    })();
  }

  /** Moves the order to `state`, storing the sale ID or number when given. */
  transition(
    orderId: string,
    state: LedgerState,
    fields: { saleId?: string; saleNumber?: string; detail?: string } = {},
  ): void {
    const now = new Date().toISOString();
    this.db.transaction(() => {
      const result = this.db
        .prepare(
          `UPDATE order_ledger SET state = ?, sale_id = COALESCE(?, sale_id),
             sale_number = COALESCE(?, sale_number), state_changed_at = ?,
             pushed_at = CASE WHEN ? = 'pushed' THEN ? ELSE pushed_at END
           WHERE order_id = ?`,
        )
        .run(state, fields.saleId ?? null, fields.saleNumber ?? null, now, state, now, orderId);
      if (result.changes !== 1) throw new Error(`Order ${orderId} is not in the order ledger.`);
      const saleText = fields.saleId ? ` sale ${fields.saleId}` : '';
      const numberText = fields.saleNumber ? ` ${fields.saleNumber}` : '';
      this.addEvent(orderId, state, `${fields.detail ?? ''}${saleText}${numberText}`.trim(), now);
    })();
  }

  /** Parks the order with a reason a merchant can act on. */
  park(orderId: string, code: string, reason: string): void {
    const now = new Date().toISOString();
    this.db.transaction(() => {
      this.db
        .prepare(
          `UPDATE order_ledger SET state = 'parked', park_code = ?, park_reason = ?,
             retry_requested = 0, state_changed_at = ? WHERE order_id = ?`,
        )
        .run(code, reason, now, orderId);
      this.addEvent(orderId, 'parked', `${code}: ${reason}`, now);
    })();
  }

  /**
   * Clears the sale ID and number of a parked order whose sale a person decided to replace
   * (it was voided or is gone), so the next attempt starts from `claimed` and creates a new
   * sale, and `replacingSale` returns true until the order is pushed. The event history keeps
   * the old sale ID. Throws when the order is not in the ledger.
   */
  forgetSale(orderId: string, detail: string): void {
    const now = new Date().toISOString();
    this.db.transaction(() => {
      const before = this.get(orderId);
      if (!before) throw new Error(`Order ${orderId} is not in the order ledger.`);
      this.db
        .prepare('UPDATE order_ledger SET sale_id = NULL, sale_number = NULL WHERE order_id = ?')
        .run(orderId);
      const sale = [before.saleNumber, before.saleId].filter((text) => text !== null).join(' ');
      const named = sale === '' ? 'the voided sale found by ExternalID' : `sale ${sale}`;
      this.addEvent(orderId, SALE_FORGOTTEN_STEP, `${detail}: ${named}`, now);
    })();
  }

  /**
   * Returns true when a person replaced the order's sale (`forgetSale`) and no sale was pushed
   * since, so the push in progress creates a new sale and ignores the voided one.
   */
  replacingSale(orderId: string): boolean {
    const row = this.db
      .prepare(
        `SELECT MAX(CASE WHEN step = ? THEN id END) AS forgotten,
                MAX(CASE WHEN step = 'pushed' THEN id END) AS pushed
         FROM order_ledger_events WHERE order_id = ?`,
      )
      .get(SALE_FORGOTTEN_STEP, orderId) as { forgotten: number | null; pushed: number | null };
    return row.forgotten !== null && (row.pushed === null || row.forgotten > row.pushed);
  }

  /** Records that the order's sale was seen in Cin7 Core at `at` (ISO 8601 UTC). */
  noteSaleSeen(orderId: string, at: string): void {
    this.addEvent(orderId, SALE_SEEN_STEP, null, at);
  }

  /**
   * Returns, per order ID, when its sale was last seen in Cin7 Core (ISO 8601 UTC), for the
   * orders that have such a note.
   */
  lastSaleSeen(): Map<string, string> {
    const rows = this.db
      .prepare(
        'SELECT order_id, MAX(at) AS at FROM order_ledger_events WHERE step = ? GROUP BY order_id',
      )
      .all(SALE_SEEN_STEP) as { order_id: string; at: string }[];
    return new Map(rows.map((row) => [row.order_id, row.at]));
  }

  /**
   * Stores the Upstock order's total before tax at `version`, as pushed, so a later edit can
   * name the total Cin7 Core got.
   */
  noteOrderTotal(orderId: string, version: number, total: string): void {
    const detail: OrderTotalNote = { version, total };
    this.addEvent(orderId, ORDER_TOTAL_STEP, JSON.stringify(detail), new Date().toISOString());
  }

  /**
   * Stores the order version seen after the push, so each later edit is reported once, and
   * returns the edit with the total pushed (null when the push predates total notes) and the
   * order's total now.
   */
  noteEditedAfterPush(
    orderId: string,
    version: number,
    updatedAt: string,
    total: string,
  ): EditedAfterPush {
    const now = new Date().toISOString();
    return this.db.transaction(() => {
      const before = this.get(orderId);
      const pushed = this.lastNote<OrderTotalNote>(orderId, ORDER_TOTAL_STEP);
      const edit: EditedAfterPush = {
        fromVersion: pushed?.version ?? before?.orderVersion ?? version,
        toVersion: version,
        pushedTotal: pushed?.total ?? null,
        total,
        at: now,
      };
      this.db
        .prepare(
          'UPDATE order_ledger SET order_version = ?, order_updated_at = ? WHERE order_id = ?',
        )
        .run(version, updatedAt, orderId);
      this.addEvent(orderId, EDITED_AFTER_PUSH_STEP, JSON.stringify(edit), now);
      return edit;
    })();
  }

  /** Stores that Cin7 Core's sale order total differs from the total the agent posted. */
  noteTotalsChangedInCin7(orderId: string, change: TotalsChangedInCin7): void {
    this.addEvent(orderId, TOTALS_CHANGED_STEP, JSON.stringify(change), change.at);
  }

  /**
   * Returns pushed orders whose sale order total Cin7 Core changed on authorisation and that
   * are not yet reported as fully shipped, each with its latest change, oldest first.
   */
  listTotalsChangedInCin7(): { entry: LedgerEntry; change: TotalsChangedInCin7 }[] {
    return this.listLatestNotesOnUnshipped<TotalsChangedInCin7>(TOTALS_CHANGED_STEP).map(
      ({ entry, note }) => ({ entry, change: note }),
    );
  }

  /**
   * Returns pushed orders edited in Upstock after the push and not yet reported as fully
   * shipped, each with its latest edit, oldest edit first.
   */
  listEditedAfterPush(): { entry: LedgerEntry; edit: EditedAfterPush }[] {
    return this.listLatestNotesOnUnshipped<EditedAfterPush>(EDITED_AFTER_PUSH_STEP).map(
      ({ entry, note }) => ({ entry, edit: note }),
    );
  }

  /**
   * Returns pushed orders not yet reported as fully shipped that have an event of `step`, each
   * with the JSON note of its latest such event, oldest event first. Unreadable notes are left
   * out.
   */
  private listLatestNotesOnUnshipped<T>(step: string): { entry: LedgerEntry; note: T }[] {
    const rows = this.db
      .prepare(
        `SELECT l.*, e.detail AS note_detail FROM order_ledger l
         JOIN order_ledger_events e ON e.id = (
           SELECT MAX(id) FROM order_ledger_events
           WHERE order_id = l.order_id AND step = ?)
         WHERE l.state = 'pushed' AND (l.shipment_recorded IS NULL OR l.shipment_recorded != 'shipped')
         ORDER BY e.id`,
      )
      .all(step) as (LedgerRow & { note_detail: string | null })[];
    const notes: { entry: LedgerEntry; note: T }[] = [];
    for (const row of rows) {
      const note = parseNote<T>(row.note_detail);
      if (note) notes.push({ entry: toEntry(row), note });
    }
    return notes;
  }

  /** Returns the row of the order with Upstock order number `orderNumber`, or null. */
  findByNumber(orderNumber: string): LedgerEntry | null {
    const row = this.db
      .prepare('SELECT * FROM order_ledger WHERE order_number = ? ORDER BY first_seen_at LIMIT 1')
      .get(orderNumber) as LedgerRow | undefined;
    return row ? toEntry(row) : null;
  }

  /**
   * Marks a parked order for another push on the next orders run; returns false when not
   * parked. `detail` says who asked, for the history.
   */
  requestRetry(orderId: string, detail: string | null = null): boolean {
    const now = new Date().toISOString();
    return this.db.transaction(() => {
      const result = this.db
        .prepare(
          `UPDATE order_ledger SET retry_requested = 1 WHERE order_id = ? AND state = 'parked'`,
        )
        .run(orderId);
      if (result.changes === 1) this.addEvent(orderId, 'retry-requested', detail, now);
      return result.changes === 1;
    })();
  }

  /**
   * Records the shipping status read from the sale list at `saleUpdated` and, when given,
   * what was reported to Upstock.
   */
  recordShipping(
    orderId: string,
    shippingStatus: string,
    saleUpdated: string | null,
    recorded?: ShipmentRecorded,
  ): void {
    const now = new Date().toISOString();
    this.db.transaction(() => {
      this.db
        .prepare(
          `UPDATE order_ledger SET shipping_status = ?, sale_updated = ?,
             shipment_recorded = COALESCE(?, shipment_recorded),
             shipped_at = CASE WHEN ? = 'shipped' THEN ? ELSE shipped_at END
           WHERE order_id = ?`,
        )
        .run(shippingStatus, saleUpdated, recorded ?? null, recorded ?? null, now, orderId);
      if (recorded) this.addEvent(orderId, `shipment-${recorded}`, shippingStatus, now);
    })();
  }

  /** Returns pushed orders not yet reported as fully shipped, oldest push first. */
  listAwaitingShipment(): LedgerEntry[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM order_ledger
         WHERE state = 'pushed' AND (shipment_recorded IS NULL OR shipment_recorded = 'partial')
         ORDER BY pushed_at, order_id`,
      )
      .all() as LedgerRow[];
    return rows.map(toEntry);
  }

  /** Returns the rows in any of `states`, oldest state change first. */
  listByStates(states: readonly LedgerState[]): LedgerEntry[] {
    const placeholders = states.map(() => '?').join(', ');
    const rows = this.db
      .prepare(
        `SELECT * FROM order_ledger WHERE state IN (${placeholders})
         ORDER BY state_changed_at, order_id`,
      )
      .all(...states) as LedgerRow[];
    return rows.map(toEntry);
  }

  /** Returns parked orders whose retry a merchant requested. */
  listRetryRequested(): LedgerEntry[] {
    const rows = this.db
      .prepare(`SELECT * FROM order_ledger WHERE state = 'parked' AND retry_requested = 1`)
      .all() as LedgerRow[];
    return rows.map(toEntry);
  }

  /** Returns the rows whose sale is one of `saleIds`, keyed by sale ID. */
  findBySaleIds(saleIds: readonly string[]): Map<string, LedgerEntry> {
    const found = new Map<string, LedgerEntry>();
    const statement = this.db.prepare('SELECT * FROM order_ledger WHERE sale_id = ?');
    for (const saleId of saleIds) {
      const row = statement.get(saleId) as LedgerRow | undefined;
      if (row) found.set(saleId, toEntry(row));
    }
    return found;
  }

  /** Returns the steps recorded for one order, oldest first. */
  events(orderId: string): { step: string; detail: string | null; at: string }[] {
    return this.db
      .prepare('SELECT step, detail, at FROM order_ledger_events WHERE order_id = ? ORDER BY id')
      .all(orderId) as { step: string; detail: string | null; at: string }[];
  }

  /** Returns how many orders are parked. */
  countParked(): number {
    const row = this.db
      .prepare(`SELECT COUNT(*) AS count FROM order_ledger WHERE state = 'parked'`)
      .get() as { count: number };
    return row.count;
  }

  private lastNote<T>(orderId: string, step: string): T | null {
    const row = this.db
      .prepare(
        'SELECT detail FROM order_ledger_events WHERE order_id = ? AND step = ? ORDER BY id DESC LIMIT 1',
      )
      .get(orderId, step) as { detail: string | null } | undefined;
    return parseNote<T>(row?.detail ?? null);
  }

  private addEvent(orderId: string, step: string, detail: string | null, at: string): void {
    this.db
      .prepare('INSERT INTO order_ledger_events (order_id, step, detail, at) VALUES (?, ?, ?, ?)')
      .run(orderId, step, detail, at);
  }
}

const ORDER_TOTAL_STEP = 'order-total';
const SALE_FORGOTTEN_STEP = 'sale-forgotten';
const SALE_SEEN_STEP = 'sale-seen';
const EDITED_AFTER_PUSH_STEP = 'edited-after-push';
const TOTALS_CHANGED_STEP = 'totals-changed-in-cin7';

/** A sale order whose total Cin7 Core changed when it was authorised. */
export interface TotalsChangedInCin7 {
  /** The sale order `Total` the agent posted and the one Cin7 Core stores, as decimal strings. */
  postedTotal: string;
  cin7Total: string;
  /** When the agent read the sale order back (ISO 8601 UTC). */
  at: string;
}

/** The Upstock order total before tax at one version, as stored with the push. */
interface OrderTotalNote {
  version: number;
  total: string;
}

/** An edit of a pushed order in Upstock, which the agent does not sync to Cin7 Core. */
export interface EditedAfterPush {
  /** The order version pushed, and the version seen now. */
  fromVersion: number;
  toVersion: number;
  /** Upstock's total before tax when pushed; null when the push predates this note. */
  pushedTotal: string | null;
  /** Upstock's total before tax now. */
  total: string;
  /** When the agent saw the edit (ISO 8601 UTC). */
  at: string;
}

/** Reads a JSON event detail written by this module; null for older plain-text details. */
function parseNote<T>(detail: string | null): T | null {
  if (!detail?.startsWith('{')) return null;
  try {
    return JSON.parse(detail) as T;
  } catch {
    return null;
  }
}

const ledgers = new WeakMap<Database.Database, OrderLedger>();

/**
 * Returns the order ledger over the store's SQLite connection. Assumes the store came from
 * `openStore` (which exposes `db`); throws otherwise.
 */
export function ledgerFor(store: Store): OrderLedger {
  const db = (store as Store & { db?: Database.Database }).db;
  if (!db) {
    throw new Error(
      `The store at ${store.path} exposes no SQLite connection, so the order ledger cannot be opened.`,
    );
  }
  let ledger = ledgers.get(db);
  if (!ledger) {
    ledger = new OrderLedger(db);
    ledgers.set(db, ledger);
  }
  return ledger;
}

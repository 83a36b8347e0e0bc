import type { Migration } from '../store/migrations.js';

/**
 * The order ledger: one row per Upstock order the agent has touched, with the step it reached
 * in the push state machine, and an append-only history of every step. Every step is written
 * before its API call and again after it, so a restarted agent knows where it stopped.
 */
export const orderLedgerSchema: Migration = {
  name: 'order ledger',
  up: `
    CREATE TABLE order_ledger (
      order_id          TEXT PRIMARY KEY,
      order_number      TEXT NOT NULL,
      customer_name     TEXT NOT NULL,
      state             TEXT NOT NULL,
      sale_id           TEXT,
      sale_number       TEXT,
      order_version     INTEGER NOT NULL,
      order_updated_at  TEXT NOT NULL,
      park_code         TEXT,
      park_reason       TEXT,
      retry_requested   INTEGER NOT NULL DEFAULT 0,
      attempts          INTEGER NOT NULL DEFAULT 0,
      shipping_status   TEXT,
      sale_updated      TEXT,
      shipment_recorded TEXT,
      first_seen_at     TEXT NOT NULL,
      state_changed_at  TEXT NOT NULL,
      pushed_at         TEXT,
      shipped_at        TEXT
    ) WITHOUT ROWID;
    CREATE INDEX order_ledger_by_state ON order_ledger (state);
    CREATE INDEX order_ledger_by_sale ON order_ledger (sale_id);
    CREATE INDEX order_ledger_by_shipment ON order_ledger (state, shipment_recorded);

    CREATE TABLE order_ledger_events (
      id       INTEGER PRIMARY KEY AUTOINCREMENT,
      order_id TEXT NOT NULL,
      step     TEXT NOT NULL,
      detail   TEXT,
      at       TEXT NOT NULL
    );
    CREATE INDEX order_ledger_events_by_order ON order_ledger_events (order_id, id);
  `,
};

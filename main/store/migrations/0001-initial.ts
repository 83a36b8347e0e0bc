import type { Migration } from '../migrations.js';

/**
 * The first schema: product selection, Cin7 Core -> Upstock mappings, sync cursors, run
 * history and the cached Cin7 Core catalog. Timestamps are ISO 8601 UTC strings and JSON
 * columns hold the API's raw objects. Tables with small rows are WITHOUT ROWID. The catalog
 * and reference tables keep a rowid because SQLite stores large rows poorly in WITHOUT ROWID tables.
 */
export const initialSchema: Migration = {
  name: 'initial schema',
  up: `
    CREATE TABLE selection (
      product_id  TEXT PRIMARY KEY,
      selected_at TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE mappings (
      entity       TEXT NOT NULL,
      dear_id      TEXT NOT NULL,
      upstock_id   TEXT,
      content_hash TEXT,
      updated_at   TEXT NOT NULL,
      PRIMARY KEY (entity, dear_id)
    ) WITHOUT ROWID;

    CREATE TABLE cursors (
      name       TEXT PRIMARY KEY,
      value      TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE runs (
      id                   INTEGER PRIMARY KEY AUTOINCREMENT,
      job                  TEXT NOT NULL,
      trigger              TEXT NOT NULL,
      mode                 TEXT NOT NULL,
      status               TEXT NOT NULL,
      started_at           TEXT NOT NULL,
      finished_at          TEXT,
      counts_json          TEXT NOT NULL DEFAULT '{}',
      failures_json        TEXT NOT NULL DEFAULT '[]',
      unrepresentable_json TEXT NOT NULL DEFAULT '[]',
      api_calls_json       TEXT NOT NULL DEFAULT '{"dear":0,"upstock":0}',
      error                TEXT
    );
    CREATE INDEX runs_by_job ON runs (job, id);
    CREATE INDEX runs_by_status ON runs (status);

    CREATE TABLE catalog_products (
      id               TEXT PRIMARY KEY,
      raw_json         TEXT NOT NULL,
      last_modified_on TEXT NOT NULL,
      cached_at        TEXT NOT NULL
    );

    CREATE TABLE catalog_customers (
      id               TEXT PRIMARY KEY,
      raw_json         TEXT NOT NULL,
      last_modified_on TEXT NOT NULL,
      cached_at        TEXT NOT NULL
    );

    CREATE TABLE reference_data (
      name       TEXT PRIMARY KEY,
      raw_json   TEXT NOT NULL,
      fetched_at TEXT NOT NULL
    );
  `,
};

import type Database from 'better-sqlite3';
import type { Store } from '../store/types.js';

/** What a cached view of the catalog depends on. */
export type RevisionTopic = 'products' | 'flags';

/**
 * Counts writes to the tables behind the Products screen, so a cached view is rebuilt only
 * after they changed: `products` counts writes to the cached Cin7 Core products, `flags`
 * writes to the selection and to product mappings (the "imported" flag). The counters live in
 * a TEMP table of the store's own connection, bumped by TEMP triggers, so the store's schema
 * and repositories stay as they are. `PRAGMA data_version` adds writes made by other
 * connections to the same file (a command line run beside the app).
 */
export interface CatalogRevision {
  /** Returns a key that changes whenever `topic` may have changed. */
  current(topic: RevisionTopic): string;
}

const TABLE = 'temp.catalog_view_revisions';

/** Trigger name, table, topic and row filter of each write that bumps a counter. */
const TRIGGERS: {
  name: string;
  event: string;
  table: string;
  topic: RevisionTopic;
  when?: string;
}[] = [
  { name: 'products_insert', event: 'INSERT', table: 'catalog_products', topic: 'products' },
  { name: 'products_update', event: 'UPDATE', table: 'catalog_products', topic: 'products' },
  { name: 'products_delete', event: 'DELETE', table: 'catalog_products', topic: 'products' },
  { name: 'selection_insert', event: 'INSERT', table: 'selection', topic: 'flags' },
  { name: 'selection_update', event: 'UPDATE', table: 'selection', topic: 'flags' },
  { name: 'selection_delete', event: 'DELETE', table: 'selection', topic: 'flags' },
  {
    name: 'mappings_insert',
    event: 'INSERT',
    table: 'mappings',
    topic: 'flags',
    when: "NEW.entity = 'product'",
  },
  {
    name: 'mappings_update',
    event: 'UPDATE',
    table: 'mappings',
    topic: 'flags',
    when: "NEW.entity = 'product' OR OLD.entity = 'product'",
  },
  {
    name: 'mappings_delete',
    event: 'DELETE',
    table: 'mappings',
    topic: 'flags',
    when: "OLD.entity = 'product'",
  },
];

/**
 * Returns the write counters of the store's connection, installing the TEMP table and
 * triggers on first use. A store without a SQLite connection gets a revision that changes on
 * every call, so views over it are always rebuilt.
 */
export function catalogRevisionFor(store: Store): CatalogRevision {
  const db = (store as Store & { db?: Database.Database }).db;
  if (!db) {
    let calls = 0;
    return { current: () => `uncached:${++calls}` };
  }
  installTriggers(db);
  const read = db.prepare(`SELECT value FROM ${TABLE} WHERE name = ?`).pluck();
  return {
    current: (topic) => {
      const version = db.pragma('data_version', { simple: true }) as number;
      return `${version}:${read.get(topic) as number}`;
    },
  };
}

function installTriggers(db: Database.Database): void {
  db.exec(
    `CREATE TEMP TABLE IF NOT EXISTS catalog_view_revisions (
       name  TEXT PRIMARY KEY,
       value INTEGER NOT NULL
     )`,
  );
  const seed = db.prepare(`INSERT OR IGNORE INTO ${TABLE} (name, value) VALUES (?, 0)`);
  seed.run('products');
  seed.run('flags');
  for (const trigger of TRIGGERS) {
    db.exec(
      `CREATE TEMP TRIGGER IF NOT EXISTS catalog_view_${trigger.name}
       AFTER ${trigger.event} ON main.${trigger.table}
       ${trigger.when ? `WHEN ${trigger.when}` : ''}
       BEGIN
         UPDATE ${TABLE} SET value = value + 1 WHERE name = '${trigger.topic}';
       END`,
    );
  }
}

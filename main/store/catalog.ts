import type Database from 'better-sqlite3';
import { nowIso, type PrepareCached } from './statements.js';
import type { CatalogRepository } from './types.js';

type CatalogTable = 'catalog_products' | 'catalog_customers';
type CatalogRow = { id: string; raw: unknown; lastModifiedOn: string };

/** Serializes a raw record; throws when it has no JSON form (undefined, a function). */
function toJson(raw: unknown, recordLabel: string): string {
  const json = JSON.stringify(raw) as string | undefined;
  if (json === undefined) {
    throw new TypeError(
      `${recordLabel} has no JSON form (got ${typeof raw}), so it cannot be cached.`,
    );
  }
  return json;
}

/**
 * Creates the catalog repository over an open, migrated database. Raw records are stored as
 * JSON text and parsed again on every read, so callers always get a fresh object.
 */
export function createCatalogRepository(
  db: Database.Database,
  prepare: PrepareCached,
): CatalogRepository {
  const upsertInto = (table: CatalogTable) =>
    db.transaction((rows: CatalogRow[]) => {
      const upsert = prepare(
        `INSERT INTO ${table} (id, raw_json, last_modified_on, cached_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET
           raw_json = excluded.raw_json,
           last_modified_on = excluded.last_modified_on,
           cached_at = excluded.cached_at`,
      );
      const cachedAt = nowIso();
      for (const row of rows) {
        upsert.run(
          row.id,
          toJson(row.raw, `Record ${row.id} in ${table}`),
          row.lastModifiedOn,
          cachedAt,
        );
      }
    });

  const deleteFrom = (table: CatalogTable) =>
    db.transaction((ids: string[]) => {
      const remove = prepare(`DELETE FROM ${table} WHERE id = ?`);
      for (const id of ids) remove.run(id);
    });

  const getFrom = (table: CatalogTable, id: string): unknown => {
    const row = prepare(`SELECT raw_json FROM ${table} WHERE id = ?`).get(id) as
      { raw_json: string } | undefined;
    return row ? (JSON.parse(row.raw_json) as unknown) : null;
  };

  // Rows come one at a time from SQLite's cursor, so only the current record is parsed and
  // held. While the generator is open the connection accepts reads but rejects writes.
  function* streamFrom(table: CatalogTable): Generator<unknown> {
    const rows = prepare(`SELECT raw_json FROM ${table} ORDER BY id`).iterate() as Iterable<{
      raw_json: string;
    }>;
    for (const row of rows) yield JSON.parse(row.raw_json) as unknown;
  }

  const countOf = (table: CatalogTable): number =>
    (prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

  const idsOf = (table: CatalogTable): string[] =>
    (prepare(`SELECT id FROM ${table} ORDER BY id`).all() as { id: string }[]).map((row) => row.id);

  const upsertProducts = upsertInto('catalog_products');
  const upsertCustomers = upsertInto('catalog_customers');
  const deleteProducts = deleteFrom('catalog_products');
  const deleteCustomers = deleteFrom('catalog_customers');

  return {
    upsertProducts: (rows) => upsertProducts(rows),
    upsertCustomers: (rows) => upsertCustomers(rows),
    getProduct: (id) => getFrom('catalog_products', id),
    getCustomer: (id) => getFrom('catalog_customers', id),
    allProducts: () => streamFrom('catalog_products'),
    allCustomers: () => streamFrom('catalog_customers'),
    productCount: () => countOf('catalog_products'),
    customerCount: () => countOf('catalog_customers'),
    productIds: () => idsOf('catalog_products'),
    customerIds: () => idsOf('catalog_customers'),
    deleteProducts: (ids) => deleteProducts(ids),
    deleteCustomers: (ids) => deleteCustomers(ids),
    setReference: (name, raw) => {
      prepare(
        `INSERT INTO reference_data (name, raw_json, fetched_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET
           raw_json = excluded.raw_json, fetched_at = excluded.fetched_at`,
      ).run(name, toJson(raw, `Reference data "${name}"`), nowIso());
    },
    getReference: (name) => {
      const row = prepare('SELECT raw_json, fetched_at FROM reference_data WHERE name = ?').get(
        name,
      ) as { raw_json: string; fetched_at: string } | undefined;
      return row ? { raw: JSON.parse(row.raw_json) as unknown, fetchedAt: row.fetched_at } : null;
    },
  };
}

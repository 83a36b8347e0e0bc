import type Database from 'better-sqlite3';
import { nowIso, type PrepareCached } from './statements.js';
import type { Mapping, MappingRepository } from './types.js';

interface MappingRow {
  entity: Mapping['entity'];
  dear_id: string;
  upstock_id: string | null;
  content_hash: string | null;
  updated_at: string;
}

function toMapping(row: MappingRow): Mapping {
  return {
    entity: row.entity,
    dearId: row.dear_id,
    upstockId: row.upstock_id,
    contentHash: row.content_hash,
    updatedAt: row.updated_at,
  };
}

/** Creates the mapping repository over an open, migrated database. */
export function createMappingRepository(
  db: Database.Database,
  prepare: PrepareCached,
): MappingRepository {
  const upsertMany = db.transaction((rows: Omit<Mapping, 'updatedAt'>[]) => {
    const upsert = prepare(
      `INSERT INTO mappings (entity, dear_id, upstock_id, content_hash, updated_at)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (entity, dear_id) DO UPDATE SET
         upstock_id = excluded.upstock_id,
         content_hash = excluded.content_hash,
         updated_at = excluded.updated_at`,
    );
    const updatedAt = nowIso();
    for (const row of rows) {
      upsert.run(row.entity, row.dearId, row.upstockId, row.contentHash, updatedAt);
    }
  });

  return {
    get: (entity, dearId) => {
      const row = prepare('SELECT * FROM mappings WHERE entity = ? AND dear_id = ?').get(
        entity,
        dearId,
      ) as MappingRow | undefined;
      return row ? toMapping(row) : null;
    },
    list: (entity) =>
      (
        prepare('SELECT * FROM mappings WHERE entity = ? ORDER BY dear_id').all(
          entity,
        ) as MappingRow[]
      ).map(toMapping),
    upsertMany: (rows) => upsertMany(rows),
    remove: (entity, dearId) => {
      prepare('DELETE FROM mappings WHERE entity = ? AND dear_id = ?').run(entity, dearId);
    },
  };
}

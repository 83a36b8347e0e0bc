import type Database from 'better-sqlite3';
import { nowIso, type PrepareCached } from './statements.js';
import type { SelectionRepository } from './types.js';

/** Creates the selection repository over an open, migrated database. */
export function createSelectionRepository(
  db: Database.Database,
  prepare: PrepareCached,
): SelectionRepository {
  const selectMany = db.transaction((productIds: string[]) => {
    const insert = prepare(
      'INSERT INTO selection (product_id, selected_at) VALUES (?, ?) ON CONFLICT DO NOTHING',
    );
    const selectedAt = nowIso();
    let added = 0;
    for (const id of new Set(productIds)) added += insert.run(id, selectedAt).changes;
    return added;
  });

  const deselectMany = db.transaction((productIds: string[]) => {
    const remove = prepare('DELETE FROM selection WHERE product_id = ?');
    let removed = 0;
    for (const id of new Set(productIds)) removed += remove.run(id).changes;
    return removed;
  });

  return {
    select: (productIds) => selectMany(productIds),
    deselect: (productIds) => deselectMany(productIds),
    isSelected: (productId) =>
      prepare('SELECT 1 FROM selection WHERE product_id = ?').get(productId) !== undefined,
    listSelected: () =>
      (
        prepare('SELECT product_id FROM selection ORDER BY product_id').all() as {
          product_id: string;
        }[]
      ).map((row) => row.product_id),
    clear: () => {
      prepare('DELETE FROM selection').run();
    },
  };
}

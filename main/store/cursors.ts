import { nowIso, type PrepareCached } from './statements.js';
import type { CursorRepository } from './types.js';

/** Creates the cursor repository over an open, migrated database. */
export function createCursorRepository(prepare: PrepareCached): CursorRepository {
  return {
    get: (name) => {
      const row = prepare('SELECT value FROM cursors WHERE name = ?').get(name) as
        { value: string } | undefined;
      return row ? row.value : null;
    },
    set: (name, value) => {
      prepare(
        `INSERT INTO cursors (name, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      ).run(name, value, nowIso());
    },
    delete: (name) => {
      prepare('DELETE FROM cursors WHERE name = ?').run(name);
    },
  };
}

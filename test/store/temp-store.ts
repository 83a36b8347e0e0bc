import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type SqliteStore } from '../../main/store/open.js';

/**
 * Creates temp folders for stores and removes them (closing their stores first) on cleanup.
 * Each test file makes one and calls `cleanup()` in `afterEach`.
 */
export function createTempStores() {
  const dirs: string[] = [];
  const stores: SqliteStore[] = [];

  return {
    /** Returns a new empty temp folder. */
    dir(): string {
      const dir = mkdtempSync(join(tmpdir(), 'uds-store-'));
      dirs.push(dir);
      return dir;
    },
    /** Opens a store in `dir` (a new temp folder when omitted) and tracks it for cleanup. */
    open(dir?: string): SqliteStore {
      const store = openStore(dir ?? this.dir());
      stores.push(store);
      return store;
    },
    cleanup(): void {
      for (const store of stores.splice(0)) store.close();
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

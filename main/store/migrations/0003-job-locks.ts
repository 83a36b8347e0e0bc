import type { Migration } from '../migrations.js';

/**
 * Cross-process job locks and run owners. The desktop app and the command line may share one
 * data folder, so each job group (the import jobs share "catalog", the order jobs "orders") is
 * leased to one process at a time in `job_locks`. A lease ends at `expires_at_ms` (milliseconds
 * since 1970, UTC) unless its holder renews it, so a crashed holder's lock can be taken over.
 * Each run records the process that ran it, so a starting agent fails only runs whose process
 * is gone.
 */
export const jobLocksSchema: Migration = {
  name: 'job locks and run owners',
  up: `
    CREATE TABLE job_locks (
      job_group     TEXT PRIMARY KEY,
      job           TEXT,
      owner_id      TEXT NOT NULL,
      pid           INTEGER NOT NULL,
      hostname      TEXT NOT NULL,
      acquired_at   TEXT NOT NULL,
      heartbeat_at  TEXT NOT NULL,
      expires_at_ms INTEGER NOT NULL
    ) WITHOUT ROWID;

    CREATE INDEX job_locks_by_owner ON job_locks (owner_id);

    ALTER TABLE runs ADD COLUMN owner_id TEXT;
    ALTER TABLE runs ADD COLUMN owner_pid INTEGER;
    ALTER TABLE runs ADD COLUMN owner_host TEXT;
  `,
};

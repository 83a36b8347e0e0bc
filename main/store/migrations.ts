import type Database from 'better-sqlite3';
import { getLogger } from '../log/logger.js';
import { orderLedgerSchema } from '../orders/ledger-migration.js';
import { initialSchema } from './migrations/0001-initial.js';
import { jobLocksSchema } from './migrations/0003-job-locks.js';

/**
 * One schema change. `up` is SQL text or a function for changes that need to read data first.
 * It runs inside a transaction together with the `user_version` bump, so a failed migration
 * leaves the database at the previous version.
 */
export interface Migration {
  name: string;
  up: string | ((db: Database.Database) => void);
}

/**
 * Every schema change in order. A migration's version is its position plus one, stored in
 * SQLite's `user_version`. Append new migrations at the end and never edit or reorder the
 * ones already released, because existing databases have applied them.
 */
export const MIGRATIONS: readonly Migration[] = [initialSchema, orderLedgerSchema, jobLocksSchema];

/** Raised when the database was written by a newer agent whose schema this version lacks. */
export class StoreTooNewError extends Error {
  constructor(
    readonly path: string,
    readonly foundVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      `The local store ${path} has schema version ${foundVersion}, but this version of ` +
        `Upstock Dear Sync knows versions up to ${knownVersion}. Install the newer version ` +
        `of the agent that created it.`,
    );
    this.name = 'StoreTooNewError';
  }
}

/** Returns the schema version recorded in the database (0 for a new file). */
export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies the migrations the database has not seen yet, each in its own transaction.
 * Returns the schema version afterwards. Throws `StoreTooNewError` when the database is newer
 * than `migrations`, and rethrows a failing migration's error after rolling it back.
 */
export function runMigrations(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
): number {
  const log = getLogger('store');
  const current = schemaVersion(db);
  if (current > migrations.length) {
    throw new StoreTooNewError(db.name, current, migrations.length);
  }

  for (let index = current; index < migrations.length; index++) {
    const migration = migrations[index]!;
    const version = index + 1;
    const apply = db.transaction((): boolean => {
      // The desktop app and the command line share the file, so another process may have
      // applied this migration since the version was read. The write lock taken here decides.
      if (schemaVersion(db) >= version) return false;
      if (typeof migration.up === 'string') db.exec(migration.up);
      else migration.up(db);
      // PRAGMA takes no bound parameters; `version` is an integer computed here.
      db.pragma(`user_version = ${version}`);
      return true;
    });
    let applied: boolean;
    try {
      applied = apply.immediate();
    } catch (error) {
      log.error(`Migration ${version} (${migration.name}) failed on ${db.name}`, error);
      throw error;
    }
    if (applied) log.info(`Applied migration ${version} (${migration.name}) to ${db.name}`);
  }
  return schemaVersion(db);
}

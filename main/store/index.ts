export { openStore, STORE_FILE_NAME } from './open.js';
export type { OpenStoreOptions, SqliteStore } from './open.js';
export { currentProcessOwner, isProcessAlive } from './lock-owner.js';
export type { LockOwner } from './lock-owner.js';
export { StoreCorruptError, StoreOpenError } from './errors.js';
export { MIGRATIONS, StoreTooNewError, runMigrations, schemaVersion } from './migrations.js';
export type { Migration } from './migrations.js';
export type * from './types.js';

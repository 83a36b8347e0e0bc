/**
 * Raised when `<dataDir>/agent.sqlite` exists but SQLite cannot read it (a damaged file or
 * one that is not a database). The message names the file and how to recover.
 */
export class StoreCorruptError extends Error {
  constructor(
    readonly path: string,
    readonly detail: string,
    cause?: unknown,
  ) {
    super(
      `The local store ${path} is damaged or is not an SQLite database (${detail}). ` +
        `Quit Upstock Dear Sync, move that file (and any ${path}-wal and ${path}-shm next to ` +
        `it) to another folder, then start the agent again. It creates an empty store and ` +
        `re-reads the catalog from Cin7 Core, but the product selection, run history and ` +
        `order records kept in the old file are lost, so keep the moved file for support.`,
      { cause },
    );
    this.name = 'StoreCorruptError';
  }
}

/** SQLite result codes that mean the file itself cannot be read as a database. */
export const CORRUPT_SQLITE_CODES: ReadonlySet<string> = new Set([
  'SQLITE_NOTADB',
  'SQLITE_CORRUPT',
]);

/**
 * Raised when SQLite cannot open or write `<dataDir>/agent.sqlite` at all, for example when the
 * path is a folder or the user lacks permission. The message names the file and what to check.
 */
export class StoreOpenError extends Error {
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(
      `Cannot open the local store ${path} (${detail}). Check that this path is a file, not a ` +
        `folder, and that the current user can read and write it and its folder.`,
      { cause },
    );
    this.name = 'StoreOpenError';
  }
}

/** SQLite result codes that mean the file cannot be opened or written. */
export const UNOPENABLE_SQLITE_CODES: ReadonlySet<string> = new Set([
  'SQLITE_CANTOPEN',
  'SQLITE_READONLY',
  'SQLITE_PERM',
  'SQLITE_AUTH',
]);

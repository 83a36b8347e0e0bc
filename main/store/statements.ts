import type Database from 'better-sqlite3';

/** A prepared statement with untyped parameters; callers cast the rows they read. */
export type Statement = Database.Statement<unknown[], unknown>;

/** Returns the prepared statement for `sql`, preparing it on first use. */
export type PrepareCached = (sql: string) => Statement;

/**
 * Creates a per-connection cache of prepared statements keyed by their SQL text, so a
 * repository prepares each query once. Statements become invalid when the connection closes.
 */
export function createStatementCache(db: Database.Database): PrepareCached {
  const cache = new Map<string, Statement>();
  return (sql) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql) as Statement;
      cache.set(sql, statement);
    }
    return statement;
  };
}

/** Returns the current time as an ISO 8601 UTC string, the format of every timestamp column. */
export function nowIso(): string {
  return new Date().toISOString();
}

import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreCorruptError, StoreOpenError } from '../../main/store/errors.js';
import { MIGRATIONS, StoreTooNewError } from '../../main/store/migrations.js';
import { openStore } from '../../main/store/open.js';
import { createTempStores } from './temp-store.js';

const temp = createTempStores();
afterEach(() => temp.cleanup());

describe('openStore', () => {
  it('creates the data folder and agent.sqlite', () => {
    const dataDir = join(temp.dir(), 'nested', 'data');
    const store = temp.open(dataDir);
    expect(store.path).toBe(join(dataDir, 'agent.sqlite'));
    expect(existsSync(store.path)).toBe(true);
  });

  it('sets WAL, busy timeout and foreign keys', () => {
    const store = temp.open();
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
  });

  it('keeps data after close and reopen', () => {
    const dir = temp.dir();
    const first = openStore(dir);
    first.selection.select(['p-1']);
    first.cursors.set('products.modifiedSince', '2026-01-01T00:00:00');
    first.catalog.upsertProducts([{ id: 'p-1', raw: { ID: 'p-1' }, lastModifiedOn: 'x' }]);
    const runId = first.runs.start('products', 'manual', 'full');
    first.close();

    const second = temp.open(dir);
    expect(second.selection.listSelected()).toEqual(['p-1']);
    expect(second.cursors.get('products.modifiedSince')).toBe('2026-01-01T00:00:00');
    expect(second.catalog.getProduct('p-1')).toEqual({ ID: 'p-1' });
    expect(second.runs.get(runId)?.status).toBe('running');
  });

  it('allows close twice', () => {
    const store = openStore(temp.dir());
    store.close();
    expect(() => store.close()).not.toThrow();
  });

  it('rejects a file that is not a database', () => {
    const dir = temp.dir();
    const path = join(dir, 'agent.sqlite');
    writeFileSync(path, 'these bytes are not an SQLite header '.repeat(100));

    let caught: unknown;
    try {
      openStore(dir);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StoreCorruptError);
    const message = (caught as Error).message;
    expect(message).toContain(path);
    expect(message).toMatch(/move that file/);
  });

  it('rejects a database with damaged pages', () => {
    const dir = temp.dir();
    const seeded = openStore(dir);
    seeded.catalog.upsertProducts(
      Array.from({ length: 500 }, (_, i) => ({
        id: `p-${i}`,
        raw: { Name: 'x'.repeat(400) },
        lastModifiedOn: '2026-01-01T00:00:00Z',
      })),
    );
    seeded.db.pragma('wal_checkpoint(TRUNCATE)');
    seeded.close();

    const path = join(dir, 'agent.sqlite');
    const bytes = readFileSync(path);
    // Keep the header page intact and overwrite the b-tree pages behind it.
    bytes.fill(0x41, 4096, Math.min(bytes.length, 64 * 1024));
    writeFileSync(path, bytes);

    expect(() => openStore(dir)).toThrow(StoreCorruptError);
  });

  it('reports a path that cannot be opened', () => {
    const dir = temp.dir();
    mkdirSync(join(dir, 'agent.sqlite'));
    expect(() => openStore(dir)).toThrow(StoreOpenError);
    expect(() => openStore(dir)).toThrow(/agent\.sqlite/);
  });

  it('rejects a database from a newer agent', () => {
    const dir = temp.dir();
    const db = new Database(join(dir, 'agent.sqlite'));
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();

    expect(() => openStore(dir)).toThrow(StoreTooNewError);
    expect(() => openStore(dir)).toThrow(/Install the newer version/);
  });
});

import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  MIGRATIONS,
  runMigrations,
  schemaVersion,
  type Migration,
} from '../../main/store/migrations.js';
import { openStore } from '../../main/store/open.js';
import { createTempStores } from './temp-store.js';

const temp = createTempStores();
const connections: Database.Database[] = [];
afterEach(() => {
  for (const db of connections.splice(0)) db.close();
  temp.cleanup();
});

function openRaw(dir: string): Database.Database {
  const db = new Database(join(dir, 'agent.sqlite'));
  connections.push(db);
  return db;
}

const addExtraTable: Migration = {
  name: 'extra table (test)',
  up: `CREATE TABLE test_extra (order_id TEXT PRIMARY KEY, sale_id TEXT);
       ALTER TABLE selection ADD COLUMN note TEXT;`,
};

const backfillNotes: Migration = {
  name: 'backfill notes (test)',
  up: (db) => {
    db.prepare(`UPDATE selection SET note = 'backfilled'`).run();
  },
};

const failsHalfway: Migration = {
  name: 'fails after a write (test)',
  up: (db) => {
    db.exec(`CREATE TABLE half_done (id INTEGER)`);
    db.exec(`INSERT INTO half_done VALUES (1)`);
    throw new Error('migration failed on purpose');
  },
};

function tableExists(db: Database.Database, name: string): boolean {
  return (
    db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?`).get(name) !==
    undefined
  );
}

describe('runMigrations', () => {
  it('brings a new file to the latest version', () => {
    const db = openRaw(temp.dir());
    expect(schemaVersion(db)).toBe(0);
    expect(runMigrations(db)).toBe(MIGRATIONS.length);
    expect(tableExists(db, 'runs')).toBe(true);
    expect(tableExists(db, 'catalog_products')).toBe(true);
  });

  it('does nothing when already current', () => {
    const db = openRaw(temp.dir());
    runMigrations(db);
    db.prepare(`INSERT INTO cursors VALUES ('c', 'v', 't')`).run();
    expect(runMigrations(db)).toBe(MIGRATIONS.length);
    expect(db.prepare('SELECT value FROM cursors').get()).toEqual({ value: 'v' });
  });

  it('upgrades an old database and keeps its rows', () => {
    const dir = temp.dir();
    const old = openStore(dir);
    old.selection.select(['p-1', 'p-2']);
    old.close();

    const db = openRaw(dir);
    const upgraded = [...MIGRATIONS, addExtraTable, backfillNotes];
    expect(runMigrations(db, upgraded)).toBe(MIGRATIONS.length + 2);
    expect(tableExists(db, 'test_extra')).toBe(true);
    expect(db.prepare('SELECT product_id, note FROM selection ORDER BY product_id').all()).toEqual([
      { product_id: 'p-1', note: 'backfilled' },
      { product_id: 'p-2', note: 'backfilled' },
    ]);
  });

  it('opens a database left at every older version', () => {
    for (let version = 0; version < MIGRATIONS.length; version++) {
      const dir = temp.dir();
      const db = openRaw(dir);
      runMigrations(db, MIGRATIONS.slice(0, version));
      expect(schemaVersion(db)).toBe(version);

      const store = temp.open(dir);
      expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      store.cursors.set('after-upgrade', 'ok');
      expect(store.cursors.get('after-upgrade')).toBe('ok');
    }
  });

  it('rolls back a failing migration', () => {
    const db = openRaw(temp.dir());
    const list = [...MIGRATIONS, addExtraTable, failsHalfway];

    expect(() => runMigrations(db, list)).toThrow('migration failed on purpose');
    expect(schemaVersion(db)).toBe(MIGRATIONS.length + 1);
    expect(tableExists(db, 'test_extra')).toBe(true);
    expect(tableExists(db, 'half_done')).toBe(false);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type SqliteStore } from '../../main/store/open.js';
import { exitedOwner, otherHostOwner, siblingOwner } from './owners.js';
import { createTempStores } from './temp-store.js';

const temp = createTempStores();
const extra: SqliteStore[] = [];

afterEach(() => {
  for (const store of extra.splice(0)) store.close();
  temp.cleanup();
});

/** Opens a second connection to `dir` as another process would. */
function openAs(dir: string, owner: Parameters<typeof openStore>[1]): SqliteStore {
  const store = openStore(dir, owner);
  extra.push(store);
  return store;
}

const LONG_LEASE = 60_000;

/** Waits until `check` holds, polling; bounded so a broken lease fails the test. */
async function eventually(check: () => boolean, limitMs = 10_000): Promise<boolean> {
  for (const end = Date.now() + limitMs; Date.now() < end;) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return check();
}

describe('job locks', () => {
  it('gives a group to one owner until it releases', () => {
    const dir = temp.dir();
    const app = openAs(dir, { owner: siblingOwner() });
    const cli = openAs(dir, { owner: siblingOwner() });

    expect(app.locks.tryAcquire('catalog', 'products', LONG_LEASE).acquired).toBe(true);
    const refused = cli.locks.tryAcquire('catalog', 'prices', LONG_LEASE);
    expect(refused.acquired).toBe(false);
    expect(refused.holder).toMatchObject({
      group: 'catalog',
      job: 'products',
      ownerId: app.locks.owner.id,
      pid: process.pid,
    });
    // Another group is independent.
    expect(cli.locks.tryAcquire('orders', 'orders', LONG_LEASE).acquired).toBe(true);

    expect(cli.locks.release('catalog')).toBe(false);
    expect(app.locks.release('catalog')).toBe(true);
    expect(cli.locks.tryAcquire('catalog', 'prices', LONG_LEASE).acquired).toBe(true);
    expect(app.locks.holder('catalog')?.ownerId).toBe(cli.locks.owner.id);
  });

  it('lets the holder take its own lock again and renew it', () => {
    const dir = temp.dir();
    const app = openAs(dir, { owner: siblingOwner() });
    const cli = openAs(dir, { owner: siblingOwner() });
    expect(app.locks.tryAcquire('catalog', 'products', LONG_LEASE).acquired).toBe(true);
    expect(app.locks.tryAcquire('catalog', 'customers', LONG_LEASE).acquired).toBe(true);
    const before = app.locks.holder('catalog')!.expiresAt;

    expect(app.locks.renew('catalog', LONG_LEASE * 2)).toBe(true);
    expect(app.locks.holder('catalog')!.expiresAt > before).toBe(true);
    expect(cli.locks.renew('catalog', LONG_LEASE)).toBe(false);
  });

  it('lets another process take over a lease that expired', async () => {
    const dir = temp.dir();
    // A holder on another PC cannot be checked by pid, so only its lease protects it.
    const remote = openAs(dir, { owner: otherHostOwner() });
    const local = openAs(dir, { owner: siblingOwner() });
    expect(remote.locks.tryAcquire('catalog', 'products', 300).acquired).toBe(true);
    expect(local.locks.tryAcquire('catalog', 'prices', LONG_LEASE).acquired).toBe(false);

    const taken = await eventually(
      () => local.locks.tryAcquire('catalog', 'prices', LONG_LEASE).acquired,
    );
    expect(taken).toBe(true);
    expect(remote.locks.renew('catalog', 300)).toBe(false);
    expect(local.locks.holder('catalog')?.ownerId).toBe(local.locks.owner.id);
  });

  it('takes over from an exited holder at once', () => {
    const dir = temp.dir();
    const crashed = openAs(dir, { owner: exitedOwner() });
    const local = openAs(dir, { owner: siblingOwner() });
    expect(crashed.locks.tryAcquire('orders', 'orders', LONG_LEASE).acquired).toBe(true);

    expect(local.locks.tryAcquire('orders', 'shipments', LONG_LEASE).acquired).toBe(true);
  });

  it('keeps a live local holder', () => {
    const dir = temp.dir();
    const live = openAs(dir, { owner: siblingOwner() });
    const other = openAs(dir, { owner: siblingOwner() });
    expect(live.locks.tryAcquire('orders', 'orders', LONG_LEASE).acquired).toBe(true);
    // Same pid (this process) means alive, so only the lease can free it.
    expect(other.locks.tryAcquire('orders', 'orders', LONG_LEASE).acquired).toBe(false);
    expect(other.locks.list().map((lock) => lock.group)).toEqual(['orders']);
  });

  it('reports a live lease by owner', () => {
    const dir = temp.dir();
    const holder = openAs(dir, { owner: siblingOwner() });
    expect(holder.locks.hasLiveLease(holder.locks.owner.id)).toBe(false);
    holder.locks.tryAcquire('catalog', 'products', LONG_LEASE);
    expect(holder.locks.hasLiveLease(holder.locks.owner.id)).toBe(true);
    holder.locks.release('catalog');
    expect(holder.locks.hasLiveLease(holder.locks.owner.id)).toBe(false);
  });
});

describe('run owners', () => {
  const outcome = {
    status: 'succeeded' as const,
    counts: {},
    failures: [],
    unrepresentable: [],
    apiCalls: { dear: 0, upstock: 0 },
    error: null,
  };

  it('fails only the runs whose process is gone', () => {
    const dir = temp.dir();
    const dead = openAs(dir, { owner: exitedOwner() });
    const live = openAs(dir, { owner: siblingOwner() });
    const remoteLive = openAs(dir, { owner: otherHostOwner() });
    const remoteGone = openAs(dir, { owner: otherHostOwner() });
    const starting = openAs(dir, { owner: siblingOwner() });

    const deadRun = dead.runs.start('products', 'manual', 'full');
    const liveRun = live.runs.start('orders', 'schedule', 'incremental');
    const remoteLiveRun = remoteLive.runs.start('customers', 'schedule', 'incremental');
    remoteLive.locks.tryAcquire('catalog', 'customers', LONG_LEASE);
    const remoteGoneRun = remoteGone.runs.start('prices', 'schedule', 'incremental');
    const ownRun = starting.runs.start('shipments', 'manual', 'incremental');
    const finished = dead.runs.start('reference', 'manual', 'incremental');
    dead.runs.finish(finished, outcome);

    expect(starting.runs.failAbandoned('the agent stopped during this run')).toBe(2);

    expect(starting.runs.get(deadRun)?.status).toBe('failed');
    expect(starting.runs.get(deadRun)?.error).toBe('the agent stopped during this run');
    expect(starting.runs.get(remoteGoneRun)?.status).toBe('failed');
    expect(starting.runs.get(liveRun)?.status).toBe('running');
    expect(starting.runs.get(remoteLiveRun)?.status).toBe('running');
    expect(starting.runs.get(ownRun)?.status).toBe('running');
    expect(starting.runs.get(finished)?.status).toBe('succeeded');
  });

  it('fails runs recorded before owners were kept', () => {
    const dir = temp.dir();
    const store = openAs(dir, { owner: siblingOwner() });
    const runId = store.runs.start('products', 'manual', 'full');
    store.db.prepare('UPDATE runs SET owner_id = NULL, owner_pid = NULL, owner_host = NULL').run();

    expect(store.runs.failAbandoned('left by an older version')).toBe(1);
    expect(store.runs.get(runId)?.status).toBe('failed');
  });

  it('fails the group runs of other owners once the group lock is held', () => {
    const dir = temp.dir();
    const other = openAs(dir, { owner: siblingOwner() });
    const holder = openAs(dir, { owner: siblingOwner() });
    const stale = other.runs.start('products', 'manual', 'full');
    const otherGroup = other.runs.start('orders', 'schedule', 'incremental');
    const own = holder.runs.start('prices', 'manual', 'incremental');

    const catalogJobs = ['reference', 'products', 'customers', 'prices'] as const;
    expect(holder.runs.failInterrupted({ jobs: catalogJobs }, 'stopped')).toBe(1);
    expect(holder.runs.get(stale)?.status).toBe('failed');
    expect(holder.runs.get(otherGroup)?.status).toBe('running');
    expect(holder.runs.get(own)?.status).toBe('running');
    // The owner a lock was taken over from has stopped, whatever its runs' jobs.
    expect(holder.runs.failInterrupted({ jobs: [], ownerIds: [other.locks.owner.id] }, 'x')).toBe(
      1,
    );
    expect(holder.runs.get(otherGroup)?.status).toBe('failed');
  });
});

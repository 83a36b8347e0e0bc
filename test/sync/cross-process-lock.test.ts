import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/sync.js';
import { openStore, type SqliteStore } from '../../main/store/open.js';
import { markerJob, markerRunner, MARKER_GROUP } from './fixtures/lock-world.js';

const SCRIPT = fileURLToPath(new URL('./fixtures/lock-child.ts', import.meta.url));
const LIMIT_MS = 60_000;

interface Child {
  process: ChildProcess;
  /** Resolves with the first stdout line starting with `prefix`, without the prefix. */
  line(prefix: string): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children: Child[] = [];
const dirs: string[] = [];
const stores: SqliteStore[] = [];

afterEach(() => {
  for (const child of children.splice(0)) {
    if (child.process.exitCode === null && child.process.signalCode === null)
      child.process.kill('SIGKILL');
  }
  for (const store of stores.splice(0)) store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'uds-locks-'));
  dirs.push(dir);
  return dir;
}

/** Starts the lock child with `env` added; it opens `dataDir/agent.sqlite` as its own process. */
function startChild(env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: { prefix: string; resolve: (rest: string) => void }[] = [];
  const check = () => {
    for (const waiter of [...waiters]) {
      const found = stdout.split('\n').find((text) => text.startsWith(waiter.prefix));
      if (found === undefined) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(found.slice(waiter.prefix.length).trim());
    }
  };
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    check();
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const handle: Child = {
    process: child,
    exited,
    line: (prefix) =>
      new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no "${prefix}" line from the child; stderr:\n${stderr}`)),
          LIMIT_MS,
        );
        waiters.push({
          prefix,
          resolve: (rest) => {
            clearTimeout(timer);
            resolve(rest);
          },
        });
        void exited.then(() => {
          check();
          if (waiters.some((waiter) => waiter.prefix === prefix)) {
            clearTimeout(timer);
            reject(new Error(`the child exited before "${prefix}"; stderr:\n${stderr}`));
          }
        });
        check();
      }),
  };
  children.push(handle);
  return handle;
}

/** Opens the shared store in this (the test's) process, which is another agent process. */
function openHere(dataDir: string): SqliteStore {
  const store = openStore(dataDir);
  stores.push(store);
  return store;
}

/** Parses the marker file into [kind, pid, runId] rows. */
function readMarkers(file: string): [string, string, string][] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' ') as [string, string, string]);
}

describe('job group lock across processes', () => {
  it('never runs the same group in two processes at once', async () => {
    const dataDir = tempDir();
    const markers = join(dataDir, 'markers.txt');
    const go = join(dataDir, 'go');
    writeFileSync(markers, '');
    const common = { UDS_DATA_DIR: dataDir, UDS_MARKERS: markers, UDS_GO_FILE: go };
    const runsEach = 3;
    const first = startChild({ ...common, UDS_JOB: 'products', UDS_RUNS: `${runsEach}` });
    const second = startChild({ ...common, UDS_JOB: 'prices', UDS_RUNS: `${runsEach}` });
    await Promise.all([first.line('READY'), second.line('READY')]);
    // Both children start their runs together, so without the lock their runs would overlap.
    writeFileSync(go, '');

    const done = await Promise.all([first.line('DONE'), second.line('DONE')]);
    const summaries = done.flatMap((json) => JSON.parse(json) as RunSummary[]);
    expect(summaries.map((summary) => summary.status)).toEqual(
      Array<string>(runsEach * 2).fill('succeeded'),
    );

    const rows = readMarkers(markers);
    expect(rows).toHaveLength(runsEach * 4);
    // Every start is followed by the end of the same run before any other run starts.
    for (let index = 0; index < rows.length; index += 2) {
      const [kind, pid, runId] = rows[index]!;
      expect(kind).toBe('start');
      expect(rows[index + 1]).toEqual(['end', pid, runId]);
    }
    const pids = new Set(rows.map((row) => row[1]));
    expect(pids).toEqual(new Set([`${first.process.pid}`, `${second.process.pid}`]));
    expect((await first.exited).code).toBe(0);
    expect((await second.exited).code).toBe(0);
  });

  it('skips, gives up, then waits for the holder', async () => {
    const dataDir = tempDir();
    const markers = join(dataDir, 'markers.txt');
    const release = join(dataDir, 'release');
    writeFileSync(markers, '');
    const holder = startChild({
      UDS_DATA_DIR: dataDir,
      UDS_MARKERS: markers,
      UDS_JOB: 'products',
      UDS_HOLD_FILE: release,
    });
    await holder.line('RUNNING');

    const store = openHere(dataDir);
    const job = markerJob({ name: 'customers', markers, workMs: 40 });
    const impatient = markerRunner(store, [job], { waitMs: 200, pollMs: 20 });
    const skipped = await impatient.run('customers', { trigger: 'schedule', mode: 'incremental' });
    expect(skipped).toMatchObject({ id: 0, status: 'cancelled' });
    expect(skipped.error).toContain(
      `Another Upstock Dear Sync process (pid ${holder.process.pid} on `,
    );
    expect(skipped.error).toContain('is running products');
    const gaveUp = await impatient.run('customers', { trigger: 'manual', mode: 'incremental' });
    expect(gaveUp).toMatchObject({ id: 0, status: 'cancelled' });
    expect(gaveUp.error).toMatch(/waited .* and did not start/);
    // Neither attempt was recorded, so the holder's run stays the latest in the history.
    expect(store.runs.list().map((run) => run.job)).toEqual(['products']);

    const patient = markerRunner(store, [job], { waitMs: LIMIT_MS, pollMs: 20 });
    const phases: string[] = [];
    patient.on('lock-wait', (event) => {
      if (event.state !== 'waiting') return;
      phases.push(patient.progress('customers')?.phase ?? '');
      writeFileSync(release, '');
    });
    const ran = await patient.run('customers', { trigger: 'manual', mode: 'incremental' });

    expect(phases).toHaveLength(1);
    expect(phases[0]).toMatch(/^Waiting: Another Upstock Dear Sync process \(pid \d+/);
    expect(ran.status).toBe('succeeded');
    expect(ran.id).toBeGreaterThan(0);
    const holderRuns = JSON.parse(await holder.line('DONE')) as RunSummary[];
    expect(holderRuns[0]?.status).toBe('succeeded');
    const rows = readMarkers(markers);
    expect(rows.map((row) => row[0])).toEqual(['start', 'end', 'start', 'end']);
    expect(rows[0]![1]).toBe(`${holder.process.pid}`);
    expect(rows[2]![1]).toBe(`${process.pid}`);
  });

  it('takes over a remote killed holder after its lease', async () => {
    const dataDir = tempDir();
    const markers = join(dataDir, 'markers.txt');
    writeFileSync(markers, '');
    // Reported as another host, so its pid cannot be checked and only the lease frees it.
    const holder = startChild({
      UDS_DATA_DIR: dataDir,
      UDS_MARKERS: markers,
      UDS_HOLD_FILE: join(dataDir, 'never'),
      UDS_HOSTNAME: 'shop-back-office',
      UDS_LEASE_MS: '1500',
      UDS_RENEW_MS: '200',
    });
    const runId = Number(await holder.line('RUNNING'));
    const store = openHere(dataDir);
    expect(store.locks.tryAcquire(MARKER_GROUP, 'prices', 60_000).acquired).toBe(false);

    holder.process.kill('SIGKILL');
    expect((await holder.exited).signal).toBe('SIGKILL');
    expect(store.locks.holder(MARKER_GROUP)?.hostname).toBe('shop-back-office');
    // A live process on this host would not fail it; one on another PC without a lease would.
    const runner = markerRunner(store, [markerJob({ name: 'prices', markers, workMs: 20 })], {
      waitMs: LIMIT_MS,
      pollMs: 50,
    });
    const summary = await runner.run('prices', { trigger: 'manual', mode: 'incremental' });

    expect(summary.status).toBe('succeeded');
    expect(store.runs.get(runId)?.status).toBe('failed');
    expect(store.runs.get(runId)?.error).toMatch(/stopped before it finished/);
    expect(store.locks.holder(MARKER_GROUP)).toBeNull();
  });

  it('takes over a local killed holder at once', async () => {
    const dataDir = tempDir();
    const markers = join(dataDir, 'markers.txt');
    writeFileSync(markers, '');
    const holder = startChild({
      UDS_DATA_DIR: dataDir,
      UDS_MARKERS: markers,
      UDS_HOLD_FILE: join(dataDir, 'never'),
      UDS_LEASE_MS: '600000',
    });
    await holder.line('RUNNING');
    holder.process.kill('SIGKILL');
    await holder.exited;

    const store = openHere(dataDir);
    // The lease has ten minutes left; the dead pid alone frees the lock.
    expect(store.locks.tryAcquire(MARKER_GROUP, 'prices', 60_000).acquired).toBe(true);
  });

  it('fails a run at start only once its process is gone', async () => {
    const dataDir = tempDir();
    const markers = join(dataDir, 'markers.txt');
    writeFileSync(markers, '');
    const holder = startChild({
      UDS_DATA_DIR: dataDir,
      UDS_MARKERS: markers,
      UDS_HOLD_FILE: join(dataDir, 'never'),
    });
    const runId = Number(await holder.line('RUNNING'));

    const store = openHere(dataDir);
    expect(store.runs.failAbandoned('The agent stopped during this run')).toBe(0);
    expect(store.runs.get(runId)?.status).toBe('running');

    holder.process.kill('SIGKILL');
    await holder.exited;
    expect(store.runs.failAbandoned('The agent stopped during this run')).toBe(1);
    expect(store.runs.get(runId)).toMatchObject({
      status: 'failed',
      error: 'The agent stopped during this run',
    });
  });
});

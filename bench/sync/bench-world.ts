import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { RunSummary } from '../../shared/sync.js';
import { createEngine, type Engine } from '../../main/engine.js';
import { configureLogging } from '../../main/log/logger.js';
import { ordersJob } from '../../main/orders/orders-job.js';
import { shipmentsJob } from '../../main/orders/shipments.js';
import { SettingsStore } from '../../main/settings/index.js';
import { SAMPLE_ACCOUNT_ID, SAMPLE_APPLICATION_KEY } from '../../main/simulators/dear/server.js';
import { defaultToken } from '../../main/simulators/upstock/server.js';
import { EnvCredentialSource } from '../../main/vault/index.js';
import { control, startChildSimulator, type ChildSimulator } from './child-simulator.js';

/** Sizes and the time-scaled rate limit of one benchmark run. */
export interface BenchOptions {
  products: number;
  customers: number;
  /** Cin7 Core allows 60 calls per window; the real window is 60,000 ms. */
  rateWindowMs: number;
}

/** Calls per window the Cin7 Core simulator allows (the real service's 60 a minute). */
export const SERVICE_CALLS_PER_WINDOW = 60;
/** Calls per window the agent allows itself (the default setting keeps 5 calls of headroom). */
export const AGENT_CALLS_PER_WINDOW = 55;

/** Both simulators in child processes and an engine in this process. */
export interface BenchWorld {
  options: BenchOptions;
  dear: ChildSimulator;
  upstock: ChildSimulator;
  engine: Engine;
  dataDir: string;
  /** Calls the Cin7 Core simulator received so far (its own count, throttled calls included). */
  dearServerCalls(): Promise<number>;
  /** Cin7 Core simulator calls since the start, by `METHOD endpoint`. */
  dearCallsByEndpoint(): Promise<Record<string, number>>;
  /** Upstock simulator calls since the start, by `METHOD /path` with IDs folded. */
  upstockCallsByRoute(): Promise<Record<string, number>>;
  /** Runs the import jobs, then orders and shipments, like `agent sync --once`. */
  cycle(mode: 'incremental' | 'full'): Promise<RunSummary[]>;
  close(): Promise<void>;
}

/**
 * Starts the Cin7 Core simulator (`large:PxC` seed, rate limit enforced) and the Upstock
 * simulator as children, and an engine with in-memory credentials in a temp data folder.
 */
export async function startBenchWorld(options: BenchOptions): Promise<BenchWorld> {
  const dataDir = mkdtempSync(join(tmpdir(), 'uds-bench-'));
  configureLogging({ logDir: join(dataDir, 'logs'), consoleLevel: false, fileLevel: 'warn' });
  const [dear, upstock] = await Promise.all([
    startChildSimulator([
      'dear',
      '--seed',
      `large:${options.products}x${options.customers}`,
      '--rate-calls',
      String(SERVICE_CALLS_PER_WINDOW),
      '--rate-window-ms',
      String(options.rateWindowMs),
    ]),
    startChildSimulator(['upstock']),
  ]);

  const settings = new SettingsStore({ cwd: dataDir, configName: 'settings' });
  settings.update({
    dear: {
      baseUrl: dear.url,
      callsPerWindow: AGENT_CALLS_PER_WINDOW,
      rateWindowMs: options.rateWindowMs,
    },
    upstock: { baseUrl: upstock.url },
  });
  const engine = createEngine({
    dataDir,
    settingsStore: settings,
    envCredentials: new EnvCredentialSource({
      DEAR_ACCOUNT_ID: SAMPLE_ACCOUNT_ID,
      DEAR_APPLICATION_KEY: SAMPLE_APPLICATION_KEY,
      UPSTOCK_API_TOKEN: defaultToken,
    }),
  });
  engine.registerJob(ordersJob);
  engine.registerJob(shipmentsJob);

  return {
    options,
    dear,
    upstock,
    engine,
    dataDir,
    dearServerCalls: async () =>
      (await control<{ callCount: number }>(dear.controlUrl, 'GET', 'state')).callCount,
    dearCallsByEndpoint: async () => {
      const calls = await control<{ method: string; path: string }[]>(
        dear.controlUrl,
        'GET',
        'calls',
      );
      const endpoints: Record<string, number> = {};
      for (const call of calls)
        endpoints[`${call.method} ${call.path}`] =
          (endpoints[`${call.method} ${call.path}`] ?? 0) + 1;
      return endpoints;
    },
    upstockCallsByRoute: async () => {
      const { calls } = await control<{ calls: { method: string; path: string }[] }>(
        upstock.controlUrl,
        'GET',
        'calls',
      );
      const routes: Record<string, number> = {};
      for (const call of calls) {
        const route = `${call.method} ${call.path.replace(/\/[0-9a-f-]{20,}|\/ord_[^/]+|\/pl_[^/]+/gi, '/:id')}`;
        routes[route] = (routes[route] ?? 0) + 1;
      }
      return routes;
    },
    cycle: async (mode) => {
      const runs = await engine.syncNow({ trigger: 'manual', mode });
      for (const job of ['orders', 'shipments'] as const)
        runs.push(...(await engine.syncNow({ job, trigger: 'manual', mode })));
      return runs;
    },
    close: async () => {
      await engine.stop();
      await Promise.all([dear.stop(), upstock.stop()]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Sums the API calls of runs, per service, as the agent's clients counted them. */
export function callsOf(runs: RunSummary[]): { dear: number; upstock: number } {
  return runs.reduce(
    (total, run) => ({
      dear: total.dear + run.apiCalls.dear,
      upstock: total.upstock + run.apiCalls.upstock,
    }),
    { dear: 0, upstock: 0 },
  );
}

/** Returns `job status` for every run that did not succeed, to show next to the numbers. */
export function unsuccessfulRuns(runs: RunSummary[]): string[] {
  return runs
    .filter((run) => run.status !== 'succeeded')
    .map(
      (run) =>
        `${run.job} ${run.status}${run.error ? `: ${run.error}` : ''} (${run.failures.length} failures)`,
    );
}

/** Sums each job's wall time over runs, in ms, from the runs' start and finish stamps. */
export function wallMsByJob(runs: RunSummary[]): Record<string, number> {
  const byJob: Record<string, number> = {};
  for (const run of runs) {
    if (!run.finishedAt) continue;
    const ms = Date.parse(run.finishedAt) - Date.parse(run.startedAt);
    byJob[run.job] = (byJob[run.job] ?? 0) + ms;
  }
  return byJob;
}

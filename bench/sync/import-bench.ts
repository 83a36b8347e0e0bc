import type { RunSummary } from '../../shared/sync.js';
import { SAMPLE_ACCOUNT_ID, SAMPLE_APPLICATION_KEY } from '../../main/simulators/dear/server.js';
import { defaultToken } from '../../main/simulators/upstock/server.js';
import {
  AGENT_CALLS_PER_WINDOW,
  callsOf,
  SERVICE_CALLS_PER_WINDOW,
  unsuccessfulRuns,
  wallMsByJob,
  type BenchWorld,
} from './bench-world.js';

/**
 * Reference calls of a first sync: me, price tiers, tax rules, locations, discount rules,
 * carriers, company contacts and deals.
 */
const REFERENCE_CALLS = 8;
/** Cin7 Core's largest list page, which the client uses for products and customers. */
const PAGE_SIZE = 1000;

/** The numbers of benchmark (a): a first import of the whole merchant. */
export interface ImportResult {
  products: number;
  customers: number;
  selectedProducts: number;
  rateWindowMs: number;
  dearCalls: {
    /** Counted by the agent's client over connect, catalog read and first sync. */
    agent: number;
    /** Counted by the simulator, throttled answers included. */
    server: number;
    /** ceil(products/1000) + ceil(customers/1000) + the reference calls. */
    pagingMinimum: number;
    /** Calls the simulator logged, by endpoint. */
    byEndpoint: Record<string, number>;
    connect: number;
    throttledAnswers: number;
  };
  upstockCalls: number;
  upstockCallsByRoute: Record<string, number>;
  engineCpuMs: { user: number; system: number; total: number };
  peakRssMb: number;
  wallMs: number;
  /** Wall time of each job's runs, in ms. */
  wallMsByJob: Record<string, number>;
  /** Agent calls ÷ the agent's allowed rate (55 per window), and at the service's 60 per window. */
  rateFloorMs: { agentRate: number; serviceRate: number };
  /** The same floors with the real 60-second window. */
  rateFloorRealTimeS: { agentRate: number; serviceRate: number };
  counts: Record<
    string,
    { created: number; updated: number; unchanged: number; skipped: number; failed: number }
  >;
  problems: string[];
}

function sumCounts(runs: RunSummary[]): ImportResult['counts'] {
  const counts: ImportResult['counts'] = {};
  for (const run of runs) {
    for (const [entity, value] of Object.entries(run.counts)) {
      const total = (counts[entity] ??= {
        created: 0,
        updated: 0,
        unchanged: 0,
        skipped: 0,
        failed: 0,
      });
      total.created += value.created;
      total.updated += value.updated;
      total.unchanged += value.unchanged;
      total.skipped += value.skipped;
      total.failed += value.failed;
    }
  }
  return counts;
}

/** Returns the IDs of every cached product that is not a service, read straight from the cache. */
function stockProductIds(world: BenchWorld): string[] {
  const ids: string[] = [];
  for (const raw of world.engine.store.catalog.allProducts()) {
    const record = raw as { ID?: unknown; Type?: unknown };
    if (typeof record.ID === 'string' && record.Type !== 'Service') ids.push(record.ID);
  }
  return ids;
}

/**
 * Benchmark (a): connects, reads the catalog (reference and products jobs with nothing
 * selected, as the Products screen does), selects every stock product and runs the first sync
 * cycle. Measures this process's CPU time and peak RSS, the wall time and the API calls.
 */
export async function runImportBench(world: BenchWorld): Promise<ImportResult> {
  const { engine, options } = world;
  const serverBefore = await world.dearServerCalls();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();

  await engine.connectDear({
    accountId: SAMPLE_ACCOUNT_ID,
    applicationKey: SAMPLE_APPLICATION_KEY,
  });
  await engine.connectUpstock(defaultToken);
  const connectCalls = engine.clients()?.dear.stats.calls ?? 0;

  const runs: RunSummary[] = [];
  for (const job of ['reference', 'products'] as const)
    runs.push(...(await engine.syncNow({ job })));
  const selected = stockProductIds(world);
  engine.selectProducts(selected);
  runs.push(...(await world.cycle('incremental')));

  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const stats = engine.clients()?.dear.stats;
  const calls = callsOf(runs);
  const agentCalls = calls.dear + connectCalls;
  const floor = (perWindow: number, windowMs: number) =>
    Math.round((agentCalls / perWindow) * windowMs);

  return {
    products: options.products,
    customers: options.customers,
    selectedProducts: selected.length,
    rateWindowMs: options.rateWindowMs,
    dearCalls: {
      agent: agentCalls,
      server: (await world.dearServerCalls()) - serverBefore,
      pagingMinimum:
        Math.ceil(options.products / PAGE_SIZE) +
        Math.ceil(options.customers / PAGE_SIZE) +
        REFERENCE_CALLS,
      byEndpoint: await world.dearCallsByEndpoint(),
      connect: connectCalls,
      throttledAnswers: stats?.throttled ?? 0,
    },
    upstockCalls: calls.upstock,
    upstockCallsByRoute: await world.upstockCallsByRoute(),
    engineCpuMs: {
      user: Math.round(cpu.user / 1000),
      system: Math.round(cpu.system / 1000),
      total: Math.round((cpu.user + cpu.system) / 1000),
    },
    peakRssMb: Math.round(peakRssMb),
    wallMs: Math.round(wallMs),
    wallMsByJob: wallMsByJob(runs),
    rateFloorMs: {
      agentRate: floor(AGENT_CALLS_PER_WINDOW, options.rateWindowMs),
      serviceRate: floor(SERVICE_CALLS_PER_WINDOW, options.rateWindowMs),
    },
    rateFloorRealTimeS: {
      agentRate: Math.round(floor(AGENT_CALLS_PER_WINDOW, 60_000) / 1000),
      serviceRate: Math.round(floor(SERVICE_CALLS_PER_WINDOW, 60_000) / 1000),
    },
    counts: sumCounts(runs),
    problems: unsuccessfulRuns(runs),
  };
}

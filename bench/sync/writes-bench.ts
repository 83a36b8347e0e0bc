import { callsOf, unsuccessfulRuns, wallMsByJob, type BenchWorld } from './bench-world.js';
import { control } from './child-simulator.js';

/** Share of products whose price changes in benchmark (c). */
const CHANGED_SHARE = 0.01;

/** The numbers of benchmark (c): Upstock writes after 1% of the prices changed. */
export interface WritesResult {
  changedProducts: number;
  upstockCalls: number;
  upstockCallsByRoute: Record<string, number>;
  dearCalls: number;
  counts: Record<
    string,
    { created: number; updated: number; unchanged: number; skipped: number; failed: number }
  >;
  wallMs: number;
  /** Wall time of each job's run, in ms. */
  wallMsByJob: Record<string, number>;
  engineCpuMs: number;
  problems: string[];
}

function subtract(
  after: Record<string, number>,
  before: Record<string, number>,
): Record<string, number> {
  const delta: Record<string, number> = {};
  for (const [route, count] of Object.entries(after)) {
    const added = count - (before[route] ?? 0);
    if (added > 0) delta[route] = added;
  }
  return delta;
}

/**
 * Benchmark (c): raises the first price tier of every 100th selected product by 1.00 in the
 * Cin7 Core simulator, then runs one incremental cycle and counts the Upstock calls.
 */
export async function runWritesBench(world: BenchWorld): Promise<WritesResult> {
  const selected = world.engine.store.selection.listSelected().sort();
  const step = Math.round(1 / CHANGED_SHARE);
  const changed = selected.filter((_id, index) => index % step === 0);
  for (const id of changed) {
    const product = await control<{ PriceTier1?: number }>(
      world.dear.controlUrl,
      'GET',
      `products/${id}`,
    );
    const price = Number(product.PriceTier1 ?? 0);
    await control(world.dear.controlUrl, 'PATCH', `products/${id}`, {
      PriceTier1: Math.round((price + 1) * 100) / 100,
    });
  }

  const routesBefore = await world.upstockCallsByRoute();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const runs = await world.cycle('incremental');
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const calls = callsOf(runs);

  const counts: WritesResult['counts'] = {};
  for (const run of runs)
    for (const [entity, value] of Object.entries(run.counts)) counts[entity] = value;
  return {
    changedProducts: changed.length,
    upstockCalls: calls.upstock,
    upstockCallsByRoute: subtract(await world.upstockCallsByRoute(), routesBefore),
    dearCalls: calls.dear,
    counts,
    wallMs: Math.round(wallMs),
    wallMsByJob: wallMsByJob(runs),
    engineCpuMs: Math.round((cpu.user + cpu.system) / 1000),
    problems: unsuccessfulRuns(runs),
  };
}

import { callsOf, unsuccessfulRuns, wallMsByJob, type BenchWorld } from './bench-world.js';

/** Most Cin7 Core calls an incremental cycle with no changes should make. */
export const INCREMENTAL_TARGET = 3;

/** The numbers of benchmark (b): an incremental cycle when nothing changed. */
export interface IncrementalResult {
  dearCalls: number;
  target: number;
  withinTarget: boolean;
  upstockCalls: number;
  dearCallsByJob: Record<string, number>;
  wallMs: number;
  /** Wall time of each job's run, in ms. */
  wallMsByJob: Record<string, number>;
  engineCpuMs: number;
  problems: string[];
}

/** Benchmark (b): runs one incremental cycle after the import, with nothing changed in Cin7 Core. */
export async function runIncrementalBench(world: BenchWorld): Promise<IncrementalResult> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const runs = await world.cycle('incremental');
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const calls = callsOf(runs);
  return {
    dearCalls: calls.dear,
    target: INCREMENTAL_TARGET,
    withinTarget: calls.dear <= INCREMENTAL_TARGET,
    upstockCalls: calls.upstock,
    dearCallsByJob: Object.fromEntries(runs.map((run) => [run.job, run.apiCalls.dear])),
    wallMs: Math.round(wallMs),
    wallMsByJob: wallMsByJob(runs),
    engineCpuMs: Math.round((cpu.user + cpu.system) / 1000),
    problems: unsuccessfulRuns(runs),
  };
}

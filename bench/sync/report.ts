import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, type as osType, release } from 'node:os';

import type { ImportResult } from './import-bench.js';
import type { IncrementalResult } from './incremental-bench.js';
import type { WritesResult } from './writes-bench.js';

/** The machine a benchmark ran on. */
export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
}

/** Describes this machine: CPU model, logical cores, memory, OS and Node version. */
export function machineInfo(): MachineInfo {
  const processors = cpus();
  return {
    cpu: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${osType()} ${release()}`,
    node: process.version,
  };
}

/** Everything one `npm run bench` run measured. */
export interface BenchReport {
  benchmark: string;
  date: string;
  machine: MachineInfo;
  command: string;
  import?: ImportResult;
  incremental?: IncrementalResult;
  writes?: WritesResult;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function byJob(wallMs: Record<string, number>): string {
  return Object.entries(wallMs)
    .map(([job, ms]) => `${job} ${seconds(ms)}`)
    .join(', ');
}

function importSection(result: ImportResult): string[] {
  return [
    `Import of ${result.products.toLocaleString('en')} products (${result.selectedProducts.toLocaleString('en')} stock products selected) and ${result.customers.toLocaleString('en')} customers, 10% with customer-specific prices.`,
    `The Cin7 Core simulator runs in a child process and allows 60 calls per ${result.rateWindowMs} ms window (the real window is 60,000 ms). The agent allows itself 55 calls per window.`,
    '',
    '| Measure | Value |',
    '| --- | --- |',
    `| Cin7 Core calls (agent count, incl. ${result.dearCalls.connect} on connect) | ${result.dearCalls.agent} |`,
    `| Cin7 Core calls received by the simulator | ${result.dearCalls.server} |`,
    `| Paging minimum (ceil(N/1000) per list + 8 reference calls) | ${result.dearCalls.pagingMinimum} |`,
    `| Throttled answers (429) | ${result.dearCalls.throttledAnswers} |`,
    `| Upstock calls | ${result.upstockCalls} |`,
    `| Engine CPU time (user + system) | ${seconds(result.engineCpuMs.total)} (${seconds(result.engineCpuMs.user)} + ${seconds(result.engineCpuMs.system)}) |`,
    `| Peak RSS of the engine process | ${result.peakRssMb} MB |`,
    `| Wall time | ${seconds(result.wallMs)} |`,
    `| Wall time by job | ${byJob(result.wallMsByJob)} |`,
    `| Rate floor (calls ÷ 55 per window) | ${seconds(result.rateFloorMs.agentRate)} |`,
    `| Rate floor at real time (60 s window, 55 / 60 calls) | ${result.rateFloorRealTimeS.agentRate} s / ${result.rateFloorRealTimeS.serviceRate} s |`,
    '',
    `Cin7 Core calls by endpoint: ${Object.entries(result.dearCalls.byEndpoint)
      .map(([endpoint, calls]) => `${endpoint} ×${calls}`)
      .join(', ')}.`,
    '',
    `Records: ${Object.entries(result.counts)
      .map(
        ([entity, counts]) =>
          `${entity} ${counts.created} created, ${counts.updated} updated, ${counts.skipped} skipped, ${counts.failed} failed`,
      )
      .join('; ')}.`,
    ...(result.problems.length
      ? ['', `Runs that did not succeed: ${result.problems.join('; ')}.`]
      : []),
  ];
}

function incrementalSection(result: IncrementalResult): string[] {
  return [
    `Incremental cycle with nothing changed: ${result.dearCalls} Cin7 Core calls (target at most ${result.target}: ${result.withinTarget ? 'met' : 'missed'}; per job ${Object.entries(
      result.dearCallsByJob,
    )
      .map(([job, calls]) => `${job} ${calls}`)
      .join(
        ', ',
      )}), ${result.upstockCalls} Upstock calls, ${seconds(result.wallMs)} wall (${byJob(result.wallMsByJob)}), ${seconds(result.engineCpuMs)} engine CPU.`,
    ...(result.problems.length
      ? [`Runs that did not succeed: ${result.problems.join('; ')}.`]
      : []),
  ];
}

function writesSection(result: WritesResult): string[] {
  return [
    `Upstock writes after changing the first price tier of ${result.changedProducts} products (1%): ${result.upstockCalls} Upstock calls (${Object.entries(
      result.upstockCallsByRoute,
    )
      .map(([route, calls]) => `${route} ×${calls}`)
      .join(
        ', ',
      )}), ${result.dearCalls} Cin7 Core calls, ${seconds(result.wallMs)} wall (${byJob(result.wallMsByJob)}), ${seconds(result.engineCpuMs)} engine CPU.`,
    `Records: ${Object.entries(result.counts)
      .map(
        ([entity, counts]) =>
          `${entity} ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged`,
      )
      .join('; ')}.`,
    ...(result.problems.length
      ? [`Runs that did not succeed: ${result.problems.join('; ')}.`]
      : []),
  ];
}

/** Appends the report as a section to `file`, creating the page with a short intro if needed. */
export function appendToDocs(file: string, report: BenchReport): void {
  if (!existsSync(file)) {
    writeFileSync(
      file,
      '# Benchmarks\n\nMeasured with `npm run bench -- <name>` (bench/run.ts). Each run appends a section; ' +
        'the Cin7 Core and Upstock simulators run in child processes, so the CPU time and memory ' +
        'below are the engine’s alone.\n',
    );
  }
  const { machine } = report;
  const lines = [
    '',
    `## ${report.benchmark}, ${report.date}`,
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, ${machine.os}, Node ${machine.node}. Command: \`${report.command}\`.`,
    '',
  ];
  if (report.import) lines.push('### Import', '', ...importSection(report.import), '');
  if (report.incremental)
    lines.push(
      '### Incremental cycle, nothing changed',
      '',
      ...incrementalSection(report.incremental),
      '',
    );
  if (report.writes)
    lines.push(
      '### Upstock writes after 1% of prices changed',
      '',
      ...writesSection(report.writes),
      '',
    );
  appendFileSync(file, `${lines.join('\n')}`);
}

/**
 * `npm run bench -- <import|incremental|writes|sync> [--products N] [--customers N]
 * [--rate-window-ms MS] [--no-docs]`: runs the sync benchmarks, prints one JSON report and
 * appends a section to docs/benchmarks.md. `incremental` and `writes` run the import first as
 * their setup; `sync` runs all three on the same data.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { resolve } from 'node:path';

import { startBenchWorld, type BenchOptions } from './sync/bench-world.js';
import { runImportBench } from './sync/import-bench.js';
import { runIncrementalBench } from './sync/incremental-bench.js';
import { appendToDocs, machineInfo, type BenchReport } from './sync/report.js';
import { runWritesBench } from './sync/writes-bench.js';

const DOCS_FILE = resolve(import.meta.dirname, '../docs/benchmarks.md');

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new InvalidArgumentError(`"${value}" must be a whole number of at least 1.`);
  return number;
}

interface RunOptions extends BenchOptions {
  docs: boolean;
}

async function run(benchmark: string, options: RunOptions): Promise<void> {
  const world = await startBenchWorld(options);
  const report: BenchReport = {
    benchmark,
    date: new Date().toISOString().slice(0, 10),
    machine: machineInfo(),
    command: `npm run bench -- ${benchmark} --products ${options.products} --customers ${options.customers} --rate-window-ms ${options.rateWindowMs}`,
  };
  try {
    const imported = await runImportBench(world);
    if (benchmark === 'import' || benchmark === 'sync') report.import = imported;
    if (benchmark === 'incremental' || benchmark === 'sync')
      report.incremental = await runIncrementalBench(world);
    if (benchmark === 'writes' || benchmark === 'sync') report.writes = await runWritesBench(world);
  } finally {
    await world.close();
  }
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  if (options.docs) appendToDocs(DOCS_FILE, report);
}

const program = new Command('bench')
  .description('Sync benchmarks against the simulators in child processes')
  .showHelpAfterError();

program
  .argument('<benchmark>', 'import | incremental | writes | sync (all three)')
  .addOption(
    new Option('--products <n>', 'products in the Cin7 Core seed')
      .default(20_000)
      .argParser(positiveInteger),
  )
  .addOption(
    new Option('--customers <n>', 'customers in the Cin7 Core seed')
      .default(5_000)
      .argParser(positiveInteger),
  )
  .addOption(
    new Option(
      '--rate-window-ms <ms>',
      'Cin7 Core rate window: 60 calls per window (60000 is real time)',
    )
      .default(6_000)
      .argParser(positiveInteger),
  )
  .option('--no-docs', 'do not append the results to docs/benchmarks.md')
  .action(async (benchmark: string, options: RunOptions) => {
    if (!['import', 'incremental', 'writes', 'sync'].includes(benchmark)) {
      program.error(`Unknown benchmark "${benchmark}": use import, incremental, writes or sync.`);
    }
    await run(benchmark, options);
  });

await program.parseAsync(process.argv);

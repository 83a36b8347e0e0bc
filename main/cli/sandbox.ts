/**
 * `npm run sandbox [-- --once] [-- --json]`: the agent against both simulators with the
 * sample merchant, on 127.0.0.1, with a fresh data folder and no keychain. Runs a full import
 * cycle and an order scenario, prints a summary, then keeps syncing on schedule unless --once.
 * A data folder the sandbox created in the OS temp folder is deleted on exit unless --keep-data.
 */
import { rm } from 'node:fs/promises';

import { Command, CommanderError } from 'commander';

import { getLogger } from '../log/logger.js';
import { describeError, EXIT, EXIT_CODE_HELP } from './errors.js';
import { consoleOutput } from './output.js';
import { startSandbox, type Sandbox } from './sandbox/environment.js';
import { formatSandboxSummary, runSandboxOnce } from './sandbox/run-sandbox.js';

interface SandboxOptions {
  once?: boolean;
  json?: boolean;
  dataDir?: string;
  keepData?: boolean;
  verbose?: boolean;
}

function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

async function runSandbox(options: SandboxOptions): Promise<number> {
  const output = consoleOutput();
  const write = options.json ? output.note : output.line;
  let sandbox: Sandbox | null = null;
  try {
    sandbox = await startSandbox({
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.verbose ? { verbose: true } : {}),
    });
    const summary = await runSandboxOnce(sandbox, write);
    if (options.json) output.json(summary);
    else for (const line of formatSandboxSummary(summary)) output.line(line);
    if (options.once) return summary.exitCode;

    await sandbox.engine.start();
    sandbox.engine.runner.on('run-finished', (run) => {
      write(
        `${run.job} ${run.status}: Cin7 Core ${run.apiCalls.dear} calls, Upstock ${run.apiCalls.upstock} calls`,
      );
    });
    write('Syncing on schedule; press Ctrl+C to stop.');
    await untilInterrupted();
    getLogger('app').info('Sandbox stopping on a signal');
    return summary.exitCode;
  } catch (error) {
    const { message, exitCode } = describeError(error);
    output.note(`Error: ${message}`);
    if (options.verbose && error instanceof Error && error.stack) output.note(error.stack);
    getLogger('app').error(`Sandbox failed: ${message}`, error);
    return exitCode;
  } finally {
    if (sandbox) {
      await sandbox.close();
      write(await disposeDataDir(sandbox.dataDir, options));
    }
  }
}

/**
 * Deletes the sandbox's data folder when the sandbox created it under the OS temp folder and
 * `--keep-data` is not given; a folder named by `--data-dir` is always kept. Returns the line
 * saying which happened and where the folder is. A failed delete is reported, not thrown.
 */
async function disposeDataDir(dataDir: string, options: SandboxOptions): Promise<string> {
  if (options.dataDir) return `Data folder kept: ${dataDir}`;
  if (options.keepData)
    return `Data folder kept: ${dataDir} (under the OS temp folder; delete it when done)`;
  try {
    await rm(dataDir, { recursive: true, force: true });
    return `Deleted the sandbox data folder ${dataDir} (pass --keep-data to keep it).`;
  } catch (error) {
    getLogger('app').warn(`Could not delete the sandbox data folder ${dataDir}`, error);
    return `Could not delete the sandbox data folder ${dataDir}: ${describeError(error).message}. Delete it by hand.`;
  }
}

const program = new Command('sandbox')
  .description('Run the agent against the Cin7 Core and Upstock simulators with a sample merchant')
  .option('--once', 'run one cycle and the order scenario, then exit')
  .option('--json', 'print one JSON summary (progress goes to standard error)')
  .option(
    '--data-dir <path>',
    'data folder to use and keep (default: a new folder under the OS temp folder, deleted on exit)',
  )
  .option('--keep-data', 'keep the new temp data folder on exit and print where it is')
  .option('--verbose', 'log to the console and print stack traces')
  .addHelpText('after', EXIT_CODE_HELP)
  .exitOverride()
  .action(async (options: SandboxOptions) => {
    process.exitCode = await runSandbox(options);
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (!(error instanceof CommanderError)) throw error;
  process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
}

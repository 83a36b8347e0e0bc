import { Option, type Command } from 'commander';

import { JOB_NAMES, type JobName, type RunMode, type RunSummary } from '../../../shared/sync.js';
import { getLogger } from '../../log/logger.js';
import { IMPORT_SEQUENCE } from '../../sync/scheduler.js';
import { withSession } from '../command-runner.js';
import { EXIT } from '../errors.js';
import { printProgress } from '../progress.js';
import { buildSyncReport, exitCodeFor, formatSyncReport } from '../run-report.js';
import { requireWorkingCredentials } from '../connection-check.js';
import { startConnected, type AgentSession } from '../session.js';

interface SyncOptions {
  once?: boolean;
  job?: JobName;
  full?: boolean;
}

/** The jobs one cycle runs: the imports in order, then order push and shipment polling. */
export const CYCLE_JOBS: readonly JobName[] = [...IMPORT_SEQUENCE, 'orders', 'shipments'];

/**
 * Runs one cycle: `job` alone, or the import jobs in order (stopping after one that failed)
 * followed by the orders and shipments jobs. Returns every run's summary.
 */
export async function runCycle(
  session: AgentSession,
  options: { job?: JobName; mode: RunMode },
): Promise<RunSummary[]> {
  const { engine } = session;
  if (options.job)
    return engine.syncNow({ job: options.job, trigger: 'manual', mode: options.mode });
  const runs = await engine.syncNow({ trigger: 'manual', mode: options.mode });
  for (const job of ['orders', 'shipments'] as const) {
    runs.push(...(await engine.syncNow({ job, trigger: 'manual', mode: options.mode })));
  }
  return runs;
}

function printReport(session: AgentSession, runs: RunSummary[]): number {
  const report = buildSyncReport(runs);
  const exitCode = exitCodeFor(report, session.engine.status());
  if (session.json) session.output.json({ ...report, exitCode });
  else for (const line of formatSyncReport(report)) session.output.line(line);
  return exitCode;
}

/** Resolves on the first SIGINT or SIGTERM. */
function untilInterrupted(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(signal);
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
  });
}

async function sync(session: AgentSession, options: SyncOptions): Promise<number> {
  // `sync --once` runs one cycle; without it the scheduler keeps syncing until Ctrl+C.
  await startConnected(session, { schedule: !options.once });
  await requireWorkingCredentials(session, { failWhenUnreachable: Boolean(options.once) });
  const mode: RunMode = options.full ? 'full' : 'incremental';
  const write = session.json ? session.output.note : session.output.line;
  const stopProgress = printProgress(session.engine, write);

  const runs = await runCycle(session, { mode, ...(options.job ? { job: options.job } : {}) });
  const exitCode = printReport(session, runs);
  if (options.once) {
    stopProgress();
    return exitCode;
  }

  write('Syncing on schedule; press Ctrl+C to stop.');
  const onFinished = (run: RunSummary) => {
    if (session.json) {
      session.output.line(JSON.stringify(run));
      return;
    }
    const calls = `Cin7 Core ${run.apiCalls.dear} calls, Upstock ${run.apiCalls.upstock} calls`;
    const error = run.error ? `: ${run.error}` : '';
    write(`${run.job} ${run.status} (${run.failures.length} failures; ${calls})${error}`);
  };
  session.engine.runner.on('run-finished', onFinished);
  const signal = await untilInterrupted();
  session.engine.runner.off('run-finished', onFinished);
  stopProgress();
  getLogger('app').info(`Stopping the scheduled sync on ${signal}`);
  write('Stopping: waiting for running jobs to finish their current step.');
  return EXIT.ok;
}

/** Adds `sync` to the program. */
export function registerSyncCommand(program: Command): void {
  program
    .command('sync')
    .description(
      'Sync now, then keep syncing on the schedule in the settings until Ctrl+C. Without --job a ' +
        'cycle runs the import jobs (reference, products, customers, prices), then orders and shipments.',
    )
    .option(
      '--once',
      'run one cycle and exit (0 only when every record synced or was deliberately skipped)',
    )
    .addOption(new Option('--job <name>', 'run only this job').choices([...JOB_NAMES]))
    .option('--full', 'read everything from Cin7 Core instead of the changes since the last run')
    .option(
      '--json',
      'print the cycle report as JSON, then one JSON line per scheduled run (progress goes to standard error)',
    )
    .action(withSession<SyncOptions>((session, options) => sync(session, options)));
}

import type { Command } from 'commander';

import type { AgentStatus, ConnectionStatus } from '../../../shared/sync.js';
import type { ConnectionChecks } from '../../engine/connection-check.js';
import type { Store } from '../../store/types.js';
import { KeychainUnavailableError } from '../../vault/index.js';
import { withSession } from '../command-runner.js';
import { describeCheck, exitCodeForChecks } from '../connection-check.js';
import { EXIT } from '../errors.js';
import { formatTable, formatTime } from '../output.js';
import type { AgentSession } from '../session.js';

interface StatusOptions {
  check?: boolean;
}

/** Runs read when looking for the last call each service answered. */
const RECENT_RUNS = 200;

/** When each service last answered the stored credentials, as far as the data folder shows. */
export interface LastChecked {
  dear: string | null;
  upstock: string | null;
}

/**
 * Returns when each service last accepted the stored credentials: the newest succeeded or
 * partial run among the last RECENT_RUNS that called it, or for Cin7 Core the cached `me`
 * record when that is newer. Null when neither shows a call.
 */
export function lastCheckedTimes(store: Store): LastChecked {
  const runs = store.runs
    .list({ limit: RECENT_RUNS })
    .filter((run) => run.status === 'succeeded' || run.status === 'partial');
  const newest = (calls: (run: (typeof runs)[number]) => number) =>
    runs.find((run) => calls(run) > 0)?.finishedAt ?? null;
  const dearRun = newest((run) => run.apiCalls.dear);
  const me = store.catalog.getReference('me')?.fetchedAt ?? null;
  const dear = [dearRun, me]
    .filter((time): time is string => time !== null)
    .sort()
    .at(-1);
  return { dear: dear ?? null, upstock: newest((run) => run.apiCalls.upstock) };
}

function describeConnection(
  name: string,
  connection: ConnectionStatus,
  lastChecked: string | null,
): string {
  if (!connection.connected) return `${name}: not connected (run \`agent connect\`)`;
  const account = connection.accountName ? ` for ${connection.accountName}` : '';
  const problem = connection.problem ? `, last problem: ${connection.problem}` : '';
  return `${name}: stored credentials${account}, last checked ${formatTime(lastChecked)}${problem}`;
}

/**
 * Formats the status as the lines `agent status` prints. Connections show the stored
 * credentials and when a service last accepted them; `agent status --check` calls both.
 */
export function formatStatus(status: AgentStatus, lastChecked: LastChecked): string[] {
  const lines = [
    describeConnection('Cin7 Core', status.dear, lastChecked.dear),
    describeConnection('Upstock', status.upstock, lastChecked.upstock),
  ];
  if (status.paused) {
    lines.push(
      status.paused.indefinitely
        ? 'Syncs: paused'
        : `Syncs: paused until ${formatTime(status.paused.until)}`,
    );
  }
  lines.push(`Last successful sync: ${formatTime(status.lastSuccessfulSyncAt)}`);
  lines.push(`Orders needing attention: ${status.ordersNeedingAttention}`, '');
  const rows = status.jobs.map((job) => [
    job.job,
    job.running ? 'running' : (job.lastRun?.status ?? 'never run'),
    formatTime(job.lastRun?.finishedAt ?? null),
    formatTime(job.lastSuccessAt),
    job.lastRun?.error ?? '',
  ]);
  lines.push(...formatTable(['job', 'last run', 'finished', 'last success', 'error'], rows));
  return lines;
}

/**
 * Prints the status. The engine starts without the scheduler. Without --check a side counts
 * as connected when its credentials are stored, and neither service is called. With --check
 * both are called, and the exit status is 3 for a side not connected or rejecting its
 * credentials, else 4 for a side that could not be reached.
 */
async function status(session: AgentSession, options: StatusOptions): Promise<number> {
  let keychainProblem: string | null = null;
  try {
    await session.engine.start({ schedule: false });
  } catch (error) {
    if (!(error instanceof KeychainUnavailableError)) throw error;
    keychainProblem = error.message;
  }
  const checks: ConnectionChecks | null = options.check
    ? await session.engine.checkConnections()
    : null;
  const current: AgentStatus = session.engine.status();
  const lastChecked = lastCheckedTimes(session.engine.store);
  const exitCode = checks ? exitCodeForChecks(checks) : EXIT.ok;

  if (session.json) {
    session.output.json({
      ...current,
      dataDir: session.config.dataDir,
      keychainProblem,
      lastChecked,
      ...(checks ? { checks } : {}),
    });
    return exitCode;
  }
  const lines = formatStatus(current, lastChecked);
  if (checks) {
    lines.splice(
      0,
      2,
      describeCheck(session, 'dear', checks.dear),
      describeCheck(session, 'upstock', checks.upstock),
    );
  }
  for (const line of lines) session.output.line(line);
  session.output.line();
  session.output.line(`Data folder: ${session.config.dataDir}`);
  if (!checks) session.output.line('Run `agent status --check` to call Cin7 Core and Upstock now.');
  if (keychainProblem) session.output.note(`Warning: ${keychainProblem}`);
  return exitCode;
}

/** Adds `status` to the program. */
export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description(
      "Show the connections, each job's last run and the orders needing attention. Without " +
        '--check, connections show the stored credentials and when a service last accepted them.',
    )
    .option(
      '--check',
      'call Cin7 Core and Upstock now; exits 3 when credentials are missing or rejected, 4 when a service cannot be reached',
    )
    .option('--json', 'print the status as JSON')
    .action(withSession<StatusOptions>((session, options) => status(session, options)));
}

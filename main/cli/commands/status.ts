import type { Command } from 'commander';

import type { AgentStatus, ConnectionStatus } from '../../../shared/sync.js';
import { KeychainUnavailableError } from '../../vault/index.js';
import { withSession } from '../command-runner.js';
import { EXIT } from '../errors.js';
import { formatTable, formatTime } from '../output.js';
import type { AgentSession } from '../session.js';

function describeConnection(name: string, connection: ConnectionStatus): string {
  if (!connection.connected) return `${name}: not connected (run \`agent connect\`)`;
  const account = connection.accountName ? ` to ${connection.accountName}` : '';
  const problem = connection.problem ? `, last problem: ${connection.problem}` : '';
  return `${name}: connected${account}${problem}`;
}

/** Formats the status as the lines `agent status` prints. */
export function formatStatus(status: AgentStatus): string[] {
  const lines = [
    describeConnection('Cin7 Core', status.dear),
    describeConnection('Upstock', status.upstock),
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
 * Prints the status. The engine starts without the scheduler: a side counts as connected when
 * its credentials are stored, and neither service is called.
 */
async function status(session: AgentSession): Promise<number> {
  let keychainProblem: string | null = null;
  try {
    await session.engine.start({ schedule: false });
  } catch (error) {
    if (!(error instanceof KeychainUnavailableError)) throw error;
    keychainProblem = error.message;
  }
  const current: AgentStatus = session.engine.status();

  if (session.json) {
    session.output.json({ ...current, dataDir: session.config.dataDir, keychainProblem });
    return EXIT.ok;
  }
  for (const line of formatStatus(current)) session.output.line(line);
  session.output.line();
  session.output.line(`Data folder: ${session.config.dataDir}`);
  if (keychainProblem) session.output.note(`Warning: ${keychainProblem}`);
  return EXIT.ok;
}

/** Adds `status` to the program. */
export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description("Show the connections, each job's last run and the orders needing attention")
    .option('--json', 'print the status as JSON')
    .action(withSession(status));
}

/**
 * `npm run agent -- <command>`: the agent on the command line, for headless use and scripts.
 * Every command works on one data folder (settings, SQLite store, logs) and exits with the
 * statuses listed under "Exit status" in `--help`.
 */
import { Command, CommanderError } from 'commander';

import { ENV_VARS } from './config.js';
import { registerConnectionCommands } from './commands/connection.js';
import { registerOrderCommands } from './commands/orders.js';
import { registerProductCommands } from './commands/products.js';
import { registerStatusCommand } from './commands/status.js';
import { registerSyncCommand } from './commands/sync.js';
import { EXIT, EXIT_CODE_HELP } from './errors.js';

const ENVIRONMENT_HELP = `
Environment (flags win over these):
  ${ENV_VARS.dataDir}   data folder
  ${ENV_VARS.dearUrl}                 Cin7 Core API base URL
  ${ENV_VARS.upstockUrl}              Upstock agent API base URL
  ${ENV_VARS.dearAccountId}, ${ENV_VARS.dearApplicationKey}, ${ENV_VARS.upstockToken}
      credentials for headless use; when a secret is set here, the keychain is not used`;

/** Builds the `agent` program with every command group. */
export function buildAgentProgram(): Command {
  const program = new Command('agent')
    .description(
      'Upstock Dear Sync: sync Cin7 Core (DEAR) products, customers and prices to Upstock and push orders back',
    )
    .option(
      '--data-dir <path>',
      'data folder (default: the OS app data folder, ~/.config/upstock-dear-sync on Linux)',
    )
    .option('--dear-url <url>', 'Cin7 Core API base URL')
    .option('--upstock-url <url>', 'Upstock agent API base URL')
    .option('--verbose', 'log to the console and print stack traces')
    .addHelpText(
      'after',
      `${ENVIRONMENT_HELP}\n${EXIT_CODE_HELP}\n\nLogs: <data dir>/logs/agent.log`,
    )
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();

  registerConnectionCommands(program);
  registerStatusCommand(program);
  registerProductCommands(program);
  registerSyncCommand(program);
  registerOrderCommands(program);
  return program;
}

/** Parses `argv` and runs the command; sets `process.exitCode` (2 for an invalid command line). */
export async function runAgent(argv: string[]): Promise<void> {
  const program = buildAgentProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // Commander has printed the message already; help and version end with status 0.
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
}

await runAgent(process.argv);

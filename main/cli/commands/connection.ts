import { Option, type Command } from 'commander';

import { registerSecret } from '../../log/logger.js';
import { ENV_VARS } from '../config.js';
import { CliError, EXIT } from '../errors.js';
import { askYesNo, canPrompt, promptSecret } from '../prompt.js';
import type { AgentSession } from '../session.js';
import { withSession } from '../command-runner.js';
import { createInterface } from 'node:readline/promises';

interface ConnectOptions {
  accountId?: string;
  applicationKey?: string;
  upstockToken?: string;
}

interface DisconnectOptions {
  keepData?: boolean;
  deleteData?: boolean;
}

function blankToNull(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/**
 * Returns a credential from the flag, the environment variable or, on a terminal, a prompt
 * (without echo when `secret`). Throws CliError naming the flag and the variable otherwise.
 */
async function credential(
  flagValue: string | undefined,
  envName: string,
  what: { label: string; flag: string; secret: boolean },
): Promise<string> {
  const given = blankToNull(flagValue) ?? blankToNull(process.env[envName]);
  if (given) return given;
  if (!canPrompt()) {
    throw new CliError(
      `The ${what.label} is missing: pass ${what.flag} or set ${envName} (no terminal to ask on).`,
      EXIT.usage,
    );
  }
  if (what.secret) return promptSecret(`${what.label}: `);
  const readline = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = (await readline.question(`${what.label}: `)).trim();
    if (!answer) throw new CliError(`No ${what.label} was entered; connect again.`, EXIT.usage);
    return answer;
  } finally {
    readline.close();
  }
}

async function connect(session: AgentSession, options: ConnectOptions): Promise<number> {
  registerSecret(options.applicationKey);
  registerSecret(options.upstockToken);
  const { engine, settings, config, output } = session;

  if (config.dearUrl) settings.update({ dear: { baseUrl: config.dearUrl } });
  if (config.upstockUrl) settings.update({ upstock: { baseUrl: config.upstockUrl } });

  const accountId =
    blankToNull(options.accountId) ??
    blankToNull(process.env[ENV_VARS.dearAccountId]) ??
    settings.get().dear.accountId ??
    (await credential(undefined, ENV_VARS.dearAccountId, {
      label: 'Cin7 Core Account ID',
      flag: '--account-id',
      secret: false,
    }));
  const applicationKey = await credential(options.applicationKey, ENV_VARS.dearApplicationKey, {
    label: 'Cin7 Core Application Key',
    flag: '--application-key',
    secret: true,
  });
  registerSecret(applicationKey);
  const upstockToken = await credential(options.upstockToken, ENV_VARS.upstockToken, {
    label: 'Upstock API token',
    flag: '--upstock-token',
    secret: true,
  });
  registerSecret(upstockToken);

  const dear = await engine.connectDear({ accountId, applicationKey });
  const upstock = await engine.connectUpstock(upstockToken);
  const storage = config.envCredentials ? 'environment' : 'keychain';

  if (session.json) {
    output.json({
      dear: { accountId, company: dear.company, currency: dear.currency },
      upstock: { supplier: upstock.supplier },
      credentials: storage,
      dataDir: config.dataDir,
    });
    return EXIT.ok;
  }
  output.line(`Connected to Cin7 Core: ${dear.company} (${dear.currency}), account ${accountId}`);
  output.line(`Connected to Upstock: ${upstock.supplier}`);
  output.line(
    storage === 'keychain'
      ? 'The Application Key and the Upstock token are stored in the OS keychain.'
      : `Using the credentials from the environment (${ENV_VARS.dearApplicationKey}, ${ENV_VARS.upstockToken}); nothing was stored in the keychain.`,
  );
  output.line(
    'Next: `agent products list`, then `agent products select SKU...` and `agent sync --once`.',
  );
  return EXIT.ok;
}

async function disconnect(session: AgentSession, options: DisconnectOptions): Promise<number> {
  let keepData: boolean;
  if (options.keepData) keepData = true;
  else if (options.deleteData) keepData = false;
  else if (canPrompt() && !session.json) {
    keepData = await askYesNo(
      'Keep the local data (product selection, sync history, order ledger) for a later connect?',
      true,
    );
  } else {
    throw new CliError('Pass --keep-data or --delete-data (no terminal to ask on).', EXIT.usage);
  }

  await session.engine.disconnect({ keepData });
  const fromEnvironment = session.config.envCredentials !== null;
  if (session.json) {
    session.output.json({
      disconnected: true,
      keptData: keepData,
      credentialsFromEnvironment: fromEnvironment,
    });
    return EXIT.ok;
  }
  session.output.line(
    fromEnvironment
      ? `Disconnected. The credentials come from the environment: unset ${ENV_VARS.dearApplicationKey} and ${ENV_VARS.upstockToken} to stop using them.`
      : 'Disconnected: the Application Key and the Upstock token were removed from the OS keychain.',
  );
  session.output.line(
    keepData
      ? 'The local data was kept.'
      : `The local data in ${session.config.dataDir} was deleted.`,
  );
  return EXIT.ok;
}

/** Adds `connect` and `disconnect` to the program. */
export function registerConnectionCommands(program: Command): void {
  program
    .command('connect')
    .description(
      'Check and store the Cin7 Core and Upstock credentials. A missing secret is asked for on ' +
        'a terminal without echo; flags are visible to other users of this computer, so prefer the prompt.',
    )
    .option('--account-id <id>', `Cin7 Core Account ID (or ${ENV_VARS.dearAccountId})`)
    .option(
      '--application-key <key>',
      `Cin7 Core Application Key (or ${ENV_VARS.dearApplicationKey})`,
    )
    .option('--upstock-token <token>', `Upstock API token (or ${ENV_VARS.upstockToken})`)
    .option('--json', 'print the result as JSON')
    .action(withSession<ConnectOptions>((session, options) => connect(session, options)));

  program
    .command('disconnect')
    .description(
      'Remove the stored secrets and stop every job; asks whether to keep the local data',
    )
    .addOption(
      new Option(
        '--keep-data',
        'keep the product selection, sync history and order ledger',
      ).conflicts('deleteData'),
    )
    .addOption(new Option('--delete-data', 'delete the local store as well').conflicts('keepData'))
    .option('--json', 'print the result as JSON')
    .action(withSession<DisconnectOptions>((session, options) => disconnect(session, options)));
}

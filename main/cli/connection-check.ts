import type { ConnectionCheck, ConnectionChecks } from '../engine/connection-check.js';
import { getLogger } from '../log/logger.js';
import { ENV_VARS } from './config.js';
import { CliError, EXIT, type ExitCode } from './errors.js';
import type { AgentSession } from './session.js';

const log = getLogger('app');

/** Names of the two services, as messages show them. */
export const SERVICE_NAMES = { dear: 'Cin7 Core', upstock: 'Upstock' } as const;

type Service = keyof typeof SERVICE_NAMES;

/** Returns what the merchant does after `service` rejected the stored credentials. */
export function rejectedCredentialsAdvice(session: AgentSession, service: Service): string {
  const fromEnvironment = session.config.envCredentials !== null;
  if (service === 'upstock') {
    return fromEnvironment
      ? `Create a new API token in Upstock, then set ${ENV_VARS.upstockToken} to it ` +
          '(without that variable, `agent connect --upstock-token TOKEN` stores it in the keychain).'
      : 'Create a new API token in Upstock, then run `agent connect --upstock-token TOKEN`.';
  }
  return fromEnvironment
    ? 'Check the Account ID and create a new Application Key under Integrations > API in Cin7 Core, ' +
        `then set ${ENV_VARS.dearAccountId} and ${ENV_VARS.dearApplicationKey}.`
    : 'Check the Account ID and create a new Application Key under Integrations > API in Cin7 Core, ' +
        'then run `agent connect --account-id ID --application-key KEY`.';
}

/** Returns one line describing a check, such as "Upstock: credentials rejected. Create ...". */
export function describeCheck(
  session: AgentSession,
  service: Service,
  check: ConnectionCheck,
): string {
  const name = SERVICE_NAMES[service];
  switch (check.state) {
    case 'ok':
      return `${name}: connected to ${check.accountName} (checked just now)`;
    case 'not-connected':
      return `${name}: not connected (run \`agent connect\`)`;
    case 'credentials-rejected':
      return `${name}: credentials rejected. ${rejectedCredentialsAdvice(session, service)}`;
    case 'unreachable':
      return `${name}: ${check.problem === 'throttled' ? 'kept throttling' : 'could not be reached'}: ${check.message}`;
  }
}

/**
 * Returns the exit status for both checks: 3 when a side is not connected or rejected its
 * credentials, else 4 when a side could not be reached or kept throttling, else 0.
 */
export function exitCodeForChecks(checks: ConnectionChecks): ExitCode {
  const states = [checks.dear.state, checks.upstock.state];
  if (states.includes('credentials-rejected') || states.includes('not-connected'))
    return EXIT.credentials;
  if (states.includes('unreachable')) return EXIT.unreachable;
  return EXIT.ok;
}

/**
 * Calls Cin7 Core `me` and Upstock `account` once before a sync cycle, so rejected credentials
 * stop the command even when the cycle would have nothing to send. Throws CliError with exit
 * status 3 naming the side and what to do. An unreachable side throws with exit status 4 when
 * `failWhenUnreachable` is true (one cycle); otherwise it is logged and the scheduled runs retry.
 */
export async function requireWorkingCredentials(
  session: AgentSession,
  options: { failWhenUnreachable: boolean },
): Promise<void> {
  const checks = await session.engine.checkConnections();
  const rejected = (['dear', 'upstock'] as const).filter(
    (service) => checks[service].state === 'credentials-rejected',
  );
  if (rejected.length > 0) {
    const lines = rejected.map((service) => describeCheck(session, service, checks[service]));
    throw new CliError(`Nothing was synced. ${lines.join(' ')}`, EXIT.credentials);
  }
  const unreachable = (['dear', 'upstock'] as const).filter(
    (service) => checks[service].state === 'unreachable',
  );
  if (unreachable.length === 0) return;
  const lines = unreachable.map((service) => describeCheck(session, service, checks[service]));
  if (options.failWhenUnreachable)
    throw new CliError(`Nothing was synced. ${lines.join(' ')}`, EXIT.unreachable);
  log.warn(`Starting the scheduled sync although ${lines.join(' ')}`);
  session.output.note(`Warning: ${lines.join(' ')} The scheduled runs try again.`);
}

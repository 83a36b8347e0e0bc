import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { createEngine, type Engine } from '../engine.js';
import type { SecretVault } from '../engine/credentials.js';
import { configureLogging, getLogger } from '../log/logger.js';
import { ordersJob } from '../orders/orders-job.js';
import { shipmentsJob } from '../orders/shipments.js';
import { SettingsStore } from '../settings/index.js';
import { CredentialVault } from '../vault/index.js';
import { resolveConfig, type AgentConfig, type GlobalOptions } from './config.js';
import { CliError, EXIT } from './errors.js';
import { consoleOutput, type Output } from './output.js';

/** Name of the settings file in the data folder (`settings.json`), shared with the desktop app. */
export const SETTINGS_FILE_NAME = 'settings';

/** Everything one `agent` command works with. Call `close()` when the command ends. */
export interface AgentSession {
  engine: Engine;
  config: AgentConfig;
  settings: SettingsStore;
  /** The keychain, or null when the environment supplies the credentials. */
  vault: SecretVault | null;
  output: Output;
  json: boolean;
  /** Stops the engine (scheduler, running jobs) and closes the store. */
  close(): Promise<void>;
}

/**
 * Opens the data folder for one command: writes logs to `<data dir>/logs/agent.log`, reads
 * `settings.json`, opens the SQLite store and registers the orders and shipments jobs. Does
 * not connect or schedule anything; commands call `engine.start({ schedule: false })`, and
 * only the long-running `sync` starts the scheduler. Throws an Error
 * for an invalid URL option and the store's errors when the database cannot be opened.
 */
export function openSession(
  globals: GlobalOptions,
  output: Output = consoleOutput(),
): AgentSession {
  const config = resolveConfig(globals);
  mkdirSync(config.dataDir, { recursive: true });
  configureLogging({
    logDir: join(config.dataDir, 'logs'),
    consoleLevel: globals.verbose ? 'info' : false,
    fileLevel: globals.verbose ? 'debug' : 'info',
  });

  const settings = new SettingsStore({ cwd: config.dataDir, configName: SETTINGS_FILE_NAME });
  const vault = config.envCredentials ? null : new CredentialVault();
  const engine = createEngine({
    dataDir: config.dataDir,
    settingsStore: settings,
    ...(vault ? { vault } : {}),
    ...(config.envCredentials ? { envCredentials: config.envCredentials } : {}),
    ...(config.dearUrl ? { dearBaseUrl: config.dearUrl } : {}),
    ...(config.upstockUrl ? { upstockBaseUrl: config.upstockUrl } : {}),
  });
  engine.registerJob(ordersJob);
  engine.registerJob(shipmentsJob);
  getLogger('app').info(`Command line opened the data folder ${config.dataDir}`);

  let closed = false;
  return {
    engine,
    config,
    settings,
    vault,
    output,
    json: Boolean(globals.json),
    close: async () => {
      if (closed) return;
      closed = true;
      await engine.stop();
    },
  };
}

/**
 * Starts the engine with the stored credentials and checks that both sides are connected. The
 * scheduler starts only when `schedule` is true, which the long-running `sync` passes. Throws
 * CliError with exit status 3 naming what is missing.
 */
export async function startConnected(
  session: AgentSession,
  options: { schedule?: boolean } = {},
): Promise<void> {
  await session.engine.start({ schedule: options.schedule ?? false });
  if (session.engine.clients()) return;
  const env = session.config.envCredentials;
  if (env) {
    const missing = env.missing();
    throw new CliError(
      `Not connected: set ${missing.join(', ')} as well (the other credentials come from the environment).`,
      EXIT.credentials,
    );
  }
  throw new CliError(
    'Not connected to both Cin7 Core and Upstock: run `agent connect` first, or set DEAR_ACCOUNT_ID, ' +
      'DEAR_APPLICATION_KEY and UPSTOCK_API_TOKEN.',
    EXIT.credentials,
  );
}

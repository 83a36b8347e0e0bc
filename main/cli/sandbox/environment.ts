import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { createEngine, type Engine } from '../../engine.js';
import { configureLogging, registerSecret } from '../../log/logger.js';
import { ordersJob } from '../../orders/orders-job.js';
import { shipmentsJob } from '../../orders/shipments.js';
import { sampleSeed } from '../../sample/sample-merchant.js';
import { SettingsStore } from '../../settings/index.js';
import {
  SAMPLE_ACCOUNT_ID,
  SAMPLE_APPLICATION_KEY,
  startDearSimulator,
  type DearSimulator,
} from '../../simulators/dear/server.js';
import {
  defaultToken,
  startUpstockSimulator,
  type UpstockSimulator,
} from '../../simulators/upstock/server.js';
import { EnvCredentialSource } from '../../vault/index.js';
import { SETTINGS_FILE_NAME } from '../session.js';

/**
 * Rate window of the sandbox: Cin7 Core's 60 calls a minute, time-scaled to 60 calls in
 * 5 seconds so a cycle finishes quickly while the limiter still has to pace the calls.
 */
export const SANDBOX_RATE = { simulatorCalls: 60, agentCalls: 55, windowMs: 5_000 } as const;

/** The simulators, the data folder and the engine of one sandbox run. */
export interface Sandbox {
  dear: DearSimulator;
  upstock: UpstockSimulator;
  dataDir: string;
  engine: Engine;
  /** Stops the engine and both simulators; the data folder stays for inspection. */
  close(): Promise<void>;
}

/**
 * Starts the Cin7 Core simulator with the sample merchant and the Upstock simulator on
 * 127.0.0.1 (free ports). Creates a data folder, a new one under the OS temp folder unless
 * `dataDir` is given, and an engine whose credentials come from memory, not the keychain.
 * The sale status is Authorised because the Cin7 Core simulator ships authorised sales only.
 */
export async function startSandbox(options: {
  dataDir?: string;
  verbose?: boolean;
}): Promise<Sandbox> {
  const dataDir = options.dataDir
    ? resolve(options.dataDir)
    : mkdtempSync(join(tmpdir(), 'upstock-dear-sync-sandbox-'));
  mkdirSync(dataDir, { recursive: true });
  configureLogging({
    logDir: join(dataDir, 'logs'),
    consoleLevel: options.verbose ? 'info' : false,
    fileLevel: options.verbose ? 'debug' : 'info',
  });
  registerSecret(SAMPLE_APPLICATION_KEY);
  registerSecret(defaultToken);

  const dear = await startDearSimulator({
    port: 0,
    seed: sampleSeed(),
    rateLimit: { calls: SANDBOX_RATE.simulatorCalls, windowMs: SANDBOX_RATE.windowMs },
  });
  let upstock: UpstockSimulator;
  try {
    upstock = await startUpstockSimulator({ port: 0 });
  } catch (error) {
    await dear.close();
    throw error;
  }

  const settings = new SettingsStore({ cwd: dataDir, configName: SETTINGS_FILE_NAME });
  settings.update({
    dear: {
      baseUrl: dear.url,
      callsPerWindow: SANDBOX_RATE.agentCalls,
      rateWindowMs: SANDBOX_RATE.windowMs,
    },
    upstock: { baseUrl: upstock.url },
    orders: { saleStatus: 'AUTHORISED' },
  });
  const credentials = new EnvCredentialSource({
    DEAR_ACCOUNT_ID: SAMPLE_ACCOUNT_ID,
    DEAR_APPLICATION_KEY: SAMPLE_APPLICATION_KEY,
    UPSTOCK_API_TOKEN: defaultToken,
  });
  const engine = createEngine({ dataDir, settingsStore: settings, envCredentials: credentials });
  engine.registerJob(ordersJob);
  engine.registerJob(shipmentsJob);

  return {
    dear,
    upstock,
    dataDir,
    engine,
    close: async () => {
      await engine.stop();
      await Promise.allSettled([dear.close(), upstock.close()]);
    },
  };
}

/** The simulator credentials, for `engine.connectDear` and `engine.connectUpstock`. */
export const SANDBOX_CREDENTIALS = {
  accountId: SAMPLE_ACCOUNT_ID,
  applicationKey: SAMPLE_APPLICATION_KEY,
  upstockToken: defaultToken,
} as const;

import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { sampleSeed } from '../../main/sample/sample-merchant.js';
import {
  SAMPLE_ACCOUNT_ID,
  SAMPLE_APPLICATION_KEY,
  startDearSimulator,
  type DearSimulator,
} from '../../main/simulators/dear/server.js';
import {
  defaultToken,
  startUpstockSimulator,
  type UpstockSimulator,
} from '../../main/simulators/upstock/server.js';

/** The project root, where `npx tsx main/cli/...` runs. */
export const PROJECT_ROOT = resolve(import.meta.dirname, '../..');

/** Longest time one command may run before the test kills it. */
const COMMAND_TIMEOUT_MS = 120_000;

/** Variables the agent reads; removed from the inherited environment so tests control them. */
const AGENT_VARIABLES = [
  'UPSTOCK_DEAR_SYNC_DATA_DIR',
  'DEAR_API_URL',
  'DEAR_ACCOUNT_ID',
  'DEAR_APPLICATION_KEY',
  'UPSTOCK_API_URL',
  'UPSTOCK_API_TOKEN',
];

/** The outcome of one command run as a child process. */
export interface CommandResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `npx tsx <script> ...args` in the project root with the inherited environment minus the
 * agent's variables, plus `env`. Resolves when the process exits; kills it after two minutes.
 */
export function runCli(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<CommandResult> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const name of AGENT_VARIABLES) delete childEnv[name];
  Object.assign(childEnv, env);

  return new Promise((resolvePromise, reject) => {
    const child = spawn('npx', ['tsx', script, ...args], {
      cwd: PROJECT_ROOT,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), COMMAND_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolvePromise({ exitCode, stdout, stderr });
    });
  });
}

/** Both simulators and a data folder for running `agent` commands against them. */
export interface CliWorld {
  dear: DearSimulator;
  upstock: UpstockSimulator;
  dataDir: string;
  /** The environment that points the agent at the simulators with headless credentials. */
  env: Record<string, string>;
  /** Runs `agent` with `args` in this world's environment, plus `extraEnv`. */
  agent(args: string[], extraEnv?: Record<string, string>): Promise<CommandResult>;
  close(): Promise<void>;
}

/**
 * Starts the Cin7 Core simulator (sample merchant, rate limit off so tests do not wait) and
 * the Upstock simulator on free ports, and creates an empty data folder.
 */
export async function startCliWorld(): Promise<CliWorld> {
  const dear = await startDearSimulator({
    port: 0,
    seed: sampleSeed(),
    rateLimit: { calls: 0, windowMs: 60_000 },
  });
  const upstock = await startUpstockSimulator({ port: 0 });
  const dataDir = mkdtempSync(join(tmpdir(), 'uds-cli-test-'));
  const env = {
    UPSTOCK_DEAR_SYNC_DATA_DIR: dataDir,
    DEAR_API_URL: dear.url,
    UPSTOCK_API_URL: upstock.url,
    DEAR_ACCOUNT_ID: SAMPLE_ACCOUNT_ID,
    DEAR_APPLICATION_KEY: SAMPLE_APPLICATION_KEY,
    UPSTOCK_API_TOKEN: defaultToken,
  };
  return {
    dear,
    upstock,
    dataDir,
    env,
    agent: (args, extraEnv = {}) => runCli('main/cli/agent.ts', args, { ...env, ...extraEnv }),
    close: async () => {
      await Promise.allSettled([dear.close(), upstock.close()]);
    },
  };
}

/** Parses a command's standard output as JSON, with the output in the error when it is not. */
export function parseJson<T>(result: CommandResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(
      `Expected JSON on standard output, got:\n${result.stdout}\nstderr:\n${result.stderr}`,
    );
  }
}

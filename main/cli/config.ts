import { resolve } from 'node:path';

import { DEFAULT_SETTINGS } from '../../shared/settings.js';
import { agentDataDir, APP_FOLDER, DATA_DIR_ENV } from '../app-paths.js';
import { EnvCredentialSource } from '../vault/index.js';

export { APP_FOLDER };

/** Environment variables the command line reads; flags override them. */
export const ENV_VARS = {
  dataDir: DATA_DIR_ENV,
  dearUrl: 'DEAR_API_URL',
  upstockUrl: 'UPSTOCK_API_URL',
  dearAccountId: 'DEAR_ACCOUNT_ID',
  dearApplicationKey: 'DEAR_APPLICATION_KEY',
  upstockToken: 'UPSTOCK_API_TOKEN',
} as const;

/** The global options every `agent` command accepts. */
export interface GlobalOptions {
  dataDir?: string;
  dearUrl?: string;
  upstockUrl?: string;
  json?: boolean;
  verbose?: boolean;
}

/** The data folder, service URLs and credential source, after flags and environment. */
export interface AgentConfig {
  dataDir: string;
  /** Null keeps the URL saved in the settings (the real service by default). */
  dearUrl: string | null;
  upstockUrl: string | null;
  /**
   * Credentials from DEAR_APPLICATION_KEY / UPSTOCK_API_TOKEN, used instead of the keychain
   * when either variable is set; null when neither is.
   */
  envCredentials: EnvCredentialSource | null;
}

function nonBlank(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** Checks that a URL option is an http(s) URL and ends it with a slash; throws a plain Error. */
export function normalizeBaseUrl(value: string, source: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${source} "${value}" is not a URL; give one like http://127.0.0.1:8080/v1/.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${source} "${value}" must start with http:// or https://.`);
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/**
 * Resolves the data folder, the service URLs and the credential source from the global flags
 * and the environment (flags win). Throws an Error naming the flag or variable when a URL is
 * invalid.
 */
export function resolveConfig(
  options: GlobalOptions,
  env: NodeJS.ProcessEnv = process.env,
): AgentConfig {
  // The same folder rule as the desktop app (main/app-paths.ts), so both share one folder.
  const dataDir = nonBlank(options.dataDir) ?? agentDataDir({ env });

  const dearFlag = nonBlank(options.dearUrl);
  const dearEnv = nonBlank(env[ENV_VARS.dearUrl]);
  const upstockFlag = nonBlank(options.upstockUrl);
  const upstockEnv = nonBlank(env[ENV_VARS.upstockUrl]);

  const usesEnvCredentials =
    nonBlank(env[ENV_VARS.dearApplicationKey]) !== null ||
    nonBlank(env[ENV_VARS.upstockToken]) !== null;

  return {
    dataDir: resolve(dataDir),
    dearUrl: dearFlag
      ? normalizeBaseUrl(dearFlag, '--dear-url')
      : dearEnv
        ? normalizeBaseUrl(dearEnv, ENV_VARS.dearUrl)
        : null,
    upstockUrl: upstockFlag
      ? normalizeBaseUrl(upstockFlag, '--upstock-url')
      : upstockEnv
        ? normalizeBaseUrl(upstockEnv, ENV_VARS.upstockUrl)
        : null,
    envCredentials: usesEnvCredentials ? new EnvCredentialSource(env) : null,
  };
}

/** The Cin7 Core API URL used when neither the settings nor a flag give one. */
export const DEFAULT_DEAR_URL = DEFAULT_SETTINGS.dear.baseUrl;

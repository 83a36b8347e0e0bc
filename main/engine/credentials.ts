import { DearClient } from '../dear/client.js';
import type { Settings } from '../../shared/settings.js';
import { UpstockClient } from '../upstock/client.js';

/** The secret store of the engine; the OS keychain (`CredentialVault`) fits it. */
export interface SecretVault {
  getDearKey(): Promise<string | null>;
  setDearKey(applicationKey: string): Promise<void>;
  getUpstockToken(): Promise<string | null>;
  setUpstockToken(token: string): Promise<void>;
  clear(): Promise<void>;
}

/** Read-only credentials from the environment (`EnvCredentialSource` fits it). */
export interface EnvironmentCredentials {
  getDearAccountId(): string | null;
  getDearKey(): Promise<string | null>;
  getUpstockToken(): Promise<string | null>;
}

/** Connection details the engine's options may override (tests, the sandbox). */
export interface ClientOverrides {
  dearBaseUrl?: string;
  upstockBaseUrl?: string;
  rateLimit?: { callsPerWindow: number; windowMs: number };
  /** Per-attempt timeout for both clients, in milliseconds. */
  timeoutMs?: number;
}

/** Builds a Cin7 Core client from the settings, the overrides and the credentials. */
export function createDearClient(
  settings: Settings,
  overrides: ClientOverrides,
  credentials: { accountId: string; applicationKey: string },
): DearClient {
  const rate = overrides.rateLimit ?? {
    callsPerWindow: settings.dear.callsPerWindow,
    windowMs: settings.dear.rateWindowMs,
  };
  return new DearClient({
    baseUrl: overrides.dearBaseUrl ?? settings.dear.baseUrl,
    accountId: credentials.accountId,
    applicationKey: credentials.applicationKey,
    limiterOptions: { callsPerWindow: rate.callsPerWindow, windowMs: rate.windowMs },
    ...(overrides.timeoutMs ? { timeoutMs: overrides.timeoutMs } : {}),
  });
}

/** Builds an Upstock client from the settings, the overrides and the token. */
export function createUpstockClient(
  settings: Settings,
  overrides: ClientOverrides,
  token: string,
): UpstockClient {
  return new UpstockClient({
    baseUrl: overrides.upstockBaseUrl ?? settings.upstock.baseUrl,
    token,
    ...(overrides.timeoutMs ? { timeoutMs: overrides.timeoutMs } : {}),
  });
}

/**
 * Reads the stored credentials: the Account ID from the environment or the settings, the
 * secrets from the environment or the vault. Returns nulls for what is missing.
 */
export async function readStoredCredentials(
  settings: Settings,
  source: { vault?: SecretVault; env?: EnvironmentCredentials },
): Promise<{
  accountId: string | null;
  applicationKey: string | null;
  upstockToken: string | null;
}> {
  if (source.env) {
    return {
      accountId: source.env.getDearAccountId() ?? settings.dear.accountId,
      applicationKey: await source.env.getDearKey(),
      upstockToken: await source.env.getUpstockToken(),
    };
  }
  return {
    accountId: settings.dear.accountId,
    applicationKey: (await source.vault?.getDearKey()) ?? null,
    upstockToken: (await source.vault?.getUpstockToken()) ?? null,
  };
}

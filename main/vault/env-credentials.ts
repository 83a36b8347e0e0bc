import { registerSecret } from '../log/logger.js';
import type { CredentialSource } from './credential-vault.js';

/** Environment variable names for headless use (a server, CI, a container). */
export const CREDENTIAL_ENV_VARS = {
  dearAccountId: 'DEAR_ACCOUNT_ID',
  dearApplicationKey: 'DEAR_APPLICATION_KEY',
  upstockToken: 'UPSTOCK_API_TOKEN',
} as const;

/**
 * Credentials from environment variables, for running without an OS keychain. The agent uses
 * it only when the caller asks for environment credentials; the vault never reads the
 * environment by itself. Blank values count as missing. Secrets are registered with the
 * logger on every read.
 */
export class EnvCredentialSource implements CredentialSource {
  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  /** Returns DEAR_ACCOUNT_ID, or null when it is unset or blank. */
  getDearAccountId(): string | null {
    return this.value(CREDENTIAL_ENV_VARS.dearAccountId);
  }

  /** Returns DEAR_APPLICATION_KEY, or null when it is unset or blank. */
  async getDearKey(): Promise<string | null> {
    return this.secret(CREDENTIAL_ENV_VARS.dearApplicationKey);
  }

  /** Returns UPSTOCK_API_TOKEN, or null when it is unset or blank. */
  async getUpstockToken(): Promise<string | null> {
    return this.secret(CREDENTIAL_ENV_VARS.upstockToken);
  }

  /** Returns the names of the variables that are unset or blank. */
  missing(): string[] {
    return Object.values(CREDENTIAL_ENV_VARS).filter((name) => this.value(name) === null);
  }

  private secret(name: string): string | null {
    const value = this.value(name);
    registerSecret(value);
    return value;
  }

  private value(name: string): string | null {
    const value = this.env[name]?.trim();
    return value ? value : null;
  }
}

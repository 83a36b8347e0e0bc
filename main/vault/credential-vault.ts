import { AsyncEntry, type EntryOptions } from '@napi-rs/keyring';
import { getLogger, registerSecret } from '../log/logger.js';
import { AmbiguousCredentialError, KeychainUnavailableError } from './errors.js';

/** Keychain service name under which every agent credential is stored. */
export const VAULT_SERVICE = 'upstock-dear-sync';

/** Keychain account names, one per secret. */
export const VAULT_ACCOUNTS = {
  dearApplicationKey: 'dear-application-key',
  upstockToken: 'upstock-token',
} as const;

type VaultAccount = (typeof VAULT_ACCOUNTS)[keyof typeof VAULT_ACCOUNTS];

// Without this option @napi-rs/keyring 2.1 falls back to the Linux kernel keyring, which keeps
// secrets in kernel memory only, so they are gone after a reboot. Other platforms ignore it.
const ENTRY_OPTIONS: EntryOptions = { linux: { store: 'secret-service' } };

/** Time allowed for one keychain call; a keychain waiting on an unlock prompt may take long. */
const DEFAULT_TIMEOUT_MS = 60_000;

/** Read access to the two secrets, from the keychain or from the environment. */
export interface CredentialSource {
  /** Returns the Cin7 Core Application Key, or null when none is stored. */
  getDearKey(): Promise<string | null>;
  /** Returns the Upstock API token, or null when none is stored. */
  getUpstockToken(): Promise<string | null>;
}

export interface CredentialVaultOptions {
  /** Keychain service name; tests pass a unique one so they never touch a merchant's items. */
  service?: string;
  /** Time allowed for one keychain call, in milliseconds. */
  timeoutMs?: number;
}

/**
 * The Cin7 Core Application Key and the Upstock token in the OS keychain (Secret Service on
 * Linux, Keychain on macOS, Credential Manager on Windows). Every method throws
 * `KeychainUnavailableError` when no keychain responds, and nothing is ever written to a file.
 * Every secret read or written is registered with the logger so log lines mask it.
 */
export class CredentialVault implements CredentialSource {
  readonly service: string;
  private readonly timeoutMs: number;
  private readonly log = getLogger('vault');

  constructor(options: CredentialVaultOptions = {}) {
    this.service = options.service ?? VAULT_SERVICE;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  getDearKey(): Promise<string | null> {
    return this.read(VAULT_ACCOUNTS.dearApplicationKey);
  }

  /** Stores the Cin7 Core Application Key, replacing any earlier one. */
  setDearKey(applicationKey: string): Promise<void> {
    return this.write(VAULT_ACCOUNTS.dearApplicationKey, applicationKey);
  }

  getUpstockToken(): Promise<string | null> {
    return this.read(VAULT_ACCOUNTS.upstockToken);
  }

  /** Stores the Upstock API token, replacing any earlier one. */
  setUpstockToken(token: string): Promise<void> {
    return this.write(VAULT_ACCOUNTS.upstockToken, token);
  }

  /** Deletes both secrets; an already missing secret is not an error. */
  async clear(): Promise<void> {
    for (const account of Object.values(VAULT_ACCOUNTS)) {
      const deleted = await this.call(account, (entry, signal) => entry.deletePassword(signal));
      if (deleted) this.log.info(`Deleted keychain item ${this.service}/${account}`);
    }
  }

  private async read(account: VaultAccount): Promise<string | null> {
    const secret = await this.call(account, (entry, signal) => entry.getPassword(signal));
    registerSecret(secret);
    return secret ?? null;
  }

  private async write(account: VaultAccount, secret: string): Promise<void> {
    if (secret.trim() === '') {
      throw new TypeError(
        `The value for keychain item ${account} is empty. Pass the Application Key or token.`,
      );
    }
    registerSecret(secret);
    await this.call(account, (entry, signal) => entry.setPassword(secret, signal));
    this.log.info(`Stored keychain item ${this.service}/${account}`);
  }

  /** Runs one keychain call and maps its failures to the vault's errors. */
  private async call<T>(
    account: VaultAccount,
    operation: (entry: AsyncEntry, signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    try {
      // The constructor already connects to the platform store, so it can throw too.
      const entry = new AsyncEntry(this.service, account, ENTRY_OPTIONS);
      return await operation(entry, signal);
    } catch (error) {
      throw this.explain(account, error, signal.aborted);
    }
  }

  private explain(account: VaultAccount, error: unknown, timedOut: boolean): Error {
    const detail = error instanceof Error ? error.message : String(error);
    if (/ambiguous|matched by \d+ credentials/i.test(detail)) {
      const ambiguous = new AmbiguousCredentialError(this.service, account, error);
      this.log.error(ambiguous.message);
      return ambiguous;
    }
    const unavailable = new KeychainUnavailableError(
      account,
      timedOut ? `no answer within ${this.timeoutMs} ms` : detail,
      process.platform,
      error,
    );
    this.log.error(unavailable.message);
    return unavailable;
  }
}

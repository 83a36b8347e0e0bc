import {
  DearCredentialsError,
  DearError,
  DearNetworkError,
  DearThrottledError,
} from '../dear/errors.js';
import { KeychainUnavailableError } from '../vault/index.js';
import { SettingsSecretError, SettingsValidationError } from '../settings/index.js';
import {
  UpstockApiError,
  UpstockAuthError,
  UpstockNetworkError,
  UpstockThrottledError,
} from '../upstock/errors.js';
import { ServiceSelectionError } from '../engine/catalog-view.js';
import { maskSecrets } from '../log/logger.js';

/** Exit statuses of `agent` and `sandbox`; `--help` lists them. */
export const EXIT = {
  ok: 0,
  /** An unexpected error; run again with --verbose for the stack trace. */
  error: 1,
  /** Invalid command line: unknown option, missing argument, bad value. */
  usage: 2,
  /** Not connected, or Cin7 Core or Upstock rejected the credentials. */
  credentials: 3,
  /** Cin7 Core or Upstock could not be reached or kept throttling. */
  unreachable: 4,
  /** The sync ran but some records failed (listed in the output). */
  recordsFailed: 5,
  /** A job failed as a whole or was cancelled. */
  jobFailed: 6,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit status table printed at the end of `--help`. */
export const EXIT_CODE_HELP = `
Exit status:
  0  success: every record synced or was deliberately skipped
  1  unexpected error (add --verbose for details)
  2  invalid command line (unknown option, missing or bad value)
  3  not connected, or Cin7 Core or Upstock rejected the credentials
  4  Cin7 Core or Upstock could not be reached or kept throttling
  5  the sync ran but some records failed (each listed with its ID and reason)
  6  a job failed as a whole or was cancelled`;

/** An error the command line reports as one line, with the exit status to use. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.error,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * Returns the one-line message and exit status for an error thrown by a command. Errors from
 * the clients, the vault and the settings already say what failed and what to do, so their
 * message is kept; anything else gets a hint to rerun with --verbose.
 */
export function describeError(error: unknown): { message: string; exitCode: ExitCode } {
  const text = (value: string) => maskSecrets(value.replace(/\s*\n\s*/g, ' ').trim());
  if (error instanceof CliError) return { message: text(error.message), exitCode: error.exitCode };
  if (error instanceof DearCredentialsError || error instanceof UpstockAuthError) {
    return { message: text(error.message), exitCode: EXIT.credentials };
  }
  if (
    error instanceof DearNetworkError ||
    error instanceof DearThrottledError ||
    error instanceof UpstockNetworkError ||
    error instanceof UpstockThrottledError
  ) {
    return { message: text(error.message), exitCode: EXIT.unreachable };
  }
  if (error instanceof ServiceSelectionError)
    return { message: text(error.message), exitCode: EXIT.usage };
  if (error instanceof KeychainUnavailableError) {
    return { message: text(error.message), exitCode: EXIT.credentials };
  }
  if (
    error instanceof DearError ||
    error instanceof UpstockApiError ||
    error instanceof SettingsValidationError ||
    error instanceof SettingsSecretError
  ) {
    return { message: text(error.message), exitCode: EXIT.error };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    message: text(`${message} (run again with --verbose for details)`),
    exitCode: EXIT.error,
  };
}

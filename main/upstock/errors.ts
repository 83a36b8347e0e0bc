import type { WireProblem } from './wire.js';

/**
 * An error response from the Upstock agent API, carrying its RFC 9457 problem details.
 * `status` is the HTTP status; `problemType` is the last segment of the problem type URI
 * (such as "validation" or "claim-conflict").
 */
export class UpstockApiError extends Error {
  readonly status: number;
  readonly problem: WireProblem;
  readonly problemType: string;

  constructor(operation: string, problem: WireProblem) {
    super(describeProblem(operation, problem));
    this.name = 'UpstockApiError';
    this.status = problem.status;
    this.problem = problem;
    this.problemType = problem.type.slice(problem.type.lastIndexOf('/') + 1);
  }

  /** The rejected fields, each with the external ID of the record involved. */
  get fieldErrors(): NonNullable<WireProblem['errors']> {
    return this.problem.errors ?? [];
  }
}

/** The token is missing, wrong or revoked (401). Retrying cannot help; reconnect Upstock. */
export class UpstockAuthError extends UpstockApiError {
  constructor(operation: string, problem: WireProblem) {
    super(operation, problem);
    this.name = 'UpstockAuthError';
  }
}

/**
 * A 409: another agent has the order's claim, the claim token is stale, the order was already
 * pushed to another sale, or a price list still has customers.
 */
export class UpstockConflictError extends UpstockApiError {
  constructor(operation: string, problem: WireProblem) {
    super(operation, problem);
    this.name = 'UpstockConflictError';
  }
}

/** Upstock kept returning 429 after the retries, or asked for a longer wait than allowed. */
export class UpstockThrottledError extends UpstockApiError {
  /** The Retry-After wait in milliseconds, or null when the response had none. */
  readonly retryAfterMs: number | null;

  constructor(operation: string, problem: WireProblem, retryAfterMs: number | null) {
    super(operation, problem);
    this.name = 'UpstockThrottledError';
    this.retryAfterMs = retryAfterMs;
  }
}

/** Upstock could not be reached, reset the connection or timed out, after the retries. */
export class UpstockNetworkError extends Error {
  readonly code: string | null;

  constructor(operation: string, code: string | null, message: string) {
    super(
      `${operation} failed: ${message}${code ? ` (${code})` : ''}. Check the internet connection; the agent retries on its next run.`,
    );
    this.name = 'UpstockNetworkError';
    this.code = code;
  }
}

/** Upstock returned a body that does not match the agent API contract. */
export class UpstockContractError extends Error {
  readonly status: number;

  constructor(operation: string, status: number, detail: string) {
    super(
      `${operation} returned a response that does not match the Upstock agent API (HTTP ${status}): ${detail}`,
    );
    this.name = 'UpstockContractError';
    this.status = status;
  }
}

function describeProblem(operation: string, problem: WireProblem): string {
  const head = `${operation} failed with HTTP ${problem.status} ${problem.title}`;
  const detail = problem.detail ? `: ${problem.detail}` : '';
  const fields = (problem.errors ?? [])
    .slice(0, 5)
    .map((error) => `${error.externalId ?? '(no ID)'} ${error.field}: ${error.reason}`);
  const more =
    (problem.errors?.length ?? 0) > 5 ? ` (and ${(problem.errors?.length ?? 0) - 5} more)` : '';
  return fields.length > 0 ? `${head}${detail} [${fields.join('; ')}]${more}` : `${head}${detail}`;
}

import {
  DearApiError,
  DearCredentialsError,
  DearNetworkError,
  DearThrottledError,
  type DearError,
} from './errors.js';
import {
  findErrorModel,
  isThrottleMessage,
  readErrorBody,
  type DearErrorBody,
} from './error-body.js';

/** Outcome of one attempt: a response (any status) or no response at all. */
export type AttemptOutcome =
  | { kind: 'response'; status: number; retryAfter: string | null; body: unknown }
  | { kind: 'no-response'; code: string; detail: string; cause: unknown };

/** Decision after one attempt: success, failure, or a retry with its reason. */
export type Verdict =
  | { kind: 'success'; body: unknown }
  | { kind: 'fail'; error: DearError }
  | {
      kind: 'retry';
      reason: 'throttled' | 'server-error' | 'network';
      /** HTTP status, or the error code (`ECONNRESET`) when no response came. */
      cause: string;
      /** The `Retry-After` header of a throttle response, unparsed. */
      retryAfter: string | null;
      /** The error to throw if no attempt is left. */
      giveUp: (attempts: number) => DearError;
    };

/** The call being judged. */
export interface CallContext {
  /** Names the call in messages, such as `POST sale` or `GET product Page=2`. */
  description: string;
  /** True for POST, PUT and DELETE: a lost or failed write may still have been saved. */
  isWrite: boolean;
  /** True for reads, and for writes whose caller opted in to retries. */
  repeatable: boolean;
}

/** Error codes meaning the request never left this machine, so repeating it is safe even for a sale. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);

/** 5xx statuses that are usually transient (a proxy or the server hiccuped). */
const TRANSIENT_SERVER_STATUSES = new Set([500, 502, 504]);

/**
 * Decides what to do with one attempt's outcome.
 *
 * Throttles (429,
 * 503, or a throttle Error Model) are always retried, because Cin7 Core rejected the call before
 * doing anything. 403 always fails with DearCredentialsError. A write that is not repeatable
 * fails at once with `maybeDelivered: true` on a timeout, reset, lost response or 5xx.
 */
export function judgeAttempt(outcome: AttemptOutcome, call: CallContext): Verdict {
  if (outcome.kind === 'no-response') return judgeNoResponse(outcome, call);

  const { status, body } = outcome;
  if (status >= 200 && status < 300) {
    const errorModel = findErrorModel(body);
    if (!errorModel) return { kind: 'success', body };
    return judgeError(status, errorModel.errorCode ?? status, errorModel, outcome.retryAfter, call);
  }
  return judgeError(status, status, readErrorBody(body), outcome.retryAfter, call);
}

function judgeNoResponse(
  outcome: Extract<AttemptOutcome, { kind: 'no-response' }>,
  call: CallContext,
): Verdict {
  const neverSent = NOT_SENT_CODES.has(outcome.code);
  const networkError = (attempts: number, maybeDelivered: boolean): DearNetworkError =>
    new DearNetworkError(
      call.description,
      { code: outcome.code, detail: outcome.detail, attempts, maybeDelivered },
      { cause: outcome.cause },
    );

  if (!neverSent && !call.repeatable) return { kind: 'fail', error: networkError(1, true) };
  return {
    kind: 'retry',
    reason: 'network',
    cause: outcome.code,
    retryAfter: null,
    giveUp: (attempts) => networkError(attempts, call.isWrite && !neverSent),
  };
}

/**
 * Judges a failure. `status` is the HTTP status; `code` is the status Cin7 Core meant, which
 * differs from `status` only for an Error Model inside a 2xx.
 */
function judgeError(
  status: number,
  code: number,
  error: DearErrorBody,
  retryAfter: string | null,
  call: CallContext,
): Verdict {
  const request = call.description;
  const cause = status === code ? String(status) : `${status} with ErrorCode ${code}`;
  if (code === 401 || code === 403) {
    return { kind: 'fail', error: new DearCredentialsError(request, status, error.exception) };
  }

  if (code === 429 || code === 503 || isThrottleMessage(error.exception)) {
    return {
      kind: 'retry',
      reason: 'throttled',
      cause,
      retryAfter,
      giveUp: (attempts) => new DearThrottledError(request, code, attempts),
    };
  }

  const apiError = (maybeDelivered: boolean): DearApiError =>
    new DearApiError(request, {
      status,
      errorCode: error.errorCode,
      exception: error.exception,
      maybeDelivered,
    });

  if (TRANSIENT_SERVER_STATUSES.has(code)) {
    if (!call.repeatable) return { kind: 'fail', error: apiError(call.isWrite) };
    return {
      kind: 'retry',
      reason: 'server-error',
      cause,
      retryAfter: null,
      giveUp: () => apiError(call.isWrite),
    };
  }

  return { kind: 'fail', error: apiError(call.isWrite && code >= 500) };
}

/**
 * Parses a `Retry-After` header: whole seconds or an HTTP date. Returns milliseconds, or null
 * when the header is missing or unreadable.
 */
export function parseRetryAfter(header: string | null, nowMs = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const text = header.trim();
  if (/^\d+(?:\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

/**
 * Milliseconds to wait before retry number `retry` (1 for the first retry).
 *
 * Throttles wait for `Retry-After` when present (at most `maxRetryAfterMs`), else 5 s, 10 s,
 * 15 s and so on. Server and network errors wait 1 s, 2 s, 4 s and so on. Both fallbacks are
 * multiplied by `timeScale` (the limiter's window divided by 60 s), so a time-scaled simulator
 * run waits proportionally less. A `Retry-After` from the server is taken as it is.
 */
export function retryWaitMs(
  verdict: Extract<Verdict, { kind: 'retry' }>,
  retry: number,
  timeScale: number,
  maxRetryAfterMs: number,
): number {
  if (verdict.reason === 'throttled') {
    const retryAfterMs = parseRetryAfter(verdict.retryAfter);
    if (retryAfterMs !== null) return Math.min(retryAfterMs, maxRetryAfterMs);
    return Math.round(5_000 * retry * timeScale);
  }
  return Math.round(1_000 * 2 ** (retry - 1) * timeScale);
}

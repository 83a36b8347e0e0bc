import axios, { type AxiosInstance } from 'axios';
import { getLogger, registerSecret } from '../log/logger.js';
import { decodeBody } from './json-body.js';
import type { RateLimiter } from './limiter.js';
import { judgeAttempt, retryWaitMs, type AttemptOutcome, type CallContext } from './retry.js';

/** Query parameters; undefined values are left out, booleans go as `true`/`false`. */
export type DearParams = Record<string, string | number | boolean | undefined>;

/** One call to Cin7 Core. `path` is relative to the base URL, such as `sale/order`. */
export interface DearRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  params?: DearParams;
  body?: unknown;
  /**
   * Lets a write be repeated after a timeout, reset, lost response or 5xx. Off by default,
   * because a repeated `POST sale` may create a second sale.
   */
  retryUnsafe?: boolean;
  signal?: AbortSignal;
}

/** Counters for reports and benchmarks. `calls` counts every attempt sent, retries included. */
export interface DearStats {
  calls: number;
  retries: number;
  throttled: number;
}

/** Details of one retry, passed to `onRetry` and logged. */
export interface DearRetryEvent {
  request: string;
  reason: 'throttled' | 'server-error' | 'network';
  /** HTTP status or error code of the failed attempt. */
  cause: string;
  /** The attempt that failed, from 1. */
  attempt: number;
  maxAttempts: number;
  waitMs: number;
  /** True when the wait came from the server's `Retry-After` header. */
  fromRetryAfter: boolean;
}

export interface DearTransportOptions {
  baseUrl: string;
  accountId: string;
  applicationKey: string;
  limiter: RateLimiter;
  /** Per-attempt timeout; 30 s by default. */
  timeoutMs?: number;
  /** Retries after the first attempt; 3 by default, so at most 4 attempts. */
  maxRetries?: number;
  /** Upper bound on a `Retry-After` wait; 120 s by default. */
  maxRetryAfterMs?: number;
  onRetry?: (event: DearRetryEvent) => void;
}

const log = getLogger('dear');

/**
 * Sends requests to Cin7 Core with the auth headers, through the shared rate limiter, retrying
 * throttles and transient failures as `judgeAttempt` decides. Every attempt, retries included,
 * waits for a limiter slot.
 */
export class DearTransport {
  readonly stats: DearStats = { calls: 0, retries: 0, throttled: 0 };
  private readonly http: AxiosInstance;
  private readonly limiter: RateLimiter;
  private readonly maxAttempts: number;
  private readonly maxRetryAfterMs: number;
  private readonly timeoutMs: number;
  private readonly onRetry?: (event: DearRetryEvent) => void;

  constructor(options: DearTransportOptions) {
    registerSecret(options.applicationKey);
    this.limiter = options.limiter;
    this.maxAttempts = (options.maxRetries ?? 3) + 1;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.onRetry = options.onRetry;

    const baseURL = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
    this.http = axios.create({
      baseURL,
      timeout: this.timeoutMs,
      headers: {
        'api-auth-accountid': options.accountId,
        'api-auth-applicationkey': options.applicationKey,
        'Content-Type': 'application/json',
        Accept: 'application/json',
      },
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      maxRedirects: 0,
      transitional: {
        clarifyTimeoutError: true,
        silentJSONParsing: true,
        forcedJSONParsing: false,
      },
    });
  }

  /**
   * Sends one request and returns its decoded JSON body (or text).
   *
   * Throws DearCredentialsError, DearThrottledError, DearApiError or DearNetworkError as
   * described in `retry.ts`, or the signal's reason when `request.signal` aborts.
   */
  async send(request: DearRequest): Promise<unknown> {
    const isWrite = request.method !== 'GET';
    const call: CallContext = {
      description: describeRequest(request),
      isWrite,
      repeatable: !isWrite || request.retryUnsafe === true,
    };

    for (let attempt = 1; ; attempt += 1) {
      const outcome = await this.limiter.schedule(() => this.attemptOnce(request), request.signal);
      this.stats.calls += 1;
      if (request.signal?.aborted) throw request.signal.reason;

      const verdict = judgeAttempt(outcome, call);
      if (verdict.kind === 'success') return verdict.body;
      if (verdict.kind === 'fail') {
        log.warn(`${call.description} failed: ${verdict.error.message}`);
        throw verdict.error;
      }

      if (verdict.reason === 'throttled') this.stats.throttled += 1;
      if (attempt >= this.maxAttempts) {
        const error = verdict.giveUp(attempt);
        log.warn(`${call.description} gave up after ${attempt} attempts: ${error.message}`);
        throw error;
      }

      const timeScale = this.limiter.windowMs / 60_000;
      const waitMs = retryWaitMs(verdict, attempt, timeScale, this.maxRetryAfterMs);
      const event: DearRetryEvent = {
        request: call.description,
        reason: verdict.reason,
        cause: verdict.cause,
        attempt,
        maxAttempts: this.maxAttempts,
        waitMs,
        fromRetryAfter: verdict.reason === 'throttled' && verdict.retryAfter !== null,
      };
      this.stats.retries += 1;
      log.warn(
        `Retrying ${call.description} after ${verdict.reason} (${verdict.cause}), ` +
          `attempt ${attempt} of ${this.maxAttempts} failed, waiting ${waitMs} ms`,
      );
      this.onRetry?.(event);

      // A throttle is about the key, not this call: hold every caller of the key back.
      if (verdict.reason === 'throttled') this.limiter.pauseFor(waitMs);
      await sleep(waitMs, request.signal);
    }
  }

  private async attemptOnce(request: DearRequest): Promise<AttemptOutcome> {
    try {
      const response = await this.http.request<string>({
        method: request.method,
        url: request.path,
        params: request.params,
        data: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: request.signal,
      });
      const retryAfter = response.headers['retry-after'];
      return {
        kind: 'response',
        status: response.status,
        retryAfter: typeof retryAfter === 'string' ? retryAfter : null,
        body: decodeBody(typeof response.data === 'string' ? response.data : ''),
      };
    } catch (error) {
      return describeFailure(error, this.timeoutMs);
    }
  }
}

function describeFailure(error: unknown, timeoutMs: number): AttemptOutcome {
  const code = error instanceof Error ? errorCode(error) : 'UNKNOWN';
  let detail = error instanceof Error ? error.message : String(error);
  if (code === 'ETIMEDOUT' || code === 'ECONNABORTED')
    detail = `timed out after ${timeoutMs / 1000} s`;
  if (code === 'ECONNRESET') detail = 'the connection was reset before a full response arrived';
  if (code === 'ECONNREFUSED') detail = 'the connection was refused';

  // The axios error contains the request config with the auth headers, so only its text is kept.
  const cause = new Error(error instanceof Error ? error.message : String(error));
  return { kind: 'no-response', code, detail, cause };
}

function errorCode(error: Error & { code?: unknown; cause?: unknown }): string {
  if (typeof error.code === 'string' && error.code !== 'ERR_BAD_RESPONSE') return error.code;
  const cause = error.cause as { code?: unknown } | undefined;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (/socket hang up/i.test(error.message)) return 'ECONNRESET';
  return typeof error.code === 'string' ? error.code : 'UNKNOWN';
}

/** Names a request for logs and errors: method, path and its query, never a header. */
export function describeRequest(request: Pick<DearRequest, 'method' | 'path' | 'params'>): string {
  const query = Object.entries(request.params ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' ');
  return query ? `${request.method} ${request.path} ${query}` : `${request.method} ${request.path}`;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

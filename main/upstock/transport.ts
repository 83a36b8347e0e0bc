import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import type { z } from 'zod';

import { getLogger, registerSecret } from '../log/logger.js';
import {
  UpstockApiError,
  UpstockAuthError,
  UpstockConflictError,
  UpstockContractError,
  UpstockNetworkError,
  UpstockThrottledError,
} from './errors.js';
import { problemSchema } from './schemas.js';
import type { WireProblem } from './wire.js';

const log = getLogger('upstock');

const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);
const RETRYABLE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ERR_NETWORK',
]);
const MAX_BACKOFF_MS = 30_000;

export interface TransportOptions {
  /** API base URL ending in `/v1/` (a missing trailing slash is added). */
  baseUrl: string;
  token: string;
  /** Per-attempt timeout. Defaults to 30 seconds. */
  timeoutMs?: number;
  /** Retries after the first attempt, for 429, 5xx, resets and timeouts. Defaults to 4. */
  maxRetries?: number;
  /** First backoff for 5xx and network errors, doubled per retry. Defaults to 500 ms. */
  retryBaseMs?: number;
  /** Longest Retry-After the client waits out; a longer one fails at once. Defaults to 120 s. */
  maxRetryAfterMs?: number;
}

/** Counters over the client's lifetime. `calls` counts HTTP attempts, retries included. */
export interface UpstockStats {
  calls: number;
  retries: number;
  throttled: number;
}

export interface RequestSpec<T> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path relative to the base URL, without a leading slash, already percent-encoded. */
  path: string;
  params?: Record<string, string | number | undefined>;
  data?: unknown;
  /** Schema of a 2xx body; omit for 204 responses. */
  schema?: z.ZodType<T>;
  /** Operation name for errors and logs, such as "claim order ord_00000004". */
  operation: string;
  /** Statuses returned to the caller instead of thrown, such as 404 for a delete. */
  tolerate?: number[];
}

/** A successful or tolerated response: the status and the parsed body (null without a schema). */
export interface TransportResponse<T> {
  status: number;
  body: T | null;
}

/**
 * Sends requests to the Upstock agent API with the bearer token, retries what is safe to retry
 * and turns error responses into typed errors. Every write in the API is an idempotent upsert,
 * put or delete, and a retried claim by the same agent gets a fresh token, so every call may be
 * retried.
 */
export class UpstockTransport {
  readonly stats: UpstockStats = { calls: 0, retries: 0, throttled: 0 };
  private readonly http: AxiosInstance;
  private readonly maxRetries: number;
  private readonly retryBaseMs: number;
  private readonly maxRetryAfterMs: number;

  constructor(options: TransportOptions) {
    registerSecret(options.token);
    this.maxRetries = options.maxRetries ?? 4;
    this.retryBaseMs = options.retryBaseMs ?? 500;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
    this.http = axios.create({
      baseURL: options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`,
      timeout: options.timeoutMs ?? 30_000,
      headers: { authorization: `Bearer ${options.token}`, accept: 'application/json' },
      validateStatus: () => true,
      maxContentLength: 100 * 1024 * 1024,
      maxBodyLength: 100 * 1024 * 1024,
    });
  }

  /**
   * Sends one request, retrying 429 after Retry-After and 5xx, resets and timeouts with
   * exponential backoff. Returns the status and the parsed body; the body is null for 204, for
   * tolerated statuses and when the spec has no schema.
   * Throws `UpstockAuthError`, `UpstockConflictError`, `UpstockThrottledError`,
   * `UpstockApiError`, `UpstockNetworkError` or `UpstockContractError`.
   */
  async request<T>(spec: RequestSpec<T>): Promise<TransportResponse<T>> {
    for (let attempt = 0; ; attempt++) {
      this.stats.calls += 1;
      let response: AxiosResponse;
      try {
        response = await this.http.request({
          method: spec.method,
          url: spec.path,
          params: spec.params,
          data: spec.data,
        });
      } catch (error) {
        const code = axios.isAxiosError(error) ? (error.code ?? null) : null;
        const message = error instanceof Error ? error.message : String(error);
        if (attempt < this.maxRetries && code !== null && RETRYABLE_CODES.has(code)) {
          await this.pause(spec, attempt, this.backoffMs(attempt), `${code}`);
          continue;
        }
        log.error(`${spec.operation} failed after ${attempt + 1} attempts: ${message}`);
        throw new UpstockNetworkError(spec.operation, code, message);
      }

      const { status } = response;
      if (status >= 200 && status < 300) return { status, body: this.parseBody(spec, response) };
      if (spec.tolerate?.includes(status)) return { status, body: null };

      const problem = readProblem(response);
      if (status === 429) {
        this.stats.throttled += 1;
        const retryAfterMs = parseRetryAfter(response.headers['retry-after']);
        const waitMs = retryAfterMs ?? this.backoffMs(attempt);
        if (attempt < this.maxRetries && waitMs <= this.maxRetryAfterMs) {
          await this.pause(spec, attempt, waitMs, 'HTTP 429');
          continue;
        }
        log.error(`${spec.operation} still throttled after ${attempt + 1} attempts`);
        throw new UpstockThrottledError(spec.operation, problem, retryAfterMs);
      }
      if (RETRYABLE_STATUSES.has(status) && attempt < this.maxRetries) {
        await this.pause(spec, attempt, this.backoffMs(attempt), `HTTP ${status}`);
        continue;
      }
      throw toApiError(spec.operation, problem);
    }
  }

  /**
   * Sends a request whose 2xx response must have a body and returns the parsed body. Throws as
   * `request` does, and `UpstockContractError` for a 2xx without a body.
   */
  async requestBody<T>(spec: RequestSpec<T> & { schema: z.ZodType<T> }): Promise<T> {
    const { status, body } = await this.request(spec);
    if (body === null) {
      throw new UpstockContractError(spec.operation, status, 'the response has no body');
    }
    return body;
  }

  private parseBody<T>(spec: RequestSpec<T>, response: AxiosResponse): T | null {
    if (!spec.schema) return null;
    const parsed = spec.schema.safeParse(response.data);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.') || '(body)'}: ${issue.message}` : 'unknown issue';
    log.error(`${spec.operation} returned an unexpected body (${where})`);
    throw new UpstockContractError(spec.operation, response.status, where);
  }

  private backoffMs(attempt: number): number {
    const base = Math.min(this.retryBaseMs * 2 ** attempt, MAX_BACKOFF_MS);
    return Math.round(base * (0.8 + Math.random() * 0.4));
  }

  private async pause(spec: RequestSpec<unknown>, attempt: number, waitMs: number, cause: string) {
    this.stats.retries += 1;
    log.warn(
      `${spec.operation}: ${cause} on attempt ${attempt + 1}; retrying in ${waitMs} ms (${spec.method} ${spec.path})`,
    );
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}

/** Returns the Retry-After header in milliseconds (seconds or an HTTP date), or null. */
export function parseRetryAfter(header: unknown): number | null {
  if (typeof header !== 'string' || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

function readProblem(response: AxiosResponse): WireProblem {
  const parsed = problemSchema.safeParse(response.data);
  if (parsed.success) return { ...parsed.data, status: response.status };
  return {
    type: 'about:blank',
    title: response.statusText || 'Error',
    status: response.status,
    detail: typeof response.data === 'string' ? response.data.slice(0, 500) : undefined,
  };
}

function toApiError(operation: string, problem: WireProblem): UpstockApiError {
  if (problem.status === 401) return new UpstockAuthError(operation, problem);
  if (problem.status === 409) return new UpstockConflictError(operation, problem);
  return new UpstockApiError(operation, problem);
}

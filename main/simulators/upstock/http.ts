import type { IncomingMessage, ServerResponse } from 'node:http';

import { PROBLEM_TYPE_BASE, type WireProblem } from '../../upstock/wire.js';

/** Largest request body the simulator reads; a 50,000-price list is about 4 MB. */
const MAX_BODY_BYTES = 20 * 1024 * 1024;

/** The problem cases the API uses, as the last segment of the problem type URI. */
export type ProblemCase =
  | 'unauthorized'
  | 'bad-request'
  | 'validation'
  | 'not-found'
  | 'rate-limited'
  | 'claim-conflict'
  | 'claim-not-held'
  | 'order-not-claimable'
  | 'already-pushed'
  | 'price-list-in-use'
  | 'order-not-shippable'
  | 'internal'
  /** Control API only: a shipped or cancelled order cannot be edited or change status. */
  | 'order-closed';

/**
 * An error that a route handler throws to respond with an RFC 9457 problem. The router catches
 * it and writes `toProblem()` with `status`.
 */
export class SimProblem extends Error {
  constructor(
    readonly status: number,
    readonly problemCase: ProblemCase,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: WireProblem['errors'],
  ) {
    super(detail ?? title);
  }

  toProblem(): WireProblem {
    const problem: WireProblem = {
      type: PROBLEM_TYPE_BASE + this.problemCase,
      title: this.title,
      status: this.status,
    };
    if (this.detail !== undefined) problem.detail = this.detail;
    if (this.errors !== undefined) problem.errors = this.errors;
    return problem;
  }
}

/** Returns a 404 problem naming the missing record. */
export function notFound(recordKind: string, id: string): SimProblem {
  return new SimProblem(404, 'not-found', 'Not found', `No ${recordKind} with ID "${id}" exists.`);
}

/** Returns a 400 problem for a malformed request. */
export function badRequest(detail: string): SimProblem {
  return new SimProblem(400, 'bad-request', 'Bad request', detail);
}

/**
 * Reads and parses a JSON request body. Returns undefined for an empty body and throws a 400
 * `SimProblem` for invalid JSON or a body over the size limit.
 */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) {
      throw badRequest(`The request body is larger than ${MAX_BODY_BYTES} bytes.`);
    }
    chunks.push(buffer);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
}

/** Writes a JSON response. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** Writes an `application/problem+json` response, with extra headers such as Retry-After. */
export function sendProblem(
  response: ServerResponse,
  problem: SimProblem,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(problem.toProblem());
  response.writeHead(problem.status, {
    ...headers,
    'content-type': 'application/problem+json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** Writes an empty 204 response. */
export function sendNoContent(response: ServerResponse): void {
  response.writeHead(204);
  response.end();
}

/** Returns `value` as a plain object, or throws a 400 problem naming the `expected` fields. */
export function requireObject(value: unknown, expected: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest(`The request body must be a JSON object with ${expected}.`);
  }
  return value as Record<string, unknown>;
}

/**
 * Returns the route of a request as "METHOD a/:id/b", where `parts` are the decoded path
 * segments after the prefix (`/v1` or `/_control`) and the second segment is the record ID.
 */
export function routeKey(method: string, parts: string[]): string {
  const pattern = parts.map((part, index) => (index === 1 ? ':id' : part));
  return `${method} ${pattern.join('/')}`;
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { stringifyWireJson } from './wire-json.js';

/** One element of Cin7 Core's error body (the "Error Model"). */
export interface ErrorModel {
  ErrorCode: number;
  Exception: string;
}

/**
 * An API failure, sent as `status` with a JSON array of Error Models, which is how Cin7
 * Core reports validation errors.
 */
export class ApiError extends Error {
  readonly errors: ErrorModel[];

  constructor(
    readonly status: number,
    messages: string | string[],
  ) {
    const list = Array.isArray(messages) ? messages : [messages];
    super(list.join('; '));
    this.errors = list.map((message) => ({ ErrorCode: status, Exception: message }));
  }
}

/** Shorthand for a 400 validation error with one or more messages. */
export function badRequest(messages: string | string[]): ApiError {
  return new ApiError(400, messages);
}

/** Maximum request body the simulator reads; larger bodies are rejected with 413. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Reads the whole request body as UTF-8. Rejects with ApiError 413 above 10 MB. */
export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new ApiError(413, 'Request body is larger than 10 MB'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** A response the handlers produce before it is written, so faults can drop or replace it. */
export interface PreparedResponse {
  status: number;
  body: unknown;
  /** Sent as text/plain instead of JSON when true. */
  plainText?: boolean;
  headers?: Record<string, string>;
}

/** Writes a prepared response; JSON bodies go through `stringifyWireJson`. */
export function writeResponse(response: ServerResponse, prepared: PreparedResponse): void {
  const text = prepared.plainText ? String(prepared.body) : stringifyWireJson(prepared.body);
  response.writeHead(prepared.status, {
    'Content-Type': prepared.plainText
      ? 'text/plain; charset=utf-8'
      : 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...prepared.headers,
  });
  response.end(text);
}

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DearClient, type DearClientOptions } from '../../main/dear/client.js';
import { RateLimiter } from '../../main/dear/limiter.js';
import { sampleSeed } from '../../main/sample/sample-merchant.js';
import {
  SAMPLE_ACCOUNT_ID,
  SAMPLE_APPLICATION_KEY,
  startDearSimulator,
  type DearSimulator,
  type DearSimulatorOptions,
} from '../../main/simulators/dear/server.js';

/** Time-scaled budget: 60 calls per second, so fallback waits are 1/60 of the real ones. */
export const FAST_WINDOW = { callsPerWindow: 60, windowMs: 1_000 };

/** Starts the Cin7 Core simulator with the sample merchant and its throttling off. */
export function startSampleSimulator(
  options: Partial<DearSimulatorOptions> = {},
): Promise<DearSimulator> {
  return startDearSimulator({
    port: 0,
    seed: sampleSeed(),
    rateLimit: { calls: 0, windowMs: 60_000 },
    ...options,
  });
}

/** A client for the simulator with the sample credentials and its own time-scaled limiter. */
export function clientFor(baseUrl: string, options: Partial<DearClientOptions> = {}): DearClient {
  return new DearClient({
    baseUrl,
    accountId: SAMPLE_ACCOUNT_ID,
    applicationKey: SAMPLE_APPLICATION_KEY,
    limiter: new RateLimiter(FAST_WINDOW),
    timeoutMs: 2_000,
    ...options,
  });
}

/** A canned answer of the test server. */
export interface CannedResponse {
  status: number;
  body: string;
  contentType?: string;
  headers?: Record<string, string>;
}

/** One request as the canned server received it. */
export interface ReceivedRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A loopback server that answers each request with `respond(request)` and records it. */
export interface CannedServer {
  url: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

/** Starts a loopback HTTP server for response shapes the simulator does not produce. */
export async function startCannedServer(
  respond: (url: URL, received: ReceivedRequest) => CannedResponse,
): Promise<CannedServer> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const received: ReceivedRequest = {
        method: request.method ?? 'GET',
        url,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(received);
      const canned = respond(url, received);
      response.writeHead(canned.status, {
        'Content-Type': canned.contentType ?? 'application/json; charset=utf-8',
        ...canned.headers,
      });
      response.end(canned.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/ExternalApi/v2/`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Collects every page of an async iterable of pages. */
export async function allPages<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const collected: T[] = [];
  for await (const page of pages) collected.push(page);
  return collected;
}

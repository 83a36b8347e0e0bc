import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { getLogger } from '../../log/logger.js';
import type { WireAccount } from '../../upstock/wire.js';
import { handleApiCall, type RouteResult } from './api-routes.js';
import { handleControlCall, type CallRecord, type UpstockSimControl } from './control.js';
import { FaultPlan, RateLimiter, type FaultConfig, type RateLimitConfig } from './faults.js';
import { sendJson, sendNoContent, sendProblem, SimProblem } from './http.js';
import { approveOrder, cancelOrder, editOrder, placeOrder } from './order-entry.js';
import { orderView } from './order-view.js';
import { priceListView } from './price-lists.js';
import { createState, DEFAULT_ACCOUNT, type SimContext } from './state.js';

/** The bearer token the simulator accepts when `startUpstockSimulator` is given none. */
export const defaultToken = 'sim-upstock-agent-token';

const MAX_CALL_RECORDS = 5000;

export interface UpstockSimulatorOptions {
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  token?: string;
  /** Returns 429 with Retry-After once more than `calls` API calls arrive in a window. */
  rateLimit?: RateLimitConfig;
  /** The clock; defaults to the system clock. `control.advanceClock` adds to it. */
  now?: () => Date;
  account?: Partial<WireAccount>;
  faults?: FaultConfig;
}

/** A running simulator. */
export interface UpstockSimulator {
  /** API base URL ending in `/v1/` (`http://127.0.0.1:PORT/v1/`), the client's `baseUrl`. */
  url: string;
  /** Root URL ending in `/`; the control API is at `${origin}_control/`. */
  origin: string;
  port: number;
  token: string;
  control: UpstockSimControl;
  /** API calls received since the last reset, faulted ones included. */
  readonly callCount: number;
  close(): Promise<void>;
}

/**
 * Starts the Upstock simulator: the reference server of `docs/upstock-agent-api.yaml` over plain
 * HTTP on 127.0.0.1, with in-memory state. Resolves once it listens.
 */
export async function startUpstockSimulator(
  options: UpstockSimulatorOptions = {},
): Promise<UpstockSimulator> {
  const log = getLogger('sim');
  const token = options.token ?? defaultToken;
  const account: WireAccount = { ...DEFAULT_ACCOUNT, ...options.account };
  const baseNow = options.now ?? (() => new Date());
  let clockOffsetMs = 0;
  const context: SimContext = {
    state: createState(account),
    now: () => new Date(baseNow().getTime() + clockOffsetMs),
  };
  const faults = new FaultPlan();
  if (options.faults) faults.configure(options.faults);
  let rateLimiter = options.rateLimit ? new RateLimiter(options.rateLimit) : null;
  let calls: CallRecord[] = [];
  let callCount = 0;

  const control: UpstockSimControl = {
    state: () => {
      const nowMs = context.now().getTime();
      const { state } = context;
      return {
        account: { ...state.account },
        products: [...state.products.values()].map((product) => structuredClone(product)),
        customers: [...state.customers.values()].map((customer) => structuredClone(customer)),
        priceLists: [...state.priceLists.values()].map((list) => priceListView(context, list)),
        orders: [...state.orders.values()].map((order) => orderView(order, nowMs)),
      };
    },
    reset: () => {
      context.state = createState(account);
      faults.configure({});
      rateLimiter = options.rateLimit ? new RateLimiter(options.rateLimit) : null;
      calls = [];
      callCount = 0;
    },
    placeOrder: (input) => placeOrder(context, input),
    editOrder: (orderId, input) => editOrder(context, orderId, input),
    approveOrder: (orderId) => approveOrder(context, orderId),
    cancelOrder: (orderId) => cancelOrder(context, orderId),
    setFaults: (config) => {
      faults.configure(config);
      return faults.describe();
    },
    calls: () => calls.map((call) => ({ ...call })),
    advanceClock: (milliseconds) => {
      clockOffsetMs += milliseconds;
    },
  };

  async function handleApiRequest(request: IncomingMessage, response: ServerResponse, url: URL) {
    const record: CallRecord = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: url.search,
      status: null,
      fault: null,
      at: context.now().toISOString(),
    };
    calls.push(record);
    if (calls.length > MAX_CALL_RECORDS) calls.shift();
    callCount += 1;

    const fault = faults.draw(url.pathname);
    record.fault = fault;
    if (fault === 'reset') {
      log.debug(`Injected a connection reset on ${record.method} ${url.pathname}`);
      request.socket.destroy();
      return;
    }
    if (fault === '500') {
      record.status = 500;
      throw new SimProblem(500, 'internal', 'Internal server error', 'Injected fault: try again.');
    }
    const retryAfter =
      fault === '429'
        ? faults.retryAfterSeconds
        : (rateLimiter?.check(context.now().getTime()) ?? null);
    if (retryAfter !== null) {
      record.fault = fault ?? 'rate-limit';
      record.status = 429;
      const problem = new SimProblem(
        429,
        'rate-limited',
        'Too many requests',
        `Retry after ${retryAfter} seconds.`,
      );
      sendProblem(response, problem, { 'retry-after': String(retryAfter) });
      return;
    }
    if (request.headers.authorization !== `Bearer ${token}`) {
      record.status = 401;
      throw new SimProblem(
        401,
        'unauthorized',
        'Unauthorized',
        'The bearer token is missing or not valid; create a new agent token in Upstock.',
      );
    }

    const result = await handleApiCall(context, request, url).catch((error: unknown) => {
      record.status = toProblem(error).status;
      throw error;
    });
    if (fault === 'lost-response') {
      log.debug(`Dropped the response to ${record.method} ${url.pathname} after applying it`);
      request.socket.destroy();
      return;
    }
    record.status = result.status;
    writeResult(response, result);
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const isControl = url.pathname.startsWith('/_control/');
    const work = isControl
      ? handleControlCall(control, request, url).then((result) => writeResult(response, result))
      : url.pathname.startsWith('/v1/')
        ? handleApiRequest(request, response, url)
        : Promise.reject(
            new SimProblem(
              404,
              'not-found',
              'Not found',
              `${url.pathname} is not served here; the API is under /v1/.`,
            ),
          );

    work.catch((error: unknown) => {
      const problem = toProblem(error);
      if (problem.status === 500 && !(error instanceof SimProblem)) {
        log.error(`Simulator failed on ${request.method} ${url.pathname}`, error);
      }
      if (!response.headersSent && !response.destroyed) sendProblem(response, problem);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}/`;
  log.info(`Upstock simulator listening on ${origin}`);

  return {
    url: `${origin}v1/`,
    origin,
    port,
    token,
    control,
    get callCount() {
      return callCount;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function writeResult(response: ServerResponse, result: RouteResult): void {
  if (result.status === 204) sendNoContent(response);
  else sendJson(response, result.status, result.body);
}

/** Returns the problem to send for an error thrown while handling a request. */
function toProblem(error: unknown): SimProblem {
  if (error instanceof SimProblem) return error;
  if (error instanceof URIError) {
    return new SimProblem(
      400,
      'bad-request',
      'Bad request',
      'The path is not valid percent-encoding.',
    );
  }
  return new SimProblem(500, 'internal', 'Internal server error', String(error));
}

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getLogger } from '../../log/logger.js';
import type { DearSeed } from '../../sample/dear-seed.js';
import { dispatchApiRequest } from './api-dispatch.js';
import { CallLog } from './call-log.js';
import { DearControl } from './control.js';
import { dispatchControlRequest } from './control-routes.js';
import type { DealsEnvelope } from './deal-routes.js';
import { DearStampClock } from './dear-time.js';
import { FaultPlan } from './faults.js';
import { DEFAULT_RATE_LIMIT, RateWindow } from './rate-window.js';
import type { SimulatorContext } from './simulator-context.js';
import { SimState, type ListOrder } from './state.js';

export type { DearSeed } from '../../sample/dear-seed.js';
export type { CallRecord } from './call-log.js';
export type { DearControl, PageAction, SimulatorStateSummary } from './control.js';
export type { DealsEnvelope } from './deal-routes.js';
export type { FaultKind, FaultSettings, ForbiddenBodyStyle } from './faults.js';
export type { RateLimitSettings } from './rate-window.js';
export type { ShipRequest } from './sale-fulfilment.js';
export type { AfterCallHook, CallEvent } from './simulator-context.js';

/** Account ID the simulator accepts unless `accountId` is given. */
export const SAMPLE_ACCOUNT_ID = '5e1a7c39-2b64-4f0e-9a3d-0c8b1f6d2a71';
/** Application Key the simulator accepts unless `applicationKey` is given. */
export const SAMPLE_APPLICATION_KEY = 'b7d4e2f1-93a6-4c58-8e0b-6f2a1d9c4e35';

export interface DearSimulatorOptions {
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  seed: DearSeed;
  accountId?: string;
  applicationKey?: string;
  /** Calls per window; default 60 per 60,000 ms. `calls: 0` turns throttling off. */
  rateLimit?: { calls: number; windowMs: number };
  /** Status when over the limit; default 429. */
  throttleMode?: '429' | '503';
  /** `Retry-After` seconds on 429; default none. */
  retryAfterSeconds?: number | null;
  /** Row order of paged lists; default `modified` (oldest `LastModifiedOn` first). */
  listOrder?: ListOrder;
  /**
   * Shape of `GET reference/deals`: `deals-only` (the default, as documented) or `with-total`
   * (adds `Total` and `Page`, which Cin7 Core may or may not send).
   */
  dealsEnvelope?: DealsEnvelope;
  /** Clock for `LastModifiedOn` / `Updated` stamps; default the system clock. */
  now?: () => Date;
}

export interface DearSimulator {
  /** Base URL of the API, ending in `/ExternalApi/v2/`. */
  url: string;
  /** Base URL of the control API, ending in `/_control/`. */
  controlUrl: string;
  /** API calls received so far (control calls excluded). */
  readonly callCount: number;
  control: DearControl;
  /** Stops listening and drops every open connection, including requests held by the timeout fault. */
  close(): Promise<void>;
}

const log = getLogger('sim');

/**
 * Starts a Cin7 Core API v2 simulator on 127.0.0.1, serving `seed`. Resolves once it listens;
 * rejects when the port cannot be bound.
 */
export async function startDearSimulator(options: DearSimulatorOptions): Promise<DearSimulator> {
  const now = options.now ?? (() => new Date());
  const context: SimulatorContext = {
    state: new SimState(options.seed, new DearStampClock(now)),
    rateWindow: new RateWindow({
      calls: options.rateLimit?.calls ?? DEFAULT_RATE_LIMIT.calls,
      windowMs: options.rateLimit?.windowMs ?? DEFAULT_RATE_LIMIT.windowMs,
      throttleMode: options.throttleMode ?? DEFAULT_RATE_LIMIT.throttleMode,
      retryAfterSeconds: options.retryAfterSeconds ?? DEFAULT_RATE_LIMIT.retryAfterSeconds,
    }),
    faults: new FaultPlan(),
    callLog: new CallLog(),
    listOrder: options.listOrder ?? 'modified',
    dealsEnvelope: options.dealsEnvelope ?? 'deals-only',
    credentials: {
      accountId: options.accountId ?? SAMPLE_ACCOUNT_ID,
      applicationKey: options.applicationKey ?? SAMPLE_APPLICATION_KEY,
    },
    heldResponses: new Set(),
    afterCallHooks: new Set(),
    callCount: 0,
  };
  const control = new DearControl(context);

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/_control/')) {
      await dispatchControlRequest(
        control,
        request,
        response,
        url.pathname.slice('/_control/'.length).replace(/\/+$/, ''),
      );
      return;
    }
    await dispatchApiRequest(context, request, response, url);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log.error(`Simulator failed on ${request.method} ${request.url}`, error);
      if (!response.headersSent) response.writeHead(500).end();
      else response.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  log.info(`Cin7 Core simulator listening on 127.0.0.1:${port} (${options.seed.me.Company})`);

  return {
    url: `http://127.0.0.1:${port}/ExternalApi/v2/`,
    controlUrl: `http://127.0.0.1:${port}/_control/`,
    get callCount() {
      return context.callCount;
    },
    control,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const heldResponse of context.heldResponses) heldResponse.destroy();
        context.heldResponses.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
        log.info(`Cin7 Core simulator on port ${port} stopped`);
      }),
  };
}

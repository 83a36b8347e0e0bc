import type { IncomingMessage } from 'node:http';

import type {
  WireAccount,
  WireCustomer,
  WireOrder,
  WirePriceList,
  WireProduct,
} from '../../upstock/wire.js';
import type { FaultConfig, FaultKind } from './faults.js';
import { badRequest, readJsonBody, requireObject, routeKey, SimProblem } from './http.js';
import type { EditOrderInput, PlaceOrderInput } from './order-entry.js';
import type { RouteResult } from './api-routes.js';

/** One API call as the simulator logged it. */
export interface CallRecord {
  method: string;
  path: string;
  query: string;
  /** The status sent, or null when the connection was closed without a response. */
  status: number | null;
  fault: FaultKind | 'rate-limit' | null;
  at: string;
}

/** Everything the simulator stores, as `GET /_control/state` returns it. */
export interface SimSnapshot {
  account: WireAccount;
  products: WireProduct[];
  /** Each customer carries its `priceListKey`. */
  customers: WireCustomer[];
  priceLists: WirePriceList[];
  orders: WireOrder[];
}

/**
 * Test and sandbox controls, reachable as functions on the simulator handle and over HTTP under
 * `/_control/` (without a token).
 */
export interface UpstockSimControl {
  state(): SimSnapshot;
  /** Deletes every record, turns faults off and clears the call log. */
  reset(): void;
  placeOrder(input: PlaceOrderInput): WireOrder;
  editOrder(orderId: string, input: EditOrderInput): WireOrder;
  approveOrder(orderId: string): WireOrder;
  cancelOrder(orderId: string): WireOrder;
  setFaults(config: FaultConfig): FaultConfig;
  /** API calls since the last reset, oldest first (the newest 5,000 are kept). */
  calls(): CallRecord[];
  /** Moves the simulator's clock forward, for example to let claim leases run out. */
  advanceClock(milliseconds: number): void;
}

/**
 * Runs one `/_control/...` call: `GET state`, `POST reset`, `POST orders`, `PATCH orders/:id`,
 * `POST orders/:id/approve`, `POST orders/:id/cancel`, `POST faults`, `GET calls` and
 * `POST clock` (`{ advanceMs }`). Returns the response to send; throws `SimProblem` for bad
 * input and 404 for an unknown path.
 */
export async function handleControlCall(
  control: UpstockSimControl,
  request: IncomingMessage,
  url: URL,
): Promise<RouteResult> {
  const method = request.method ?? 'GET';
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent).slice(1);
  const id = parts[1];
  const body = method === 'GET' ? undefined : await readJsonBody(request);
  switch (routeKey(method, parts)) {
    case 'GET state':
      return { status: 200, body: control.state() };
    case 'POST reset':
      control.reset();
      return { status: 204 };
    case 'POST orders':
      return {
        status: 201,
        body: control.placeOrder(requireObject(body, 'the order') as unknown as PlaceOrderInput),
      };
    case 'PATCH orders/:id':
      return {
        status: 200,
        body: control.editOrder(id ?? '', requireObject(body, 'the changes') as EditOrderInput),
      };
    case 'POST orders/:id/approve':
      return { status: 200, body: control.approveOrder(id ?? '') };
    case 'POST orders/:id/cancel':
      return { status: 200, body: control.cancelOrder(id ?? '') };
    case 'POST faults':
      return {
        status: 200,
        body: control.setFaults(requireObject(body ?? {}, 'the fault settings') as FaultConfig),
      };
    case 'GET calls': {
      const calls = control.calls();
      return { status: 200, body: { count: calls.length, calls } };
    }
    case 'POST clock': {
      const advance = requireObject(body, '"advanceMs"').advanceMs;
      if (typeof advance !== 'number' || !Number.isFinite(advance) || advance < 0) {
        throw badRequest('advanceMs must be a non-negative number of milliseconds.');
      }
      control.advanceClock(advance);
      return { status: 204 };
    }
  }
  throw new SimProblem(
    404,
    'not-found',
    'Not found',
    `${method} ${url.pathname} is not a control endpoint.`,
  );
}

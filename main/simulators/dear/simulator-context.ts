import type { ServerResponse } from 'node:http';
import type { CallLog } from './call-log.js';
import type { DealsEnvelope } from './deal-routes.js';
import type { FaultPlan } from './faults.js';
import type { RateWindow } from './rate-window.js';
import type { ListOrder, SimState } from './state.js';

/** An API call that got a response, as passed to `afterCall` hooks. */
export interface CallEvent {
  method: string;
  /** Endpoint in lower case, e.g. `product`. */
  path: string;
  status: number;
  /** `Page` of a list response, when the body has one. */
  page?: number;
  /** Query parameters as sent (names in the client's spelling). */
  query: URLSearchParams;
}

/** Runs after an API call is handled and before its response is written. */
export type AfterCallHook = (event: CallEvent) => void | Promise<void>;

/** Everything the API dispatcher and the control API share. */
export interface SimulatorContext {
  state: SimState;
  rateWindow: RateWindow;
  faults: FaultPlan;
  callLog: CallLog;
  listOrder: ListOrder;
  /** Whether `GET reference/deals` adds `Total` and `Page` to `Deals`. */
  dealsEnvelope: DealsEnvelope;
  credentials: { accountId: string; applicationKey: string };
  /** Responses held open by the timeout fault; destroyed when the server closes. */
  heldResponses: Set<ServerResponse>;
  afterCallHooks: Set<AfterCallHook>;
  callCount: number;
}

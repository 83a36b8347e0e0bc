import type { IncomingMessage, ServerResponse } from 'node:http';
import { getLogger } from '../../log/logger.js';
import { ControlError } from './catalog-edits.js';
import type { DearControl, PageAction } from './control.js';
import type { FaultSettings } from './faults.js';
import { readBody, writeResponse } from './http-io.js';
import type { RateLimitSettings } from './rate-window.js';
import type { ShipRequest } from './sale-fulfilment.js';

const log = getLogger('sim');

type ControlHandler = (control: DearControl, body: unknown, params: string[]) => unknown;

function asArray<T>(body: unknown): T[] {
  return (Array.isArray(body) ? body : [body]) as T[];
}

function asObject(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new ControlError(400, 'The request body must be a JSON object');
  return body as Record<string, unknown>;
}

/** Control routes: method, path pattern (`:id` captures a segment) and handler. */
const ROUTES: Array<[string, RegExp, ControlHandler]> = [
  ['GET', /^state$/, (control) => control.summary()],
  ['POST', /^reset$/, (control) => (control.reset(), control.summary())],
  ['GET', /^products\/([^/]+)$/, (control, _body, [id]) => control.product(id ?? '')],
  ['POST', /^products$/, (control, body) => control.addProducts(asArray(body))],
  [
    'PATCH',
    /^products\/([^/]+)$/,
    (control, body, [id]) => control.patchProduct(id ?? '', asObject(body)),
  ],
  [
    'POST',
    /^products\/([^/]+)\/deprecate$/,
    (control, _body, [id]) => control.deprecateProduct(id ?? ''),
  ],
  ['GET', /^customers\/([^/]+)$/, (control, _body, [id]) => control.customer(id ?? '')],
  ['POST', /^customers$/, (control, body) => control.addCustomers(asArray(body))],
  [
    'PATCH',
    /^customers\/([^/]+)$/,
    (control, body, [id]) => control.patchCustomer(id ?? '', asObject(body)),
  ],
  [
    'POST',
    /^stock$/,
    (control, body) => (
      control.setStock(asObject(body) as Record<string, number>),
      control.summary().stock
    ),
  ],
  ['POST', /^faults$/, (control, body) => control.setFaults(asObject(body) as FaultSettings)],
  ['DELETE', /^faults$/, (control) => (control.clearFaults(), control.summary().faults)],
  [
    'POST',
    /^rate-limit$/,
    (control, body) => control.setRateLimit(asObject(body) as Partial<RateLimitSettings>),
  ],
  ['POST', /^settings$/, (control, body) => control.updateSettings(asObject(body))],
  [
    'PATCH',
    /^deals\/([^/]+)$/,
    (control, body, [id]) => control.patchDeal(id ?? '', asObject(body)),
  ],
  [
    'POST',
    /^deals-envelope$/,
    (control, body) => ({ envelope: control.setDealsEnvelope(asObject(body).envelope) }),
  ],
  [
    'POST',
    /^authorisation-discount$/,
    (control, body) => ({
      percent: control.setAuthorisationDiscount(asObject(body).percent ?? null),
    }),
  ],
  ['GET', /^sales$/, (control) => control.sales()],
  [
    'POST',
    /^sales\/([^/]+)\/ship$/,
    (control, body, [id]) => control.shipSale(id ?? '', asObject(body) as unknown as ShipRequest),
  ],
  ['POST', /^sales\/([^/]+)\/void$/, (control, _body, [id]) => control.voidSale(id ?? '')],
  ['GET', /^calls$/, (control) => control.calls()],
  ['DELETE', /^calls$/, (control) => (control.clearCalls(), [])],
  [
    'POST',
    /^page-hooks$/,
    (control, body) => {
      const hook = asObject(body);
      if (
        typeof hook.endpoint !== 'string' ||
        typeof hook.afterPage !== 'number' ||
        !Array.isArray(hook.actions)
      ) {
        throw new ControlError(
          400,
          'A page hook needs endpoint (string), afterPage (number) and actions (array)',
        );
      }
      control.onPage(hook.endpoint, hook.afterPage, hook.actions as PageAction[]);
      return { scheduled: true };
    },
  ],
];

/**
 * Handles one `/_control/...` request (no credentials, plain JSON). Errors come back as
 * `{ "error": "<message>" }` with status 400, 404 or 409.
 */
export async function dispatchControlRequest(
  control: DearControl,
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
): Promise<void> {
  const method = request.method ?? 'GET';
  try {
    const text = method === 'GET' ? '' : await readBody(request);
    let body: unknown;
    try {
      body = text.trim() === '' ? undefined : JSON.parse(text);
    } catch {
      throw new ControlError(400, 'The request body is not valid JSON');
    }
    const matching = ROUTES.filter(([, pattern]) => pattern.test(path));
    const route = matching.find(([routeMethod]) => routeMethod === method);
    if (!route) {
      const status = matching.length > 0 ? 405 : 404;
      writeResponse(response, {
        status,
        body: { error: `No control route for ${method} /_control/${path}` },
      });
      return;
    }
    const params = (route[1].exec(path) ?? []).slice(1).map((part) => decodeURIComponent(part));
    const result = route[2](control, body, params);
    writeResponse(response, { status: 200, body: result ?? { ok: true } });
  } catch (error) {
    if (error instanceof ControlError) {
      writeResponse(response, { status: error.status, body: { error: error.message } });
      return;
    }
    log.error(`Simulator control ${method} /_control/${path} failed`, error);
    writeResponse(response, { status: 500, body: { error: (error as Error).message } });
  }
}

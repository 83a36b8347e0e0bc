import type { IncomingMessage, ServerResponse } from 'node:http';
import { getLogger } from '../../log/logger.js';
import { API_ROUTES } from './api-routes.js';
import type { FaultKind } from './faults.js';
import { ApiError, readBody, writeResponse, type PreparedResponse } from './http-io.js';
import { QueryParams } from './query.js';
import { throttleBody } from './rate-window.js';
import type { SimulatorContext } from './simulator-context.js';
import { parseWireJson } from './wire-json.js';

const log = getLogger('sim');
const API_PREFIX = '/externalapi/v2/';

function forbidden(context: SimulatorContext): PreparedResponse {
  switch (context.faults.forbiddenBody) {
    case 'text':
      return { status: 403, body: 'Incorrect credentials!', plainText: true };
    case 'error-model':
      return { status: 403, body: [{ ErrorCode: 403, Exception: 'Incorrect credentials!' }] };
    default:
      return { status: 403, body: 'Incorrect credentials!' };
  }
}

function throttled(context: SimulatorContext, mode: '429' | '503'): PreparedResponse {
  const settings = { ...context.rateWindow.settings, throttleMode: mode };
  const headers: Record<string, string> = {};
  if (mode === '429' && settings.retryAfterSeconds !== null)
    headers['Retry-After'] = String(settings.retryAfterSeconds);
  return { status: Number(mode), body: throttleBody(settings), headers };
}

function hasCredentials(context: SimulatorContext, request: IncomingMessage): boolean {
  const accountId = request.headers['api-auth-accountid'];
  const applicationKey = request.headers['api-auth-applicationkey'];
  return (
    typeof accountId === 'string' &&
    typeof applicationKey === 'string' &&
    accountId.trim().toLowerCase() === context.credentials.accountId.toLowerCase() &&
    applicationKey.trim().toLowerCase() === context.credentials.applicationKey.toLowerCase()
  );
}

/** Runs the endpoint's handler, turning ApiError and bad JSON into Error Model responses. */
async function runHandler(
  context: SimulatorContext,
  request: IncomingMessage,
  endpoint: string,
  url: URL,
): Promise<PreparedResponse> {
  const handler = API_ROUTES[endpoint]?.[request.method as 'GET'];
  if (!handler)
    return {
      status: 405,
      body: [
        {
          ErrorCode: 405,
          Exception: `The requested resource does not support http method '${request.method}'.`,
        },
      ],
    };
  try {
    let body: unknown;
    if (request.method === 'POST' || request.method === 'PUT') {
      const text = await readBody(request);
      try {
        body = text.trim() === '' ? undefined : parseWireJson(text);
      } catch {
        throw new ApiError(400, 'The request body is not valid JSON.');
      }
    }
    return handler({
      state: context.state,
      query: new QueryParams(url.searchParams),
      body,
      listOrder: context.listOrder,
      dealsEnvelope: context.dealsEnvelope,
    });
  } catch (error) {
    if (error instanceof ApiError) return { status: error.status, body: error.errors };
    log.error(`Simulator handler for ${request.method} ${endpoint} failed`, error);
    return { status: 500, body: [{ ErrorCode: 500, Exception: (error as Error).message }] };
  }
}

function destroySocket(request: IncomingMessage): void {
  request.socket.destroy();
}

/**
 * Handles one call below `/ExternalApi/v2/`: route lookup (404/405), credentials (403), rate
 * window (429/503), injected faults, then the endpoint handler and any `afterCall` hooks.
 */
export async function dispatchApiRequest(
  context: SimulatorContext,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  context.callCount += 1;
  const method = request.method ?? 'GET';
  const lowerPath = decodeURIComponent(url.pathname).toLowerCase();
  const endpoint = lowerPath.startsWith(API_PREFIX)
    ? lowerPath.slice(API_PREFIX.length).replace(/\/+$/, '')
    : lowerPath;
  const logCall = (status: number | null, fault: FaultKind | null) =>
    context.callLog.add({ method, path: endpoint, query: url.search, status, fault });
  const send = (prepared: PreparedResponse, fault: FaultKind | null = null) => {
    logCall(prepared.status, fault);
    writeResponse(response, prepared);
  };

  if (!lowerPath.startsWith(API_PREFIX) || !API_ROUTES[endpoint]) {
    send({
      status: 404,
      body: [{ ErrorCode: 404, Exception: `No endpoint matches '${url.pathname}'.` }],
    });
    return;
  }
  if (!API_ROUTES[endpoint]?.[method as 'GET']) {
    send({
      status: 405,
      body: [
        {
          ErrorCode: 405,
          Exception: `The requested resource does not support http method '${method}'.`,
        },
      ],
    });
    return;
  }
  if (!hasCredentials(context, request)) {
    send(forbidden(context));
    return;
  }
  if (!context.rateWindow.tryAcquire()) {
    send(throttled(context, context.rateWindow.settings.throttleMode));
    return;
  }

  const fault = context.faults.draw(method, endpoint);
  if (fault) log.debug(`Simulator injects ${fault} into ${method} ${endpoint}`);
  switch (fault) {
    case 'throttle-429':
      return send(throttled(context, '429'), fault);
    case 'throttle-503':
      return send(throttled(context, '503'), fault);
    case 'http-500':
      return send(
        { status: 500, body: [{ ErrorCode: 500, Exception: 'An unexpected error occurred.' }] },
        fault,
      );
    case 'error-in-200':
      return send(
        {
          status: 200,
          body: [
            { ErrorCode: 500, Exception: 'Object reference not set to an instance of an object.' },
          ],
        },
        fault,
      );
    case 'timeout':
      logCall(null, fault);
      context.heldResponses.add(response);
      response.on('close', () => context.heldResponses.delete(response));
      return;
    case 'reset':
      logCall(null, fault);
      destroySocket(request);
      return;
    default:
      break;
  }

  const prepared = await runHandler(context, request, endpoint, url);
  if (fault === 'lost-response') {
    logCall(null, fault);
    destroySocket(request);
    return;
  }
  if (prepared.status === 200 && context.afterCallHooks.size > 0) {
    const page = (prepared.body as { Page?: unknown } | null)?.Page;
    const event = {
      method,
      path: endpoint,
      status: prepared.status,
      page: typeof page === 'number' ? page : undefined,
      query: url.searchParams,
    };
    for (const hook of [...context.afterCallHooks]) await hook(event);
  }
  send(prepared);
}

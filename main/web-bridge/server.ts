import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { IpcChannel, IpcEvents } from '../../shared/ipc.js';
import type { AgentStatus } from '../../shared/sync.js';
import { createIpcHandlers } from '../electron/ipc/handlers.js';
import { requestSchemas } from '../electron/ipc/request-schemas.js';
import { notificationsForStatusChange } from '../electron/status-notifications.js';
import type { EngineApi } from '../engine-types.js';
import { getLogger } from '../log/logger.js';
import { BRIDGE_SCRIPT } from './bridge-script.js';
import { injectBridge, readRendererFile } from './static-files.js';

const BRIDGE_SCRIPT_PATH = './test-bridge.js';
const MAX_BODY_BYTES = 5_000_000;

type Notification = IpcEvents['notification:added'];

export interface WebBridgeOptions {
  /** A started engine; the server never starts or stops it. Orders go through it too. */
  engine: EngineApi;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
}

export interface WebBridge {
  /** `http://127.0.0.1:PORT/`, the window's address. */
  url: string;
  /** Notifications raised so far, newest first. */
  readonly notifications: readonly Notification[];
  close(): Promise<void>;
}

/**
 * Starts a loopback HTTP server that shows the built window in an ordinary browser, wired to
 * a real engine. It serves out/renderer with a script that defines `window.upstockDearSync`.
 * It handles `POST /ipc/<channel>` through the Electron shell's handlers and request schemas,
 * and pushes `status:changed`, `sync:progress` and `notification:added` as server-sent events.
 * It exists for end-to-end tests in Chromium, because Electron cannot run there.
 */
export async function startWebBridge(options: WebBridgeOptions): Promise<WebBridge> {
  const log = getLogger('app');
  const { engine } = options;
  const streams = new Set<ServerResponse>();
  const notifications: Notification[] = [];
  let previousStatus: AgentStatus | null = null;

  function broadcast<E extends keyof IpcEvents>(event: E, payload: IpcEvents[E]): void {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const stream of streams) stream.write(frame);
  }

  const handlers = createIpcHandlers({
    engine,
    pauses: {
      pauseByMerchant: (until) => engine.pause(until),
      resumeByMerchant: () => engine.resume(),
    },
    notifications: { list: () => notifications },
    onSettingsChanged: () => undefined,
  });

  const stopStatus = engine.on('status', (status) => {
    for (const note of notificationsForStatusChange(previousStatus, status)) {
      const entry = {
        id: randomUUID(),
        title: note.title,
        body: note.body,
        at: new Date().toISOString(),
      };
      notifications.unshift(entry);
      broadcast('notification:added', entry);
    }
    previousStatus = status;
    broadcast('status:changed', status);
  });
  const stopProgress = engine.on('progress', (progress) => broadcast('sync:progress', progress));

  async function answerIpc(channel: string, request: IncomingMessage, response: ServerResponse) {
    if (!Object.hasOwn(requestSchemas, channel)) {
      log.warn(`web bridge: request on unknown channel ${channel} rejected`);
      sendJson(response, 404, {
        ok: false,
        error: `Unknown IPC channel "${channel}": use a channel of IpcContract in shared/ipc.ts.`,
      });
      return;
    }
    const typedChannel = channel as IpcChannel;
    const body = (await readJson(request)) as { request?: unknown } | null;
    const schema: z.ZodType<unknown, unknown> = requestSchemas[typedChannel];
    const parsed = schema.safeParse(body?.request ?? null);
    if (!parsed.success) {
      const problems = z.prettifyError(parsed.error);
      log.warn(`web bridge: request on ${channel} rejected as invalid: ${problems}`);
      sendJson(response, 400, { ok: false, error: `Invalid request on ${channel}: ${problems}` });
      return;
    }

    const handler = handlers[typedChannel] as (value: unknown) => unknown;
    try {
      sendJson(response, 200, { ok: true, response: await handler(parsed.data) });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.warn(`web bridge: ${channel} failed: ${message}`);
      sendJson(response, 200, { ok: false, error: message });
    }
  }

  function openEventStream(response: ServerResponse) {
    response.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    streams.add(response);
    response.on('close', () => streams.delete(response));
  }

  async function serveFile(path: string, response: ServerResponse) {
    if (path === '/test-bridge.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      response.end(BRIDGE_SCRIPT);
      return;
    }
    const file = await readRendererFile(options.rendererDir, path === '/' ? '/index.html' : path);
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end(`Not found: ${path}`);
      return;
    }
    const body = file.contentType.startsWith('text/html')
      ? injectBridge(file.body.toString('utf8'), BRIDGE_SCRIPT_PATH)
      : file.body;
    response.writeHead(200, { 'content-type': file.contentType, 'cache-control': 'no-store' });
    response.end(body);
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const route = async () => {
      if (!isSameOrigin(request)) {
        sendJson(response, 403, { ok: false, error: 'Cross-origin requests are rejected.' });
      } else if (request.method === 'POST' && url.pathname.startsWith('/ipc/')) {
        await answerIpc(decodeURIComponent(url.pathname.slice('/ipc/'.length)), request, response);
      } else if (request.method === 'GET' && url.pathname === '/events') {
        openEventStream(response);
      } else if (request.method === 'GET') {
        await serveFile(url.pathname, response);
      } else {
        sendJson(response, 405, { ok: false, error: `${request.method} is not supported here.` });
      }
    };
    route().catch((error: unknown) => {
      log.error(`web bridge: ${request.method} ${url.pathname} failed`, error);
      if (!response.headersSent) sendJson(response, 500, { ok: false, error: String(error) });
      else response.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  log.info(`web bridge: serving ${options.rendererDir} on 127.0.0.1:${port}`);

  return {
    url: `http://127.0.0.1:${port}/`,
    notifications,
    close: async () => {
      stopStatus();
      stopProgress();
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Browsers send Origin on cross-site POSTs; only the server's own origin may call in. */
function isSameOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  return !origin || origin === `http://${request.headers.host}`;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error(`Request body is over ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : null;
}

import type {
  IpcChannel,
  IpcEvents,
  IpcRequest,
  IpcResponse,
  RendererBridge,
} from '../shared/ipc.js';

declare global {
  interface Window {
    /** Set by the preload script (or by the test bridge in a plain browser). */
    upstockDearSync?: RendererBridge;
  }
}

/**
 * Returns the bridge the preload script exposed.
 *
 * Throws when the window runs without one (opened straight from disk, or a preload failure),
 * because no screen can work without the main process.
 */
export function getBridge(): RendererBridge {
  const bridge = window.upstockDearSync;
  if (!bridge) {
    throw new Error('The window has no connection to the agent. Restart Upstock Dear Sync.');
  }
  return bridge;
}

/** Sends one request to the main process and returns its typed response. */
export function invoke<C extends IpcChannel>(
  channel: C,
  request: IpcRequest<C>,
): Promise<IpcResponse<C>> {
  return getBridge().invoke(channel, request);
}

/** Subscribes to an event pushed by the main process; returns the unsubscribe function. */
export function subscribe<E extends keyof IpcEvents>(
  event: E,
  listener: (payload: IpcEvents[E]) => void,
): () => void {
  return getBridge().on(event, listener);
}

/**
 * Returns the message to show for a failed request. Electron wraps handler errors as
 * "Error invoking remote method 'channel': Error: message"; only the last part is meant for
 * the merchant.
 */
export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const wrapped = /^Error invoking remote method '[^']+': (?:[A-Za-z]*Error: )?(.*)$/s.exec(text);
  return wrapped?.[1] ?? text;
}

import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { z } from 'zod';
import type { IpcChannel, IpcEvents } from '../../../shared/ipc.js';
import type { Logger } from '../../log/logger.js';
import type { IpcHandlers } from './handlers.js';
import { requestSchemas } from './request-schemas.js';
import { isTrustedSender } from './trusted-sender.js';

/** Thrown to the window when a request fails validation or comes from an unknown sender. */
export class IpcRequestRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IpcRequestRejectedError';
  }
}

export interface RegisterOptions {
  ipcMain: Pick<IpcMain, 'handle'>;
  handlers: IpcHandlers;
  /** Absolute path of out/renderer/index.html: the only page allowed to call. */
  rendererIndex: string;
  log: Logger;
}

/** Returns the handler wrapped with the sender check and the channel's zod validation. */
export function guardedHandler<C extends IpcChannel>(
  channel: C,
  options: Omit<RegisterOptions, 'ipcMain'>,
): (event: Pick<IpcMainInvokeEvent, 'senderFrame'>, request: unknown) => Promise<unknown> {
  const schema: z.ZodType<unknown, unknown> = requestSchemas[channel];
  const handler = options.handlers[channel] as (request: unknown) => unknown;

  return async (event, request) => {
    const frame = event.senderFrame;
    if (!isTrustedSender(frame, options.rendererIndex)) {
      const url = frame?.url ?? '(frame gone)';
      options.log.warn(`IPC request on ${channel} rejected: unknown sender ${url}`);
      throw new IpcRequestRejectedError(
        `Request on ${channel} rejected: it did not come from the Upstock Dear Sync window (${url}).`,
      );
    }

    const parsed = schema.safeParse(request);
    if (!parsed.success) {
      const problems = z.prettifyError(parsed.error);
      options.log.warn(`IPC request on ${channel} rejected as invalid: ${problems}`);
      throw new IpcRequestRejectedError(`Invalid request on ${channel}: ${problems}`);
    }
    return handler(parsed.data);
  };
}

/**
 * Registers one `ipcMain.handle` per channel of the contract, each checking the sender and the
 * request before the handler runs. A rejected call reaches the window as a rejected promise.
 */
export function registerIpcHandlers(options: RegisterOptions): IpcChannel[] {
  const channels = Object.keys(requestSchemas) as IpcChannel[];
  for (const channel of channels) {
    options.ipcMain.handle(channel, guardedHandler(channel, options));
  }
  return channels;
}

/** Sends a typed event to the window, unless the window is gone. */
export function sendToWindow<E extends keyof IpcEvents>(
  contents: Pick<WebContents, 'send' | 'isDestroyed'> | null | undefined,
  event: E,
  payload: IpcEvents[E],
): void {
  if (contents && !contents.isDestroyed()) contents.send(event, payload);
}

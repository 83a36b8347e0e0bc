import path from 'node:path';
import log from 'electron-log/main';
import { configureLogging, type Logger } from '../../log/logger.js';
import { maskLogData, rotateLogFile } from './log-files.js';

/** Scopes of the shell's own log lines. */
export type ShellLogScope = 'app' | 'tray' | 'window' | 'ipc' | 'power' | 'updater';

const MAX_LOG_BYTES = 5 * 1024 * 1024;
const KEPT_ARCHIVES = 3;

/**
 * Sets up logging for the desktop app: the shell writes `main.log` and the engine `agent.log`,
 * both in `logsDir`, rotated at 5 MB, with registered secrets masked. Uncaught errors and
 * unhandled rejections are logged and passed to `onUncaughtError` instead of ending the app.
 */
export function setUpMainLogging(options: {
  logsDir: string;
  onUncaughtError(error: Error): void;
}): void {
  log.transports.file.resolvePathFn = () => path.join(options.logsDir, 'main.log');
  log.transports.file.maxSize = MAX_LOG_BYTES;
  log.transports.file.archiveLogFn = (file) => rotateLogFile(file.path, KEPT_ARCHIVES);
  log.transports.file.level = 'info';
  log.transports.console.level = 'warn';
  log.hooks.push((message) => {
    message.data = maskLogData(message.data);
    return message;
  });
  log.errorHandler.startCatching({
    showDialog: false,
    onError: ({ error }) => options.onUncaughtError(error),
  });

  configureLogging({ logDir: options.logsDir });
}

/** Returns a scoped logger of the shell. */
export function shellLogger(scope: ShellLogScope): Logger {
  return log.scope(scope);
}

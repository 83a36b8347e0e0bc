import log from 'electron-log/node';

/**
 * Log scopes used across the engine. A support person filters the log file by these names.
 */
export type LogScope =
  | 'dear'
  | 'upstock'
  | 'sync'
  | 'orders'
  | 'shipments'
  | 'store'
  | 'vault'
  | 'updater'
  | 'app'
  | 'sim';

/** A scoped logger with the four levels the engine uses. */
export interface Logger {
  error(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  debug(message: string, ...details: unknown[]): void;
}

const registeredSecrets = new Set<string>();
const MASK = '********';

/**
 * Registers a secret (an application key, an API token) so that every later log line has it
 * replaced by asterisks. Secrets shorter than 6 characters are ignored, because masking them
 * would blank out ordinary words.
 */
export function registerSecret(secret: string | undefined | null): void {
  if (secret && secret.length >= 6) registeredSecrets.add(secret);
}

/** Replaces every registered secret in a string with asterisks. */
export function maskSecrets(text: string): string {
  let masked = text;
  for (const secret of registeredSecrets) masked = masked.split(secret).join(MASK);
  return masked;
}

function maskValue(value: unknown): unknown {
  if (typeof value === 'string') return maskSecrets(value);
  if (value instanceof Error) {
    const copy = new Error(maskSecrets(value.message));
    copy.name = value.name;
    copy.stack = value.stack ? maskSecrets(value.stack) : undefined;
    return copy;
  }
  if (value && typeof value === 'object') {
    try {
      return JSON.parse(maskSecrets(JSON.stringify(value)));
    } catch {
      return value;
    }
  }
  return value;
}

let configured = false;

/**
 * Configures electron-log for plain Node use: the file transport writes to `logDir` (rotated at
 * 5 MB, one old file kept) and the console shows warnings and errors unless `consoleLevel` says
 * otherwise. Call it once at start-up; without it, lines go to the console only.
 */
export function configureLogging(options: {
  logDir?: string;
  consoleLevel?: 'error' | 'warn' | 'info' | 'debug' | false;
  fileLevel?: 'error' | 'warn' | 'info' | 'debug' | false;
}): void {
  if (!configured) {
    log.hooks.push((message) => {
      message.data = message.data.map(maskValue);
      return message;
    });
    configured = true;
  }
  log.transports.console.level = options.consoleLevel ?? 'warn';
  if (options.logDir) {
    const logFile = `${options.logDir}/agent.log`;
    log.transports.file.resolvePathFn = () => logFile;
    log.transports.file.maxSize = 5 * 1024 * 1024;
    log.transports.file.level = options.fileLevel ?? 'info';
  } else {
    log.transports.file.level = false;
  }
}

/** Returns the logger for one scope. */
export function getLogger(scope: LogScope): Logger {
  if (!configured) configureLogging({});
  return log.scope(scope);
}

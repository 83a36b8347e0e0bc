/**
 * The rule for the agent's data folder. The desktop app and the command line use the same
 * folder, so they share the settings, the SQLite store and the logs. This file imports no
 * `electron`, because the command line and the tests use it too.
 */
import { homedir } from 'node:os';
import path from 'node:path';

/** Name of the agent's folder inside the OS's app data folder. */
export const APP_FOLDER = 'upstock-dear-sync';

/** Environment variable that moves the data folder (both the desktop app and the CLI read it). */
export const DATA_DIR_ENV = 'UPSTOCK_DEAR_SYNC_DATA_DIR';

/** Name of the logs folder inside the data folder. */
export const LOGS_FOLDER = 'logs';

/** Inputs of the folder rule. Each field defaults to the running process's value. */
export interface DataDirInput {
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  home?: string;
}

function nonBlank(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/**
 * Returns the OS's per-user app data folder for the agent, without the override variable:
 * `%APPDATA%\upstock-dear-sync` on Windows (`<home>\AppData\Roaming` when APPDATA is unset),
 * `~/Library/Application Support/upstock-dear-sync` on macOS and
 * `$XDG_CONFIG_HOME/upstock-dear-sync` (or `~/.config/...`) elsewhere. These are the folders
 * Electron calls "appData". Paths are joined with the separator of `platform`.
 */
export function defaultDataDir(input: DataDirInput = {}): string {
  const platform = input.platform ?? process.platform;
  const env = input.env ?? process.env;
  const home = input.home ?? homedir();
  if (platform === 'win32') {
    const join = path.win32.join;
    return join(nonBlank(env.APPDATA) ?? join(home, 'AppData', 'Roaming'), APP_FOLDER);
  }
  const join = path.posix.join;
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER);
  return join(nonBlank(env.XDG_CONFIG_HOME) ?? join(home, '.config'), APP_FOLDER);
}

/**
 * Returns the agent's data folder: `UPSTOCK_DEAR_SYNC_DATA_DIR` when set (made absolute),
 * else `defaultDataDir`. The desktop app calls it at start and the command line when no
 * `--data-dir` flag is given.
 */
export function agentDataDir(input: DataDirInput = {}): string {
  const platform = input.platform ?? process.platform;
  const override = nonBlank((input.env ?? process.env)[DATA_DIR_ENV]);
  if (override)
    return platform === 'win32' ? path.win32.resolve(override) : path.posix.resolve(override);
  return defaultDataDir(input);
}

/** Returns the logs folder inside a data folder: `<dataDir>/logs`. */
export function logsDirOf(dataDir: string, platform: NodeJS.Platform = process.platform): string {
  return platform === 'win32'
    ? path.win32.join(dataDir, LOGS_FOLDER)
    : path.posix.join(dataDir, LOGS_FOLDER);
}

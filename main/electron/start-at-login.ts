import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { App } from 'electron';
import type { Logger } from '../log/logger.js';

/** The argument a login launch carries, so the app starts in the tray without a window. */
export const HIDDEN_ARG = '--hidden';

const DESKTOP_FILE = 'upstock-dear-sync.desktop';

export interface StartAtLoginEnvironment {
  app: Pick<App, 'setLoginItemSettings' | 'isPackaged'>;
  platform: NodeJS.Platform;
  /** The executable to start: `process.env.APPIMAGE` for an AppImage, else `process.execPath`. */
  executable: string;
  /** `$XDG_CONFIG_HOME`, or `~/.config` when it is not set (Linux only). */
  configHome: string;
  log: Logger;
}

/** Quotes one argument of a desktop entry's Exec key (Desktop Entry Specification 1.5). */
function quoteExecArgument(argument: string): string {
  const escaped = argument.replace(/[\\"`$]/g, (char) => `\\${char}`).replace(/%/g, '%%');
  return /[\s"'\\><~|&;$*?#()`%]/.test(argument) ? `"${escaped}"` : escaped;
}

/** Returns the XDG autostart entry that starts the app hidden at login. */
export function autostartDesktopEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Upstock Dear Sync',
    'Comment=Keeps Cin7 Core and Upstock in sync',
    `Exec=${quoteExecArgument(executable)} ${HIDDEN_ARG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Returns the path of the XDG autostart entry under `configHome`. */
export function autostartEntryPath(configHome: string): string {
  return path.join(configHome, 'autostart', DESKTOP_FILE);
}

/**
 * Turns start at login on or off: a login item on Windows and macOS, an XDG autostart entry on
 * Linux. Development builds (`app.isPackaged` false) are left alone, so running from source
 * never registers the Electron binary. Returns what it did; file errors propagate.
 */
export async function applyStartAtLogin(
  enabled: boolean,
  env: StartAtLoginEnvironment,
): Promise<'enabled' | 'disabled' | 'skipped-development-build'> {
  if (!env.app.isPackaged) {
    env.log.info('Start at login not changed: this is a development build');
    return 'skipped-development-build';
  }

  if (env.platform === 'win32' || env.platform === 'darwin') {
    env.app.setLoginItemSettings({
      openAtLogin: enabled,
      path: env.executable,
      args: [HIDDEN_ARG],
    });
  } else {
    const entry = autostartEntryPath(env.configHome);
    if (enabled) {
      await mkdir(path.dirname(entry), { recursive: true });
      await writeFile(entry, autostartDesktopEntry(env.executable), 'utf8');
    } else {
      await rm(entry, { force: true });
    }
  }
  env.log.info(`Start at login ${enabled ? 'enabled' : 'disabled'} on ${env.platform}`);
  return enabled ? 'enabled' : 'disabled';
}

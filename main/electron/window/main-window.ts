import { pathToFileURL } from 'node:url';
import type { BrowserWindow, BrowserWindowConstructorOptions, WebContents } from 'electron';
import type { Logger } from '../../log/logger.js';
import { lockNavigation, mainWindowOptions } from './security.js';

/** The parts of a `BrowserWindow` the shell uses. */
export type WindowHandle = Pick<
  BrowserWindow,
  'on' | 'once' | 'show' | 'hide' | 'focus' | 'isMinimized' | 'restore' | 'isDestroyed' | 'loadFile'
> & {
  webContents: Pick<WebContents, 'on' | 'setWindowOpenHandler' | 'send' | 'isDestroyed'>;
};

export interface MainWindowOptions {
  /** Creates the window: `(options) => new BrowserWindow(options)` in the app. */
  createWindow(options: BrowserWindowConstructorOptions): WindowHandle;
  preloadPath: string;
  /** Absolute path of out/renderer/index.html. */
  rendererIndex: string;
  icon?: string;
  log: Logger;
}

/**
 * The one window of the app. It is created on first use, and closing it hides it to the tray
 * until `allowClose()` (called when the app quits) lets it close for real.
 */
export class MainWindow {
  private window: WindowHandle | null = null;
  private closingAllowed = false;

  constructor(private readonly options: MainWindowOptions) {}

  /** Shows the window (creating it when needed), restores it if minimised, and focuses it. */
  show(): void {
    const window = this.ensureWindow();
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }

  /** Returns the window's web contents, or null when there is no window. */
  contents(): WindowHandle['webContents'] | null {
    return this.window && !this.window.isDestroyed() ? this.window.webContents : null;
  }

  /** Lets the next close really close the window (the app is quitting). */
  allowClose(): void {
    this.closingAllowed = true;
  }

  private ensureWindow(): WindowHandle {
    if (this.window && !this.window.isDestroyed()) return this.window;

    const { log } = this.options;
    const window = this.options.createWindow(
      mainWindowOptions(this.options.preloadPath, this.options.icon),
    );
    lockNavigation(window.webContents, pathToFileURL(this.options.rendererIndex).href, log);

    window.on('close', (event) => {
      if (this.closingAllowed) return;
      event.preventDefault();
      window.hide();
    });
    window.on('closed', () => {
      this.window = null;
    });
    window.webContents.on('render-process-gone', (_event, details) => {
      log.error(
        `The window's renderer process ended: ${details.reason} (exit code ${details.exitCode})`,
      );
    });

    window.loadFile(this.options.rendererIndex).catch((error: unknown) => {
      log.error(`Loading the window from ${this.options.rendererIndex} failed`, error);
    });
    this.window = window;
    return window;
  }
}

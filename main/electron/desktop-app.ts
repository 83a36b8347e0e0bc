import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  BrowserWindow,
  Menu,
  Notification,
  Tray,
  app,
  ipcMain,
  powerMonitor,
  session,
  shell,
} from 'electron';
import updaterPackage from 'electron-updater';
import type { AgentStatus } from '../../shared/sync.js';
import type { Engine } from '../engine.js';
import { createDesktopEngine } from './engine-host.js';
import { createIpcHandlers } from './ipc/handlers.js';
import { registerIpcHandlers, sendToWindow } from './ipc/register.js';
import { shellLogger } from './logging/main-log.js';
import { NotificationCenter } from './notifications.js';
import { PauseCoordinator } from './power/pause-coordinator.js';
import { applyStartAtLogin, HIDDEN_ARG } from './start-at-login.js';
import { notificationsForStatusChange } from './status-notifications.js';
import { createToastShower } from './toasts.js';
import { createTrayActions } from './tray/tray-actions.js';
import { TrayController, trayIconPath } from './tray/tray-controller.js';
import type { TrayState } from './tray/tray-state.js';
import { UpdateService } from './updater/update-service.js';
import { lockNavigation, lockSession } from './window/security.js';
import { MainWindow } from './window/main-window.js';

/** The parts of the running app other code reaches: the tray shows uncaught errors. */
export interface DesktopApp {
  engine: Engine;
  tray: TrayController;
  /** Shows and focuses the window (a second launch of the app calls it). */
  showWindow(): void;
  showError(error: Error): void;
  /** Stops the engine and the updater timer; called once while the app quits. */
  shutdown(): Promise<void>;
}

// Layout of the compiled app: out/main/electron/main.js, out/main/electron/preload.cjs,
// out/main/electron/assets/*.png and out/renderer/index.html.
const here = path.dirname(fileURLToPath(import.meta.url));
const PRELOAD_PATH = path.join(here, 'preload.cjs');
const ASSETS_DIR = path.join(here, 'assets');
const RENDERER_INDEX = path.join(here, '..', '..', 'renderer', 'index.html');

/** The folders the desktop app works in, from `agentDataDir` in main/app-paths.ts. */
export interface DesktopPaths {
  /** Settings, the SQLite store and the job locks; shared with the command line. */
  dataDir: string;
  /** `main.log` and `agent.log`; "Open logs folder" opens it. */
  logsDir: string;
}

/**
 * Starts the desktop app once Electron is ready: the engine, the tray, the window, IPC, power
 * events, start at login and the updater. Throws when the engine cannot be created (for
 * example a damaged store); the caller shows that to the merchant.
 */
export async function startDesktopApp(paths: DesktopPaths): Promise<DesktopApp> {
  const log = shellLogger('app');
  const { logsDir } = paths;

  lockSession(session.defaultSession, session.defaultSession.webRequest);
  const rendererUrl = pathToFileURL(RENDERER_INDEX).href;
  app.on('web-contents-created', (_event, contents) => {
    lockNavigation(contents, rendererUrl, shellLogger('window'));
  });

  const engine = createDesktopEngine(paths.dataDir);
  log.info(`Data folder: ${paths.dataDir}`);
  const window = new MainWindow({
    // The security options are restated at the constructor so scanners (electronegativity) see
    // them; they are the same values as secureWebPreferences().
    createWindow: (options) =>
      new BrowserWindow({
        ...options,
        webPreferences: {
          ...options.webPreferences,
          contextIsolation: true,
          nodeIntegration: false,
          sandbox: true,
          webSecurity: true,
          disableBlinkFeatures: 'Auxclick',
        },
      }),
    preloadPath: PRELOAD_PATH,
    rendererIndex: RENDERER_INDEX,
    icon: path.join(ASSETS_DIR, 'tray-in-sync@2x.png'),
    log: shellLogger('window'),
  });

  const notifications = new NotificationCenter({
    showToast: createToastShower({
      createNotification: (options) => new Notification(options),
      isSupported: () => Notification.isSupported(),
      onClick: () => window.show(),
      log,
    }),
    onAdded: (entry) => sendToWindow(window.contents(), 'notification:added', entry),
  });

  const pauses = new PauseCoordinator({
    engine,
    log: shellLogger('power'),
    onSuspend: () => notifications.holdToasts(),
    onWakeSettled: () => notifications.releaseToasts(),
  });

  let tray: TrayController | null = null;
  const updates = new UpdateService({
    updater: updaterPackage.autoUpdater,
    log: shellLogger('updater'),
    onPhaseChange: (phase) => tray?.setUpdatePhase(phase),
    onDownloaded: (version) =>
      notifications.add(
        'update-ready',
        `Upstock Dear Sync ${version} is ready to install`,
        'Choose "Restart to update" in the tray menu, or it installs when you quit.',
      ),
  });

  const applyAppSettings = (startAtLogin: boolean, channel: 'latest' | 'beta') => {
    updates.setChannel(channel);
    applyStartAtLogin(startAtLogin, {
      app,
      platform: process.platform,
      executable: process.env.APPIMAGE ?? process.execPath,
      configHome: process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'),
      log,
    }).catch((error: unknown) => log.error('Changing start at login failed', error));
  };

  const actions = createTrayActions({
    engine,
    pauses,
    openWindow: () => window.show(),
    openLogsFolder: async () => {
      const problem = await shell.openPath(logsDir);
      if (problem) throw new Error(`Could not open the logs folder ${logsDir}: ${problem}`);
    },
    checkForUpdates: () => updates.checkNow(),
    restartToUpdate: () => updates.restartToUpdate(),
    quit: () => app.quit(),
    log: shellLogger('tray'),
  });

  const iconFor = (state: TrayState) => trayIconPath(ASSETS_DIR, state, process.platform);
  const controller = new TrayController({
    tray: new Tray(iconFor('signed-out')),
    buildMenu: (template) => Menu.buildFromTemplate(template),
    iconPath: iconFor,
    actions,
    initialStatus: engine.status(),
  });
  tray = controller;

  registerIpcHandlers({
    ipcMain,
    handlers: createIpcHandlers({
      engine,
      pauses,
      notifications,
      onSettingsChanged: (settings) =>
        applyAppSettings(settings.app.startAtLogin, settings.app.updateChannel),
    }),
    rendererIndex: RENDERER_INDEX,
    log: shellLogger('ipc'),
  });

  let previousStatus: AgentStatus | null = null;
  const onStatus = (status: AgentStatus) => {
    controller.setStatus(status);
    sendToWindow(window.contents(), 'status:changed', status);
    for (const note of notificationsForStatusChange(previousStatus, status)) {
      notifications.add(note.kind, note.title, note.body);
    }
    previousStatus = status;
  };
  engine.on('status', onStatus);
  engine.on('progress', (progress) => sendToWindow(window.contents(), 'sync:progress', progress));

  powerMonitor.on('suspend', () => pauses.suspend());
  powerMonitor.on('resume', () => pauses.wake());
  app.on('activate', () => window.show());
  // The app lives in the tray: closing the last window must not quit it.
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', () => {
    window.allowClose();
    pauses.releaseSleepPause();
  });

  let startError: Error | null = null;
  try {
    await engine.start();
  } catch (error) {
    // Without an OS keychain, for example, the tray and the window stay up and show what to fix.
    startError = error instanceof Error ? error : new Error(String(error));
    log.error('The sync engine did not start', startError);
  }
  onStatus(engine.status());

  const settings = engine.settings();
  applyAppSettings(settings.app.startAtLogin, settings.app.updateChannel);
  if (app.isPackaged) updates.start();
  else log.info('Update checks are off in development builds');

  if (!process.argv.includes(HIDDEN_ARG)) window.show();
  log.info(`Upstock Dear Sync ${app.getVersion()} started`);

  const showError = (error: Error) => {
    controller.showError(error.message);
    notifications.add(
      'app-error',
      'Upstock Dear Sync hit an error',
      `${error.message} (see the logs)`,
    );
  };
  if (startError) showError(startError);

  return {
    engine,
    tray: controller,
    showWindow: () => window.show(),
    showError,
    shutdown: async () => {
      updates.stop();
      notifications.dispose();
      await engine.stop();
    },
  };
}

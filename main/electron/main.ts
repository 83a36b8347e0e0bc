/**
 * Entry point of the Electron main process (package.json "main" is its compiled form,
 * out/main/electron/main.js).
 */
import { app, dialog } from 'electron';
import { agentDataDir, logsDirOf } from '../app-paths.js';
import { startDesktopApp, type DesktopApp } from './desktop-app.js';
import { setUpMainLogging, shellLogger } from './logging/main-log.js';
import { claimSingleInstance } from './single-instance.js';

const APP_ID = 'app.upstock.dearsync';

let desktop: DesktopApp | null = null;
const earlyErrors: Error[] = [];

// The data folder the command line uses too (`npm run agent`), so both share the settings,
// the SQLite store and the logs, and the job locks in the store keep them from running the
// same job at once. Electron's own "userData" (Chromium's caches) stays where Electron puts it.
const dataDir = agentDataDir();
const logsDir = logsDirOf(dataDir);

setUpMainLogging({
  logsDir,
  onUncaughtError: (error) => {
    if (desktop) desktop.showError(error);
    else earlyErrors.push(error);
  },
});
const log = shellLogger('app');

// A second launch quits here; the first one shows its window on "second-instance".
if (claimSingleInstance(app, () => desktop?.showWindow())) {
  // Windows shows toasts only for an AppUserModelID that matches the Start menu shortcut,
  // which the NSIS installer creates from appId.
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

  let stopping = false;
  app.on('will-quit', (event) => {
    if (stopping || !desktop) return;
    stopping = true;
    event.preventDefault();
    desktop
      .shutdown()
      .catch((error: unknown) => log.error('Stopping the engine failed', error))
      .finally(() => app.quit());
  });

  app
    .whenReady()
    .then(() => startDesktopApp({ dataDir, logsDir }))
    .then((started) => {
      desktop = started;
      for (const error of earlyErrors.splice(0)) started.showError(error);
    })
    .catch((error: unknown) => {
      log.error('Upstock Dear Sync could not start', error);
      const message = error instanceof Error ? error.message : String(error);
      dialog.showErrorBox(
        'Upstock Dear Sync could not start',
        `${message}\n\nThe logs folder has the details: ${logsDir}`,
      );
      app.exit(1);
    });
}

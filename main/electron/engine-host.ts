import Store from 'electron-store';
import { createEngine, type Engine } from '../engine.js';
import { SettingsStore, type SettingsBackend } from '../settings/index.js';
import { CredentialVault } from '../vault/index.js';

/**
 * Creates the engine of the desktop app: settings in electron-store (`settings.json` in
 * `dataDir`, the file the command line reads), secrets in the OS keychain, the SQLite store in
 * `dataDir`. Throws what `createEngine` throws when the store cannot be opened.
 */
export function createDesktopEngine(dataDir: string): Engine {
  const backend = new Store<Record<string, unknown>>({ name: 'settings', cwd: dataDir });
  return createEngine({
    dataDir,
    settingsStore: new SettingsStore(backend as SettingsBackend),
    vault: new CredentialVault(),
  });
}

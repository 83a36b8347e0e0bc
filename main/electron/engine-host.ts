import Store from 'electron-store';
import { createEngine, type Engine } from '../engine.js';
import { SettingsStore, type SettingsBackend } from '../settings/index.js';
import { CredentialVault } from '../vault/index.js';

/**
 * Creates the engine of the desktop app: settings in electron-store (`settings.json` in
 * `userDataDir`), secrets in the OS keychain, the SQLite store in `userDataDir`. Throws what
 * `createEngine` throws when the store cannot be opened.
 */
export function createDesktopEngine(userDataDir: string): Engine {
  const backend = new Store<Record<string, unknown>>({ name: 'settings', cwd: userDataDir });
  return createEngine({
    dataDir: userDataDir,
    settingsStore: new SettingsStore(backend as SettingsBackend),
    vault: new CredentialVault(),
  });
}

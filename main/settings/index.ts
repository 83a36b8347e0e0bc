export { SettingsStore, SETTINGS_PROJECT_NAME } from './settings-store.js';
export type { SettingsBackend, SettingsFileOptions } from './settings-store.js';
export { SettingsSecretError, SettingsValidationError } from './errors.js';
export type { SettingProblem } from './errors.js';

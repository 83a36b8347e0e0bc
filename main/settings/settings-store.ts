import Conf from 'conf';
import type { z } from 'zod';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings.js';
import type { DeepPartial } from '../engine-types.js';
import { getLogger } from '../log/logger.js';
import { SettingsSecretError, SettingsValidationError, type SettingProblem } from './errors.js';
import { deepMerge, findSecretKey, isPlainObject, valueAtPath } from './merge.js';
import { settingsSchema } from './schema.js';

/** The `conf` project name; electron-store in the desktop app uses the same folder name. */
export const SETTINGS_PROJECT_NAME = 'upstock-dear-sync';

/**
 * The part of conf's interface the settings use. A `Conf` or electron-store instance fits it,
 * and the store may hold other keys (window size, say), which are kept as they are.
 */
export interface SettingsBackend {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  store: Record<string, unknown>;
}

/** Location of the settings file when a `SettingsStore` creates its own `conf` backend. */
export interface SettingsFileOptions {
  /** Folder of the settings file. */
  cwd: string;
  /** File name without `.json`; conf's default is "config". */
  configName?: string;
}

const SECTIONS = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[];

function isBackend(source: SettingsBackend | SettingsFileOptions): source is SettingsBackend {
  return typeof (source as SettingsBackend).get === 'function' && 'store' in source;
}

/**
 * The merchant's non-secret settings, validated on every update. Values missing from the file
 * take their defaults, so settings added in a later version appear without a migration.
 */
export class SettingsStore {
  private readonly backend: SettingsBackend;
  private readonly log = getLogger('app');

  /** Uses `source` when it is a conf-like store, else creates `conf` in `source.cwd`. */
  constructor(source: SettingsBackend | SettingsFileOptions) {
    this.backend = isBackend(source)
      ? source
      : (new Conf<Record<string, unknown>>({
          projectName: SETTINGS_PROJECT_NAME,
          cwd: source.cwd,
          configName: source.configName,
          defaults: structuredClone(DEFAULT_SETTINGS) as unknown as Record<string, unknown>,
        }) as unknown as SettingsBackend);
  }

  /**
   * Returns the current settings. A value in the file that fails validation (a hand edit, an
   * older version's format) is logged and replaced by its default. The file itself is not
   * changed until the next `update`.
   */
  get(): Settings {
    const stored = this.backend.store;
    const candidate = deepMerge(DEFAULT_SETTINGS, this.pickSections(stored));
    const result = settingsSchema.safeParse(candidate);
    if (result.success) return result.data;

    const repaired = repairWithDefaults(candidate, result.error.issues);
    for (const problem of describeIssues(candidate, result.error.issues)) {
      this.log.warn(
        `Ignoring setting ${problem.setting} in the settings file ${this.describeFile()}: ` +
          `expected ${problem.accepted}. The default applies until the setting is saved again.`,
      );
    }
    return settingsSchema.parse(repaired);
  }

  /**
   * Merges `patch` into the current settings, validates the result, saves it and returns the
   * saved settings. Throws `SettingsSecretError` for a key that looks like a secret and
   * `SettingsValidationError` for an invalid value or an unknown key. Nothing is saved when
   * it throws.
   */
  update(patch: DeepPartial<Settings>): Settings {
    const secretKey = findSecretKey(patch);
    if (secretKey) throw new SettingsSecretError(secretKey);
    if (!isPlainObject(patch)) {
      throw new SettingsValidationError([
        { setting: '(patch)', value: patch, accepted: 'an object of settings' },
      ]);
    }

    const merged = deepMerge(this.get(), patch);
    const result = settingsSchema.safeParse(merged);
    if (!result.success) {
      throw new SettingsValidationError(describeIssues(merged, result.error.issues));
    }

    this.backend.store = { ...this.backend.store, ...result.data };
    this.log.info(`Saved settings: ${Object.keys(patch).join(', ')}`);
    return result.data;
  }

  private describeFile(): string {
    const path = (this.backend as { path?: unknown }).path;
    return typeof path === 'string' ? path : '(in memory)';
  }

  private pickSections(stored: Record<string, unknown>): Partial<Record<keyof Settings, unknown>> {
    const picked: Partial<Record<keyof Settings, unknown>> = {};
    for (const section of SECTIONS) {
      if (section in stored) picked[section] = stored[section];
    }
    return picked;
  }
}

type Issue = z.core.$ZodIssue;

/** Turns zod issues into one problem per setting, with the accepted values. */
function describeIssues(settings: unknown, issues: readonly Issue[]): SettingProblem[] {
  const problems: SettingProblem[] = [];
  for (const issue of issues) {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      const parent = valueAtPath(DEFAULT_SETTINGS, path);
      const known = isPlainObject(parent) ? Object.keys(parent).join(', ') : 'none';
      for (const key of issue.keys) {
        problems.push({
          setting: [...path, key].join('.'),
          value: valueAtPath(settings, [...path, key]),
          accepted: `a known setting; this section has ${known}`,
        });
      }
      continue;
    }
    const isObjectExpected = issue.code === 'invalid_type' && issue.expected === 'object';
    problems.push({
      setting: path.join('.'),
      value: valueAtPath(settings, issue.path),
      accepted: isObjectExpected ? 'an object of settings' : issue.message,
    });
  }
  return problems;
}

/** Returns a copy of `settings` with each invalid value reset and each unknown key dropped. */
function repairWithDefaults(settings: Settings, issues: readonly Issue[]): Settings {
  const repaired = structuredClone(settings) as unknown as Record<string, unknown>;
  for (const issue of issues) {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      const parent = valueAtPath(repaired, path);
      if (isPlainObject(parent)) for (const key of issue.keys) delete parent[key];
      continue;
    }
    setAtPath(repaired, path, structuredClone(valueAtPath(DEFAULT_SETTINGS, path)));
  }
  return repaired as unknown as Settings;
}

function setAtPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  if (path.length === 0) return;
  let current = target;
  for (const key of path.slice(0, -1)) {
    const next = current[key];
    if (!isPlainObject(next)) return;
    current = next;
  }
  current[path[path.length - 1]!] = value;
}

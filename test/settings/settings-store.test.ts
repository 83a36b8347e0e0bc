import Conf from 'conf';
import ElectronStore from 'electron-store';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsSecretError, SettingsValidationError } from '../../main/settings/errors.js';
import { SettingsStore } from '../../main/settings/settings-store.js';
import type { DeepPartial } from '../../main/engine-types.js';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'uds-settings-'));
  dirs.push(dir);
  return dir;
}

function readFile(dir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
}

/** Calls `update` and returns the error it throws, failing the test when it does not throw. */
function rejectionOf(settings: SettingsStore, patch: unknown): Error {
  try {
    settings.update(patch as DeepPartial<Settings>);
  } catch (error) {
    return error as Error;
  }
  throw new Error(`update(${JSON.stringify(patch)}) was accepted`);
}

describe('SettingsStore', () => {
  it('returns the defaults for a new file', () => {
    const settings = new SettingsStore({ cwd: tempDir() });
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('deep-merges a patch and persists it', () => {
    const dir = tempDir();
    const settings = new SettingsStore({ cwd: dir });
    const saved = settings.update({
      dear: { accountId: '1f9c2b7e-0000-4000-8000-000000000001' },
      schedules: { orders: '*/5 * * * *' },
    });
    expect(saved.dear.accountId).toBe('1f9c2b7e-0000-4000-8000-000000000001');
    expect(saved.dear.baseUrl).toBe(DEFAULT_SETTINGS.dear.baseUrl);
    expect(saved.schedules.orders).toBe('*/5 * * * *');
    expect(saved.schedules.catalog).toBe(DEFAULT_SETTINGS.schedules.catalog);

    const reopened = new SettingsStore({ cwd: dir });
    expect(reopened.get()).toEqual(saved);
    expect((readFile(dir).schedules as Settings['schedules']).orders).toBe('*/5 * * * *');
  });

  it('sets nullable names back to null', () => {
    const settings = new SettingsStore({ cwd: tempDir() });
    settings.update({ orders: { taxRule: 'Tax on Sales 15%', location: 'Main Warehouse' } });
    const saved = settings.update({ orders: { taxRule: null } });
    expect(saved.orders.taxRule).toBeNull();
    expect(saved.orders.location).toBe('Main Warehouse');
  });

  it('does not change DEFAULT_SETTINGS', () => {
    const before = structuredClone(DEFAULT_SETTINGS);
    new SettingsStore({ cwd: tempDir() }).update({ sync: { overlapMinutes: 30 } });
    expect(DEFAULT_SETTINGS).toEqual(before);
  });

  const invalidPatches: [string, unknown, string, RegExp][] = [
    ['cron', { schedules: { prices: 'every minute' } }, 'schedules.prices', /cron expression/],
    ['cron range', { schedules: { orders: '61 * * * *' } }, 'schedules.orders', /cron/],
    ['ftp URL', { dear: { baseUrl: 'ftp://example.test/' } }, 'dear.baseUrl', /http/],
    ['bare word URL', { upstock: { baseUrl: 'upstock' } }, 'upstock.baseUrl', /https:\/\//],
    ['sale status', { orders: { saleStatus: 'COMPLETED' } }, 'orders.saleStatus', /AUTHORISED/],
    ['zero calls', { dear: { callsPerWindow: 0 } }, 'dear.callsPerWindow', /greater than 0/],
    ['fraction', { dear: { rateWindowMs: 1.5 } }, 'dear.rateWindowMs', /whole number/],
    ['negative overlap', { sync: { overlapMinutes: -1 } }, 'sync.overlapMinutes', /0 or more/],
    ['number as text', { dear: { callsPerWindow: '55' } }, 'dear.callsPerWindow', /whole/],
    ['empty name', { orders: { freightProduct: '  ' } }, 'orders.freightProduct', /non-empty/],
    ['channel', { app: { updateChannel: 'nightly' } }, 'app.updateChannel', /"beta"/],
    ['unknown key', { orders: { salesStatus: 'DRAFT' } }, 'orders.salesStatus', /saleStatus/],
    ['unknown section', { extra: { a: 1 } }, 'extra', /known setting/],
    ['section as value', { sync: 5 }, 'sync', /object/],
  ];

  it.each(invalidPatches)('rejects %s and saves nothing', (_case, patch, setting, accepted) => {
    const dir = tempDir();
    const settings = new SettingsStore({ cwd: dir });
    settings.update({ sync: { overlapMinutes: 20 } });
    const fileBefore = readFile(dir);

    const error = rejectionOf(settings, patch);
    expect(error).toBeInstanceOf(SettingsValidationError);
    expect(error.message).toContain(`Invalid setting ${setting}`);
    expect(error.message).toMatch(accepted);
    expect((error as SettingsValidationError).problems[0]?.setting).toBe(setting);
    expect(readFile(dir)).toEqual(fileBefore);
    expect(settings.get().sync.overlapMinutes).toBe(20);
  });

  it('accepts 6-field cron expressions', () => {
    const settings = new SettingsStore({ cwd: tempDir() });
    expect(settings.update({ schedules: { orders: '30 */2 * * * *' } }).schedules.orders).toBe(
      '30 */2 * * * *',
    );
  });

  it('rejects a whole patch when one value is invalid', () => {
    const settings = new SettingsStore({ cwd: tempDir() });
    const error = rejectionOf(settings, {
      dear: { callsPerWindow: 40 },
      orders: { saleStatus: 'SHIPPED' },
    });
    expect(error).toBeInstanceOf(SettingsValidationError);
    expect(settings.get().dear.callsPerWindow).toBe(DEFAULT_SETTINGS.dear.callsPerWindow);
  });

  const secretPatches: [unknown, string][] = [
    [{ dear: { applicationKey: 'abc-123-def' } }, 'dear.applicationKey'],
    [{ upstock: { token: 'tok_123456' } }, 'upstock.token'],
    [{ upstock: { api_token: 'x' } }, 'upstock.api_token'],
    [{ dearApplicationKey: 'k' }, 'dearApplicationKey'],
    [{ app: { password: 'p' } }, 'app.password'],
  ];

  it.each(secretPatches)('rejects secret key in %j', (patch, setting) => {
    const dir = tempDir();
    const settings = new SettingsStore({ cwd: dir });
    const error = rejectionOf(settings, patch);
    expect(error).toBeInstanceOf(SettingsSecretError);
    expect(error.message).toContain(setting);
    expect(JSON.stringify(readFile(dir))).not.toMatch(/applicationKey|token|password/i);
  });

  it('replaces invalid values in the file with defaults', () => {
    const dir = tempDir();
    const file = join(dir, 'config.json');
    new SettingsStore({ cwd: dir }).update({ orders: { freightProduct: 'Courier' } });
    const edited = readFile(dir) as unknown as Settings & { dear: Record<string, unknown> };
    edited.schedules.orders = 'not a cron';
    edited.dear.callsPerWindow = -5;
    edited.dear.leftover = true;
    writeFileSync(file, JSON.stringify(edited));

    const settings = new SettingsStore({ cwd: dir }).get();
    expect(settings.schedules.orders).toBe(DEFAULT_SETTINGS.schedules.orders);
    expect(settings.dear.callsPerWindow).toBe(DEFAULT_SETTINGS.dear.callsPerWindow);
    expect('leftover' in settings.dear).toBe(false);
    expect(settings.orders.freightProduct).toBe('Courier');
  });

  it('fills settings missing from an older file', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ dear: { accountId: 'acc-1' }, orders: { saleStatus: 'AUTHORISED' } }),
    );
    const settings = new SettingsStore({ cwd: dir }).get();
    expect(settings.dear.accountId).toBe('acc-1');
    expect(settings.dear.callsPerWindow).toBe(DEFAULT_SETTINGS.dear.callsPerWindow);
    expect(settings.orders.saleStatus).toBe('AUTHORISED');
    expect(settings.app).toEqual(DEFAULT_SETTINGS.app);
  });
});

describe('SettingsStore backends', () => {
  it('uses a Conf instance and keeps its other keys', () => {
    const dir = tempDir();
    const conf = new Conf<Record<string, unknown>>({ projectName: 'uds-test', cwd: dir });
    conf.set('windowBounds', { width: 800, height: 600 });

    const settings = new SettingsStore(conf);
    settings.update({ app: { startAtLogin: false } });
    expect(conf.get('windowBounds')).toEqual({ width: 800, height: 600 });
    expect((conf.get('app') as Settings['app']).startAtLogin).toBe(false);
  });

  it('uses an electron-store instance', () => {
    const dir = tempDir();
    const store = new ElectronStore<Record<string, unknown>>({ cwd: dir, name: 'settings' });
    const settings = new SettingsStore(store);
    settings.update({ orders: { saleStatus: 'AUTHORISED' } });

    const reopened = new ElectronStore<Record<string, unknown>>({ cwd: dir, name: 'settings' });
    expect(new SettingsStore(reopened).get().orders.saleStatus).toBe('AUTHORISED');
  });
});

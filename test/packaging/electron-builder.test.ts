import { execFile } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { extractFile, listPackage } from '@electron/asar';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestSchemas } from '../../main/electron/ipc/request-schemas.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../..');

function resolveBuilderCli(): string | null {
  try {
    return require.resolve('electron-builder/cli.js');
  } catch {
    return null;
  }
}
const builderCli = resolveBuilderCli();

// Both suites use the compiled app in out/ (the window itself is built by the renderer's tests).
beforeAll(async () => {
  await run(process.execPath, ['scripts/build-electron.mjs', '--skip-renderer'], { cwd: root });
}, 120_000);

describe.skipIf(!builderCli)('electron-builder dir target with a stand-in Electron', () => {
  let work: string;
  let resources: string;
  let entries: string[];

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'uds-package-'));

    // electron-builder copies electronDist as the app; a shell script replaces Electron,
    // whose real binary is not installed here.
    const electronDist = path.join(work, 'electron-dist');
    mkdirSync(electronDist);
    writeFileSync(path.join(electronDist, 'electron'), '#!/bin/sh\necho stand-in electron "$@"\n');
    chmodSync(path.join(electronDist, 'electron'), 0o755);

    await run(
      process.execPath,
      [
        builderCli!,
        '--linux',
        'dir',
        `-c.electronDist=${electronDist}`,
        `-c.directories.output=${path.join(work, 'release')}`,
      ],
      { cwd: root, env: { ...process.env, CI: 'true' } },
    );

    resources = path.join(work, 'release', 'linux-unpacked', 'resources');
    entries = listPackage(path.join(resources, 'app.asar'), { isPack: false });
  }, 180_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('packs the compiled app and package.json', () => {
    expect(entries).toContain('/package.json');
    expect(entries).toContain('/out/main/electron/main.js');
    expect(entries).toContain('/out/main/electron/preload.cjs');
    expect(entries).toContain('/out/main/electron/assets/tray-in-sync.png');
    expect(entries).toContain('/out/main/electron/assets/tray-in-syncTemplate@2x.png');
  });

  it('leaves sources, tests and source maps out', () => {
    expect(entries.filter((entry) => entry.startsWith('/main/'))).toEqual([]);
    expect(entries.filter((entry) => entry.startsWith('/test/'))).toEqual([]);
    expect(entries.filter((entry) => entry.startsWith('/out/') && entry.endsWith('.map'))).toEqual(
      [],
    );
    expect(entries).not.toContain('/out/vitest.json');
  });

  it('packs production dependencies only', () => {
    for (const dependency of [
      'zod',
      'better-sqlite3',
      'electron-updater',
      'electron-store',
      'decimal.js',
    ]) {
      expect(entries, dependency).toContain(`/node_modules/${dependency}/package.json`);
    }
    for (const devDependency of [
      'vitest',
      'typescript',
      'electron',
      'electron-builder',
      'vite',
      'eslint',
      '@electron/asar',
      'jsdom',
    ]) {
      expect(entries, devDependency).not.toContain(`/node_modules/${devDependency}/package.json`);
    }
  });

  it('unpacks the native modules', () => {
    const unpacked = path.join(resources, 'app.asar.unpacked', 'node_modules');
    const keyring = readdirSync(path.join(unpacked, '@napi-rs')).filter((name) =>
      name.startsWith('keyring-'),
    );
    expect(keyring.length).toBeGreaterThan(0);
    const keyringBinaries = readdirSync(path.join(unpacked, '@napi-rs', keyring[0]!)).filter(
      (name) => name.endsWith('.node'),
    );
    expect(keyringBinaries.length).toBeGreaterThan(0);
    expect(existsSync(path.join(unpacked, 'better-sqlite3', 'package.json'))).toBe(true);
  });

  it('writes app-update.yml for the generic provider', () => {
    const config = parse(readFileSync(path.join(resources, 'app-update.yml'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(config.provider).toBe('generic');
    expect(String(config.url)).toMatch(/^https:\/\/.+\/linux\/$/);
    expect(config.updaterCacheDirName).toBe('upstock-dear-sync-updater');
  });

  it('packs a preload that requires only electron', () => {
    const preload = extractFile(
      path.join(resources, 'app.asar'),
      'out/main/electron/preload.cjs',
    ).toString('utf8');
    const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((match) => match[1]);
    expect(required).toEqual(['electron']);
  });
});

describe('compiled main process with a stand-in electron module', () => {
  let calls: { name: string; args: unknown[] }[];
  let userData: string;

  beforeAll(async () => {
    userData = mkdtempSync(path.join(tmpdir(), 'uds-main-'));
    // Without a session bus there is no keychain, so the engine cannot read credentials: the
    // app must stay up and show that, not exit.
    const env: NodeJS.ProcessEnv = { ...process.env, STAND_IN_USER_DATA: userData, HOME: userData };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    const { stdout } = await run(
      process.execPath,
      [
        path.join(root, 'test/packaging/fixtures/run-main.mjs'),
        path.join(root, 'out/main/electron/main.js'),
      ],
      { cwd: root, env, timeout: 60_000 },
    );
    const line = stdout.split('\n').find((text) => text.startsWith('CALLS '));
    if (!line) throw new Error(`the main process printed no calls:\n${stdout}`);
    calls = JSON.parse(line.slice('CALLS '.length)) as typeof calls;
  }, 90_000);

  afterAll(() => {
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  const named = (name: string) => calls.filter((call) => call.name === name);

  it('registers a handler for every IPC channel', () => {
    const channels = named('ipcMain.handle')
      .map((call) => call.args[0] as string)
      .filter((channel) => !channel.startsWith('__'));
    expect(channels.sort()).toEqual(Object.keys(requestSchemas).sort());
  });

  it('locks the session before opening the window', () => {
    expect(named('session.setPermissionRequestHandler')).toHaveLength(1);
    expect(named('webRequest.onHeadersReceived')).toHaveLength(1);
  });

  it('opens a sandboxed window with the built preload', () => {
    const [options] = named('BrowserWindow')[0]!.args as [
      { webPreferences: Record<string, unknown> },
    ];
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(existsSync(String(options.webPreferences.preload))).toBe(true);
    expect(String(named('window.loadFile')[0]!.args[0])).toMatch(
      /out[\\/]renderer[\\/]index\.html$/,
    );
    expect(named('window.show').length).toBeGreaterThan(0);
  });

  it('shows the tray icon from the built assets', () => {
    const icon = String(named('Tray')[0]!.args[0]);
    expect(existsSync(icon)).toBe(true);
  });

  it('shows a failed engine start in the tray instead of exiting', () => {
    expect(named('app.exit')).toEqual([]);
    expect(named('dialog.showErrorBox')).toEqual([]);
    const tooltip = String(named('tray.setToolTip').at(-1)!.args[0]);
    expect(tooltip).toMatch(/Error: .*keychain/i);
    expect(named('tray.setImage').at(-1)!.args[0]).toMatch(/tray-attention\.png$/);
  });
});

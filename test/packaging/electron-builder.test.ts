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

describe.skipIf(!builderCli)('electron-builder dir target with a stand-in Electron', () => {
  let work: string;
  let resources: string;
  let entries: string[];

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'uds-package-'));

    // electron-builder copies electronDist as the app; a shell script stands in for Electron,
    // whose real binary is not installed here.
    const electronDist = path.join(work, 'electron-dist');
    mkdirSync(electronDist);
    writeFileSync(path.join(electronDist, 'electron'), '#!/bin/sh\necho stand-in electron "$@"\n');
    chmodSync(path.join(electronDist, 'electron'), 0o755);

    await run(process.execPath, ['scripts/build-electron.mjs', '--skip-renderer'], { cwd: root });
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

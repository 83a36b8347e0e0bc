import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { UpdateService } from '../../main/electron/updater/update-service.js';
import { CHANNEL_FILES, haltRollout, runReleaseCli, stageRollout } from '../../scripts/release.js';
import { createNodeUpdater } from '../electron/helpers/node-updater.js';
import {
  linuxChannelFile,
  startUpdateServer,
  type UpdateServer,
} from '../electron/helpers/update-server.js';

const quietLog = {
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
};

function stagingOf(dir: string, file: string): unknown {
  return (parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>)
    .stagingPercentage;
}

describe('release stage and halt', () => {
  let dir: string;
  const installer = Buffer.from('installer bytes');

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'uds-release-'));
    for (const file of CHANNEL_FILES) {
      writeFileSync(
        path.join(dir, file),
        linuxChannelFile('1.4.0', `Upstock-Dear-Sync-1.4.0.${file}`, installer),
      );
    }
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stages every channel file step by step', () => {
    for (const step of [10, 50, 100]) {
      const changes = stageRollout(dir, '1.4.0', step);
      expect(changes.map((change) => change.after)).toEqual([step, step, step]);
      for (const file of CHANNEL_FILES) expect(stagingOf(dir, file)).toBe(step);
    }
  });

  it('keeps the other fields of a channel file', () => {
    const before = parse(readFileSync(path.join(dir, 'latest-linux.yml'), 'utf8')) as Record<
      string,
      unknown
    >;
    stageRollout(dir, '1.4.0', 10);
    const after = parse(readFileSync(path.join(dir, 'latest-linux.yml'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(after).toEqual({ ...before, stagingPercentage: 10 });
  });

  it('rejects a version that was not published', () => {
    expect(() => stageRollout(dir, '1.5.0', 10)).toThrow(/publishes version 1\.4\.0, not 1\.5\.0/);
    expect(stagingOf(dir, 'latest.yml')).toBeUndefined();
  });

  it('rejects a percent that is not a step', () => {
    expect(() => stageRollout(dir, '1.4.0', 30)).toThrow(/not a step; use one of 10, 50, 100/);
  });

  it('rejects lowering a rollout', () => {
    stageRollout(dir, '1.4.0', 50);
    expect(() => stageRollout(dir, '1.4.0', 10)).toThrow(/lowering it to 10% is not a step/);
    expect(stagingOf(dir, 'latest-mac.yml')).toBe(50);
  });

  it('halts at 0 and may restart from a step', () => {
    stageRollout(dir, '1.4.0', 50);
    haltRollout(dir);
    for (const file of CHANNEL_FILES) expect(stagingOf(dir, file)).toBe(0);
    stageRollout(dir, '1.4.0', 10);
    expect(stagingOf(dir, 'latest.yml')).toBe(10);
  });

  it('rejects a folder without channel files', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'uds-release-empty-'));
    try {
      expect(() => haltRollout(empty)).toThrow(/No channel file/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('runs stage from the command line', () => {
    runReleaseCli(['stage', '1.4.0', '10', '--dir', dir]);
    expect(stagingOf(dir, 'latest-linux.yml')).toBe(10);
  });
});

describe('staged channel files read by the real updater', () => {
  // This install's bucket is 0x4ccccccc / 0xffffffff, about 0.3: out at 10%, in at 50%.
  const STAGING_ID = '00000000-0000-4000-8000-00004ccccccc';
  let server: UpdateServer;
  let releaseDir: string;
  let userData: string;
  const appImage = Buffer.from('stand-in AppImage 1.4.0');
  const previousAppImageEnv = process.env.APPIMAGE;

  beforeAll(async () => {
    server = await startUpdateServer();
    releaseDir = mkdtempSync(path.join(tmpdir(), 'uds-release-served-'));
    userData = mkdtempSync(path.join(tmpdir(), 'uds-release-install-'));
    process.env.APPIMAGE = path.join(userData, 'Upstock-Dear-Sync-1.3.0.AppImage');
    writeFileSync(
      path.join(releaseDir, 'latest-linux.yml'),
      linuxChannelFile('1.4.0', 'Upstock-Dear-Sync-1.4.0.AppImage', appImage),
    );
  });

  afterAll(async () => {
    await server.close();
    if (previousAppImageEnv === undefined) delete process.env.APPIMAGE;
    else process.env.APPIMAGE = previousAppImageEnv;
    rmSync(releaseDir, { recursive: true, force: true });
    rmSync(userData, { recursive: true, force: true });
  });

  async function offered(): Promise<boolean> {
    server.files.set('latest-linux.yml', readFileSync(path.join(releaseDir, 'latest-linux.yml')));
    const updater = createNodeUpdater({
      dir: userData,
      feedUrl: server.url,
      version: '1.3.0',
      stagingId: STAGING_ID,
    });
    const service = new UpdateService({ updater, log: quietLog, onPhaseChange: () => undefined });
    // The service turns background downloads on; this test only reads the offer.
    updater.autoDownload = false;
    return (await service.checkNow()).available;
  }

  it('follows the rollout steps and the halt', async () => {
    stageRollout(releaseDir, '1.4.0', 10);
    expect(await offered()).toBe(false);
    stageRollout(releaseDir, '1.4.0', 50);
    expect(await offered()).toBe(true);
    haltRollout(releaseDir);
    expect(await offered()).toBe(false);
    stageRollout(releaseDir, '1.4.0', 100);
    expect(await offered()).toBe(true);
  });
});

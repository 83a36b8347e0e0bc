import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../../main/log/logger.js';
import type { UpdatePhase } from '../../main/electron/tray/tray-menu.js';
import { UpdateService } from '../../main/electron/updater/update-service.js';
import { createNodeUpdater } from './helpers/node-updater.js';
import { linuxChannelFile, startUpdateServer, type UpdateServer } from './helpers/update-server.js';

/** Staging ids whose last four bytes put the install at the start or three quarters in. */
const BUCKET_ZERO = '00000000-0000-4000-8000-000000000000';
const BUCKET_THREE_QUARTERS = '00000000-0000-4000-8000-0000c0000000';

const quietLog: Logger = {
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
};

describe('update service against a local update server', () => {
  let server: UpdateServer;
  let dir: string;
  const appImage = Buffer.from('stand-in AppImage for version 0.2.0\n'.repeat(64));
  const previousAppImageEnv = process.env.APPIMAGE;

  beforeAll(async () => {
    server = await startUpdateServer();
    server.files.set('Upstock-Dear-Sync-0.2.0.AppImage', appImage);
  });

  afterAll(async () => {
    await server.close();
  });

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'uds-updater-'));
    // AppImageUpdater only runs inside an AppImage; it reads the running file's path from here.
    const current = path.join(dir, 'Upstock-Dear-Sync-0.1.0.AppImage');
    writeFileSync(current, 'stand-in AppImage for version 0.1.0\n');
    process.env.APPIMAGE = current;
  });

  afterEach(() => {
    if (previousAppImageEnv === undefined) delete process.env.APPIMAGE;
    else process.env.APPIMAGE = previousAppImageEnv;
    rmSync(dir, { recursive: true, force: true });
  });

  function serviceFor(stagingId: string) {
    const updater = createNodeUpdater({ dir, feedUrl: server.url, version: '0.1.0', stagingId });
    updater.disableDifferentialDownload = true;
    const phases: UpdatePhase[] = [];
    const downloaded: string[] = [];
    const service = new UpdateService({
      updater,
      log: quietLog,
      onPhaseChange: (phase) => phases.push(phase),
      onDownloaded: (version) => downloaded.push(version),
    });
    return { updater, service, phases, downloaded };
  }

  it('downloads an available update and offers restart', async () => {
    server.files.set(
      'latest-linux.yml',
      linuxChannelFile('0.2.0', 'Upstock-Dear-Sync-0.2.0.AppImage', appImage),
    );
    const { updater, service, phases, downloaded } = serviceFor(BUCKET_ZERO);
    const quitAndInstall = vi.spyOn(updater, 'quitAndInstall').mockImplementation(() => undefined);

    const outcome = await service.checkNow();
    expect(outcome).toEqual({ available: true, latestVersion: '0.2.0' });
    await vi.waitFor(() => expect(service.currentPhase()).toBe('downloaded'), { timeout: 20_000 });

    expect(phases).toEqual(['checking', 'downloading', 'downloaded']);
    expect(downloaded).toEqual(['0.2.0']);
    expect(server.requests.some((request) => request.path.endsWith('.AppImage'))).toBe(true);

    service.restartToUpdate();
    expect(quitAndInstall).toHaveBeenCalledWith(false, true);
  });

  it('reports no update when the channel file has the running version', async () => {
    server.files.set(
      'latest-linux.yml',
      linuxChannelFile('0.1.0', 'Upstock-Dear-Sync-0.1.0.AppImage', appImage),
    );
    const { updater, service, phases } = serviceFor(BUCKET_ZERO);
    const quitAndInstall = vi.spyOn(updater, 'quitAndInstall').mockImplementation(() => undefined);

    const outcome = await service.checkNow();

    expect(outcome).toEqual({ available: false, latestVersion: '0.1.0' });
    expect(phases).toEqual(['checking', 'idle']);
    service.restartToUpdate();
    expect(quitAndInstall).not.toHaveBeenCalled();
  });

  it('sends the pinned staging id with the check', async () => {
    server.files.set(
      'latest-linux.yml',
      linuxChannelFile('0.1.0', 'Upstock-Dear-Sync-0.1.0.AppImage', appImage),
    );
    const { service } = serviceFor(BUCKET_THREE_QUARTERS);
    const before = server.requests.length;

    await service.checkNow();

    const check = server.requests
      .slice(before)
      .find((request) => request.path.endsWith('latest-linux.yml'));
    expect(check?.stagingId).toBe(BUCKET_THREE_QUARTERS);
  });

  it.each([
    { percent: 100, stagingId: BUCKET_THREE_QUARTERS, offered: true },
    { percent: 50, stagingId: BUCKET_ZERO, offered: true },
    { percent: 50, stagingId: BUCKET_THREE_QUARTERS, offered: false },
    { percent: 10, stagingId: BUCKET_THREE_QUARTERS, offered: false },
    { percent: 0, stagingId: BUCKET_ZERO, offered: false },
  ])(
    'rollout at $percent% for $stagingId offers: $offered',
    async ({ percent, stagingId, offered }) => {
      server.files.set(
        'latest-linux.yml',
        linuxChannelFile('0.2.0', 'Upstock-Dear-Sync-0.2.0.AppImage', appImage, percent),
      );
      const { updater, service } = serviceFor(stagingId);
      updater.autoDownload = false;

      const outcome = await service.checkNow();

      expect(outcome.available).toBe(offered);
      expect(outcome.latestVersion).toBe('0.2.0');
    },
  );

  it('reports a failed check without throwing', async () => {
    server.files.delete('latest-linux.yml');
    const { service, phases } = serviceFor(BUCKET_ZERO);

    const outcome = await service.checkNow();

    expect(outcome).toEqual({ available: false, latestVersion: null });
    expect(phases.at(-1)).toBe('idle');
  });
});

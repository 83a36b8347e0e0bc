import type { AppUpdater } from 'electron-updater';
import type { Logger } from '../../log/logger.js';
import type { UpdatePhase } from '../tray/tray-menu.js';

/** Four hours between background checks. */
export const UPDATE_CHECK_INTERVAL_MS = 4 * 60 * 60_000;

export type UpdateChannel = 'latest' | 'beta';

/** The parts of electron-updater's `AppUpdater` the service drives. */
export type UpdaterHandle = Pick<
  AppUpdater,
  | 'on'
  | 'checkForUpdates'
  | 'quitAndInstall'
  | 'autoDownload'
  | 'autoInstallOnAppQuit'
  | 'logger'
  | 'channel'
>;

export interface UpdateServiceOptions {
  updater: UpdaterHandle;
  log: Logger;
  onPhaseChange(phase: UpdatePhase): void;
  /** Called once per downloaded version, for the "restart to update" notification. */
  onDownloaded?(version: string): void;
  intervalMs?: number;
}

/** The result of one update check. */
export interface UpdateCheckOutcome {
  /** True when the server offers a newer version to this install (inside the rollout). */
  available: boolean;
  /** The version in the channel file, offered or not; null when the check failed. */
  latestVersion: string | null;
}

/**
 * Checks for updates at start and every four hours, downloads them in the background and
 * installs them when the app quits; `restartToUpdate` installs at once. The update server is the
 * generic provider from `app-update.yml`, and staged rollout is decided by electron-updater from
 * the channel file's `stagingPercentage` and this install's `.updaterId`.
 */
export class UpdateService {
  private phase: UpdatePhase = 'idle';
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<UpdateCheckOutcome> | null = null;

  constructor(private readonly options: UpdateServiceOptions) {
    const { updater, log } = options;
    updater.autoDownload = true;
    updater.autoInstallOnAppQuit = true;
    updater.logger = {
      info: (message?: unknown) => log.info(String(message)),
      warn: (message?: unknown) => log.warn(String(message)),
      error: (message?: unknown) => log.error(String(message)),
      debug: (message: string) => log.debug(message),
    };

    updater.on('checking-for-update', () => this.setPhase('checking'));
    updater.on('update-available', (info) => {
      log.info(`Update ${info.version} available; downloading in the background`);
      this.setPhase('downloading');
    });
    updater.on('update-not-available', (info) => {
      log.info(`No update for this install (channel file version ${info.version})`);
      this.setPhase('idle');
    });
    updater.on('update-downloaded', (event) => {
      log.info(`Update ${event.version} downloaded; it installs when the app quits`);
      this.setPhase('downloaded', true);
      options.onDownloaded?.(event.version);
    });
    updater.on('error', (error) => {
      log.error('Update check or download failed; the next check retries', error);
      this.setPhase('idle');
    });
  }

  /** Returns the current update phase. */
  currentPhase(): UpdatePhase {
    return this.phase;
  }

  /** Selects the update channel; "beta" reads beta.yml and allows going back to "latest". */
  setChannel(channel: UpdateChannel): void {
    // Setting the channel also turns on allowDowngrade in electron-updater 6, so the default
    // channel is only set when switching back from beta.
    if (channel === 'beta' || this.options.updater.channel) this.options.updater.channel = channel;
  }

  /** Checks now and then every `intervalMs` (four hours unless set). */
  start(): void {
    void this.checkNow();
    this.timer = setInterval(
      () => void this.checkNow(),
      this.options.intervalMs ?? UPDATE_CHECK_INTERVAL_MS,
    );
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * Checks the update server once, sharing a check already running. The promise resolves even
   * when the check fails: the failure is logged and reported as not available.
   */
  checkNow(): Promise<UpdateCheckOutcome> {
    this.running ??= this.check().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Quits and installs the downloaded update, then starts the new version. */
  restartToUpdate(): void {
    if (this.phase !== 'downloaded') {
      this.options.log.warn('Restart to update ignored: no update has been downloaded');
      return;
    }
    this.options.updater.quitAndInstall(false, true);
  }

  private async check(): Promise<UpdateCheckOutcome> {
    try {
      const result = await this.options.updater.checkForUpdates();
      if (!result) return { available: false, latestVersion: null };
      if (result.isUpdateAvailable && result.downloadPromise) {
        // Download failures are reported through the "error" event.
        result.downloadPromise.catch(() => undefined);
      }
      return { available: result.isUpdateAvailable, latestVersion: result.updateInfo.version };
    } catch (error) {
      this.options.log.error('Update check failed', error);
      this.setPhase('idle');
      return { available: false, latestVersion: null };
    }
  }

  private setPhase(phase: UpdatePhase, force = false): void {
    // A downloaded update stays ready to install until the app quits.
    if (this.phase === 'downloaded' && !force) return;
    if (phase === this.phase) return;
    this.phase = phase;
    this.options.onPhaseChange(phase);
  }
}

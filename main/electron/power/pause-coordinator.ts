import type { EngineApi } from '../../engine-types.js';
import type { Logger } from '../../log/logger.js';

export interface PauseCoordinatorOptions {
  engine: Pick<EngineApi, 'status' | 'pause' | 'resume' | 'syncNow'>;
  log: Logger;
  /** Wait after the PC wakes before the catch-up run, for the network to come back. */
  resumeDelayMs?: number;
  /** Called when the PC goes to sleep, before the engine is paused. */
  onSuspend?(): void;
  /** Called after the catch-up run ended (or was skipped) following a wake. */
  onWakeSettled?(): void;
}

/**
 * Keeps two reasons for a pause apart: the merchant's own pause (from the tray or the window)
 * and the shell's pause while the PC sleeps. Sleeping pauses the engine unless the merchant had
 * already paused it. Waking resumes it and runs one catch-up sync after `resumeDelayMs`, unless
 * the merchant has a pause in force by then.
 */
export class PauseCoordinator {
  private merchantPause: { until: Date | null } | null;
  private pausedForSleep = false;
  private wakeTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly resumeDelayMs: number;

  constructor(private readonly options: PauseCoordinatorOptions) {
    this.resumeDelayMs = options.resumeDelayMs ?? 15_000;
    // A pause the engine kept from the last session is the merchant's.
    const paused = options.engine.status().paused;
    this.merchantPause = paused ? { until: paused.until ? new Date(paused.until) : null } : null;
  }

  /** True while a pause the merchant chose is in force (a timed one until its end). */
  isMerchantPaused(now = new Date()): boolean {
    if (!this.merchantPause) return false;
    return this.merchantPause.until === null || this.merchantPause.until > now;
  }

  /** Pauses syncing for the merchant, until `until` or (null) until they resume. */
  pauseByMerchant(until: Date | null): void {
    this.merchantPause = { until };
    this.options.engine.pause(until);
    this.options.log.info(`Sync paused by the merchant until ${until?.toISOString() ?? 'resumed'}`);
  }

  /** Ends the merchant's pause; the engine stays paused if the PC is still waking up. */
  resumeByMerchant(): void {
    this.merchantPause = null;
    if (this.pausedForSleep) {
      this.options.log.info('Merchant resumed sync; it starts once the wake-up delay ends');
      return;
    }
    this.options.engine.resume();
    this.options.log.info('Sync resumed by the merchant');
  }

  /** Handles `powerMonitor` "suspend": no runs start while the PC sleeps. */
  suspend(): void {
    this.cancelWakeTimer();
    this.options.onSuspend?.();
    if (this.pausedForSleep) return;
    this.pausedForSleep = true;
    if (this.isMerchantPaused()) {
      this.options.log.info('PC going to sleep; sync was already paused by the merchant');
      return;
    }
    this.options.engine.pause(null);
    this.options.log.info('PC going to sleep; sync paused until it wakes');
  }

  /** Handles `powerMonitor` "resume": schedules the un-pause and the catch-up run. */
  wake(): void {
    this.cancelWakeTimer();
    this.options.log.info(`PC woke up; catch-up sync in ${this.resumeDelayMs} ms`);
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = null;
      void this.finishWake();
    }, this.resumeDelayMs);
  }

  /** Lifts the sleep pause at once (before quitting), so it is never kept as the merchant's. */
  releaseSleepPause(): void {
    this.cancelWakeTimer();
    if (!this.pausedForSleep) return;
    this.pausedForSleep = false;
    if (!this.isMerchantPaused()) this.options.engine.resume();
  }

  private async finishWake(): Promise<void> {
    this.pausedForSleep = false;
    try {
      if (this.isMerchantPaused()) {
        this.options.log.info('PC awake; sync stays paused as the merchant chose');
        return;
      }
      this.merchantPause = null;
      this.options.engine.resume();
      const runs = await this.options.engine.syncNow({ trigger: 'resume' });
      this.options.log.info(
        `Catch-up sync after wake finished: runs ${runs.map((r) => r.id).join(', ')}`,
      );
    } catch (error) {
      this.options.log.error('Catch-up sync after wake failed; the schedule retries it', error);
    } finally {
      this.options.onWakeSettled?.();
    }
  }

  private cancelWakeTimer(): void {
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeTimer = null;
  }
}

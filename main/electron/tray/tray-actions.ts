import type { EngineApi } from '../../engine-types.js';
import type { Logger } from '../../log/logger.js';
import type { PauseCoordinator } from '../power/pause-coordinator.js';
import type { TrayActions } from './tray-menu.js';

export interface TrayActionDependencies {
  engine: Pick<EngineApi, 'syncNow'>;
  pauses: Pick<PauseCoordinator, 'pauseByMerchant' | 'resumeByMerchant'>;
  openWindow(): void;
  openLogsFolder(): Promise<void>;
  checkForUpdates(): Promise<unknown>;
  restartToUpdate(): void;
  quit(): void;
  log: Logger;
  now?: () => number;
}

/**
 * Connects the tray menu items to the engine and the shell. Menu clicks cannot await, so each
 * asynchronous action logs its own failure instead of leaving a rejected promise.
 */
export function createTrayActions(deps: TrayActionDependencies): TrayActions {
  const now = deps.now ?? Date.now;
  const logFailure = (what: string) => (error: unknown) => deps.log.error(`${what} failed`, error);

  return {
    syncNow: () => {
      deps.engine.syncNow({ trigger: 'manual' }).catch(logFailure('Sync now from the tray'));
    },
    syncPricesNow: () => {
      deps.engine
        .syncNow({ job: 'prices', trigger: 'manual' })
        .catch(logFailure('Sync prices now from the tray'));
    },
    pauseForOneHour: () => deps.pauses.pauseByMerchant(new Date(now() + 60 * 60_000)),
    pauseUntilResumed: () => deps.pauses.pauseByMerchant(null),
    resume: () => deps.pauses.resumeByMerchant(),
    openWindow: () => deps.openWindow(),
    openLogsFolder: () => {
      deps.openLogsFolder().catch(logFailure('Opening the logs folder'));
    },
    checkForUpdates: () => {
      deps.checkForUpdates().catch(logFailure('Checking for updates from the tray'));
    },
    restartToUpdate: () => deps.restartToUpdate(),
    quit: () => deps.quit(),
  };
}

import type { App } from 'electron';

/**
 * Takes the single-instance lock. In a second launch it quits that process and returns false;
 * in the first it calls `onSecondLaunch` whenever another launch is attempted and returns true.
 * The second launch's argv is not trusted, so it is not passed on.
 */
export function claimSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>,
  onSecondLaunch: () => void,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => onSecondLaunch());
  return true;
}

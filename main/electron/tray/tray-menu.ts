import type { MenuItemConstructorOptions } from 'electron';
import type { AgentStatus } from '../../../shared/sync.js';
import { TRAY_STATE_LABELS, trayStateFor, type TrayState } from './tray-state.js';

/** The updater's phase, as the tray shows it. */
export type UpdatePhase = 'idle' | 'checking' | 'downloading' | 'downloaded';

/** Everything the tray menu and tooltip are built from. */
export interface TrayView {
  status: AgentStatus;
  update: UpdatePhase;
  /** The message of the last uncaught error in the main process, until the merchant quits. */
  appError: string | null;
  now: Date;
}

/** The callbacks of the tray menu items, each called without arguments on a click. */
export interface TrayActions {
  syncNow(): void;
  syncPricesNow(): void;
  pauseForOneHour(): void;
  pauseUntilResumed(): void;
  resume(): void;
  openWindow(): void;
  openLogsFolder(): void;
  checkForUpdates(): void;
  restartToUpdate(): void;
  quit(): void;
}

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}

/** Formats a time as "today at 14:05" or "2026-12-03 at 14:05", in the PC's time zone. */
export function formatSyncTime(iso: string, now: Date): string {
  const at = new Date(iso);
  const clock = `${twoDigits(at.getHours())}:${twoDigits(at.getMinutes())}`;
  const sameDay =
    at.getFullYear() === now.getFullYear() &&
    at.getMonth() === now.getMonth() &&
    at.getDate() === now.getDate();
  if (sameDay) return `today at ${clock}`;
  const date = `${at.getFullYear()}-${twoDigits(at.getMonth() + 1)}-${twoDigits(at.getDate())}`;
  return `${date} at ${clock}`;
}

/** Returns the line "Last successful sync: …" shown first in the menu and in the tooltip. */
export function lastSyncLine(view: TrayView): string {
  const at = view.status.lastSuccessfulSyncAt;
  return `Last successful sync: ${at ? formatSyncTime(at, view.now) : 'never'}`;
}

/** Returns one sentence on the current state, saying what to do when the merchant must act. */
export function stateLine(view: TrayView): string {
  const { status } = view;
  if (view.appError) return `Error: ${view.appError} (see the logs)`;
  const state = trayStateFor(status);
  switch (state) {
    case 'signed-out':
      return 'Not connected: open Upstock Dear Sync to connect Cin7 Core and Upstock';
    case 'attention': {
      if (status.dear.problem === 'credentials-rejected') {
        return 'Cin7 Core rejected the API credentials: reconnect in Upstock Dear Sync';
      }
      if (status.upstock.problem === 'credentials-rejected') {
        return 'Upstock rejected the token: reconnect in Upstock Dear Sync';
      }
      const count = status.ordersNeedingAttention;
      return `${count} approved order${count === 1 ? ' needs' : 's need'} attention`;
    }
    case 'offline':
      return 'Offline: retrying when the network is back';
    case 'paused':
      return status.paused?.until
        ? `Paused until ${formatSyncTime(status.paused.until, view.now)}`
        : 'Paused until you resume';
    case 'syncing':
      return 'Syncing…';
    case 'in-sync':
      return TRAY_STATE_LABELS['in-sync'];
  }
}

/** Returns the icon state, counting an uncaught main-process error as "needs attention". */
export function iconStateFor(view: TrayView): TrayState {
  return view.appError ? 'attention' : trayStateFor(view.status);
}

/** Returns the tray tooltip: the product name, the state and the last successful sync. */
export function trayTooltip(view: TrayView): string {
  return `Upstock Dear Sync: ${stateLine(view)}\n${lastSyncLine(view)}`;
}

/**
 * Builds the tray menu template from the view alone, so the tray rebuilds it on every change
 * (Linux only shows the menu that was last set). Each clickable item has an `id` that names
 * its action.
 */
export function buildTrayMenu(view: TrayView, actions: TrayActions): MenuItemConstructorOptions[] {
  const state = trayStateFor(view.status);
  const signedOut = state === 'signed-out';
  const running = view.status.jobs.some((job) => job.running);
  const canSync = !signedOut && !running;

  const menu: MenuItemConstructorOptions[] = [
    { id: 'last-sync', label: lastSyncLine(view), enabled: false },
    { id: 'state', label: stateLine(view), enabled: false },
    { type: 'separator' },
    { id: 'sync-now', label: 'Sync now', enabled: canSync, click: () => actions.syncNow() },
    {
      id: 'sync-prices-now',
      label: 'Sync prices now',
      enabled: canSync,
      click: () => actions.syncPricesNow(),
    },
  ];

  if (view.status.paused) {
    menu.push({ id: 'resume', label: 'Resume', click: () => actions.resume() });
  } else {
    menu.push(
      {
        id: 'pause-hour',
        label: 'Pause for 1 hour',
        enabled: !signedOut,
        click: () => actions.pauseForOneHour(),
      },
      {
        id: 'pause-until-resumed',
        label: 'Pause until resumed',
        enabled: !signedOut,
        click: () => actions.pauseUntilResumed(),
      },
    );
  }

  menu.push(
    { type: 'separator' },
    { id: 'open-window', label: 'Open Upstock Dear Sync', click: () => actions.openWindow() },
    { id: 'open-logs', label: 'Open logs folder', click: () => actions.openLogsFolder() },
    { type: 'separator' },
  );

  const busy = view.update === 'checking' || view.update === 'downloading';
  const checkLabel =
    view.update === 'checking'
      ? 'Checking for updates…'
      : view.update === 'downloading'
        ? 'Downloading update…'
        : 'Check for updates';
  menu.push({
    id: 'check-updates',
    label: checkLabel,
    enabled: !busy,
    click: () => actions.checkForUpdates(),
  });
  if (view.update === 'downloaded') {
    menu.push({
      id: 'restart-to-update',
      label: 'Restart to update',
      click: () => actions.restartToUpdate(),
    });
  }

  menu.push({ type: 'separator' }, { id: 'quit', label: 'Quit', click: () => actions.quit() });
  return menu;
}

import type { Menu, MenuItemConstructorOptions, Tray } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { createTrayActions } from '../../main/electron/tray/tray-actions.js';
import { TrayController, trayIconPath } from '../../main/electron/tray/tray-controller.js';
import {
  buildTrayMenu,
  formatSyncTime,
  iconStateFor,
  trayTooltip,
  type TrayActions,
  type TrayView,
} from '../../main/electron/tray/tray-menu.js';
import { trayStateFor, type TrayState } from '../../main/electron/tray/tray-state.js';
import type { AgentStatus } from '../../shared/sync.js';
import { makeStatus, runningStatus } from './helpers/status.js';

const NOW = new Date('2026-12-04T12:00:00.000Z');

function view(status: AgentStatus, changes: Partial<TrayView> = {}): TrayView {
  return { status, update: 'idle', appError: null, now: NOW, ...changes };
}

function recordingActions() {
  const calls: (keyof TrayActions)[] = [];
  const record = (name: keyof TrayActions) => () => {
    calls.push(name);
  };
  const actions: TrayActions = {
    syncNow: record('syncNow'),
    syncPricesNow: record('syncPricesNow'),
    pauseForOneHour: record('pauseForOneHour'),
    pauseUntilResumed: record('pauseUntilResumed'),
    resume: record('resume'),
    openWindow: record('openWindow'),
    openLogsFolder: record('openLogsFolder'),
    checkForUpdates: record('checkForUpdates'),
    restartToUpdate: record('restartToUpdate'),
    quit: record('quit'),
  };
  return { actions, calls };
}

function item(menu: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions {
  const found = menu.find((entry) => entry.id === id);
  if (!found)
    throw new Error(`menu has no item ${id}: ${menu.map((entry) => entry.id).join(', ')}`);
  return found;
}

function click(menu: MenuItemConstructorOptions[], id: string): void {
  const clickHandler = item(menu, id).click as (() => void) | undefined;
  if (!clickHandler) throw new Error(`menu item ${id} has no click handler`);
  clickHandler();
}

const STATUSES: [TrayState, AgentStatus][] = [
  ['in-sync', makeStatus()],
  ['syncing', runningStatus()],
  ['attention', makeStatus({ ordersNeedingAttention: 2 })],
  [
    'attention',
    makeStatus({ dear: { connected: true, accountName: 'x', problem: 'credentials-rejected' } }),
  ],
  ['paused', makeStatus({ paused: { until: null, indefinitely: true } })],
  ['offline', makeStatus({ upstock: { connected: true, accountName: 'x', problem: 'offline' } })],
  ['signed-out', makeStatus({ dear: { connected: false, accountName: null, problem: null } })],
];

describe('tray state', () => {
  it.each(STATUSES)('maps a status to %s', (expected, status) => {
    expect(trayStateFor(status)).toBe(expected);
  });

  it('puts attention before offline and paused', () => {
    const status = makeStatus({
      ordersNeedingAttention: 1,
      paused: { until: null, indefinitely: true },
      dear: { connected: true, accountName: 'x', problem: 'offline' },
    });
    expect(trayStateFor(status)).toBe('attention');
  });

  it('shows an uncaught error as attention', () => {
    expect(iconStateFor(view(makeStatus(), { appError: 'disk full' }))).toBe('attention');
  });
});

describe('tray menu', () => {
  it('starts with the disabled last-sync line', () => {
    const menu = buildTrayMenu(view(makeStatus()), recordingActions().actions);
    expect(menu[0]?.id).toBe('last-sync');
    expect(menu[0]?.enabled).toBe(false);
    expect(menu[0]?.label).toBe(
      `Last successful sync: ${formatSyncTime('2026-12-04T09:30:00.000Z', NOW)}`,
    );
  });

  it('says never before the first sync', () => {
    const menu = buildTrayMenu(
      view(makeStatus({ lastSuccessfulSyncAt: null })),
      recordingActions().actions,
    );
    expect(menu[0]?.label).toBe('Last successful sync: never');
  });

  it.each(STATUSES)('has the expected items when %s', (state, status) => {
    const menu = buildTrayMenu(view(status), recordingActions().actions);
    const ids = menu.filter((entry) => entry.id).map((entry) => entry.id);
    const pauseItems = state === 'paused' ? ['resume'] : ['pause-hour', 'pause-until-resumed'];
    expect(ids).toEqual([
      'last-sync',
      'state',
      'sync-now',
      'sync-prices-now',
      ...pauseItems,
      'open-window',
      'open-logs',
      'check-updates',
      'quit',
    ]);
    const canSync = state !== 'signed-out' && state !== 'syncing';
    expect(item(menu, 'sync-now').enabled).toBe(canSync);
    expect(item(menu, 'sync-prices-now').enabled).toBe(canSync);
  });

  it('names the problem in the state line', () => {
    const rejected = makeStatus({
      dear: { connected: true, accountName: 'x', problem: 'credentials-rejected' },
    });
    expect(item(buildTrayMenu(view(rejected), recordingActions().actions), 'state').label).toMatch(
      /Cin7 Core rejected the API credentials/,
    );
    const orders = makeStatus({ ordersNeedingAttention: 3 });
    expect(item(buildTrayMenu(view(orders), recordingActions().actions), 'state').label).toBe(
      '3 approved orders need attention',
    );
    const timed = makeStatus({
      paused: { until: '2026-12-04T13:00:00.000Z', indefinitely: false },
    });
    expect(item(buildTrayMenu(view(timed), recordingActions().actions), 'state').label).toBe(
      `Paused until ${formatSyncTime('2026-12-04T13:00:00.000Z', NOW)}`,
    );
  });

  it('adds restart to update once downloaded', () => {
    const before = buildTrayMenu(view(makeStatus()), recordingActions().actions);
    expect(before.some((entry) => entry.id === 'restart-to-update')).toBe(false);
    const after = buildTrayMenu(
      view(makeStatus(), { update: 'downloaded' }),
      recordingActions().actions,
    );
    expect(item(after, 'restart-to-update').label).toBe('Restart to update');
  });

  it('disables the update check while checking', () => {
    const menu = buildTrayMenu(
      view(makeStatus(), { update: 'checking' }),
      recordingActions().actions,
    );
    expect(item(menu, 'check-updates').enabled).toBe(false);
    expect(item(menu, 'check-updates').label).toBe('Checking for updates…');
  });

  it('calls the action of each item', () => {
    const { actions, calls } = recordingActions();
    const running = buildTrayMenu(view(makeStatus(), { update: 'downloaded' }), actions);
    for (const id of [
      'sync-now',
      'sync-prices-now',
      'pause-hour',
      'pause-until-resumed',
      'open-window',
      'open-logs',
      'check-updates',
      'restart-to-update',
      'quit',
    ]) {
      click(running, id);
    }
    click(
      buildTrayMenu(view(makeStatus({ paused: { until: null, indefinitely: true } })), actions),
      'resume',
    );
    expect(calls).toEqual([
      'syncNow',
      'syncPricesNow',
      'pauseForOneHour',
      'pauseUntilResumed',
      'openWindow',
      'openLogsFolder',
      'checkForUpdates',
      'restartToUpdate',
      'quit',
      'resume',
    ]);
  });

  it('puts state and last sync in the tooltip', () => {
    const tooltip = trayTooltip(view(makeStatus({ paused: { until: null, indefinitely: true } })));
    expect(tooltip).toContain('Upstock Dear Sync: Paused until you resume');
    expect(tooltip).toContain('Last successful sync: ');
  });
});

describe('tray actions', () => {
  function actionsWithFakes() {
    const engine = { syncNow: vi.fn(() => Promise.resolve([])) };
    const pauses = {
      pauseByMerchant: vi.fn<(until: Date | null) => void>(),
      resumeByMerchant: vi.fn(),
    };
    const log = { error: vi.fn(), warn: vi.fn(), info: vi.fn(), debug: vi.fn() };
    const deps = {
      engine,
      pauses,
      openWindow: vi.fn(),
      openLogsFolder: vi.fn(() => Promise.reject(new Error('no file manager'))),
      checkForUpdates: vi.fn(() => Promise.resolve()),
      restartToUpdate: vi.fn(),
      quit: vi.fn(),
      log,
      now: () => NOW.getTime(),
    };
    return { actions: createTrayActions(deps), deps };
  }

  it('runs all import jobs for sync now', () => {
    const { actions, deps } = actionsWithFakes();
    actions.syncNow();
    expect(deps.engine.syncNow).toHaveBeenCalledWith({ trigger: 'manual' });
  });

  it('runs the prices job for sync prices now', () => {
    const { actions, deps } = actionsWithFakes();
    actions.syncPricesNow();
    expect(deps.engine.syncNow).toHaveBeenCalledWith({ job: 'prices', trigger: 'manual' });
  });

  it('pauses for one hour or until resumed', () => {
    const { actions, deps } = actionsWithFakes();
    actions.pauseForOneHour();
    actions.pauseUntilResumed();
    actions.resume();
    expect(deps.pauses.pauseByMerchant.mock.calls).toEqual([
      [new Date(NOW.getTime() + 3_600_000)],
      [null],
    ]);
    expect(deps.pauses.resumeByMerchant).toHaveBeenCalledTimes(1);
  });

  it('logs a failed action instead of throwing', async () => {
    const { actions, deps } = actionsWithFakes();
    actions.openLogsFolder();
    await vi.waitFor(() =>
      expect(deps.log.error).toHaveBeenCalledWith(
        'Opening the logs folder failed',
        expect.any(Error),
      ),
    );
  });
});

describe('tray controller', () => {
  function controllerWithFakes(initial: AgentStatus) {
    const tray = {
      setImage: vi.fn<Tray['setImage']>(),
      setToolTip: vi.fn<Tray['setToolTip']>(),
      setContextMenu: vi.fn<Tray['setContextMenu']>(),
    } satisfies Pick<Tray, 'setImage' | 'setToolTip' | 'setContextMenu'>;
    const fakeMenu = {} as Menu;
    const buildMenu = vi.fn<(template: MenuItemConstructorOptions[]) => Menu>(() => fakeMenu);
    const controller = new TrayController({
      tray,
      buildMenu,
      iconPath: (state) => trayIconPath('/assets', state, 'linux'),
      actions: recordingActions().actions,
      initialStatus: initial,
      now: () => NOW,
    });
    return { controller, tray, buildMenu };
  }

  it('rebuilds the menu on every change', () => {
    const { controller, tray, buildMenu } = controllerWithFakes(makeStatus());
    controller.setStatus(runningStatus());
    controller.setStatus(makeStatus());
    controller.setUpdatePhase('downloaded');
    expect(buildMenu).toHaveBeenCalledTimes(4);
    expect(tray.setContextMenu).toHaveBeenCalledTimes(4);
    const lastTemplate = buildMenu.mock.calls.at(-1)![0];
    expect(lastTemplate.some((entry) => entry.id === 'restart-to-update')).toBe(true);
  });

  it('changes the icon with the state', () => {
    const { controller, tray } = controllerWithFakes(makeStatus());
    controller.setStatus(runningStatus());
    controller.setStatus(
      makeStatus({ upstock: { connected: true, accountName: 'x', problem: 'offline' } }),
    );
    controller.showError('disk full');
    expect(tray.setImage.mock.calls.map((call) => call[0])).toEqual([
      '/assets/tray-in-sync.png',
      '/assets/tray-syncing.png',
      '/assets/tray-offline.png',
      '/assets/tray-attention.png',
    ]);
    expect(tray.setToolTip.mock.calls.at(-1)![0]).toContain('Error: disk full (see the logs)');
  });

  it('uses template images on macOS', () => {
    expect(trayIconPath('/assets', 'paused', 'darwin')).toBe('/assets/tray-pausedTemplate.png');
    expect(trayIconPath('/assets', 'paused', 'win32')).toBe('/assets/tray-paused.png');
  });
});

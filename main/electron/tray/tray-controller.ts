import path from 'node:path';
import type { Menu, MenuItemConstructorOptions, Tray } from 'electron';
import type { AgentStatus } from '../../../shared/sync.js';
import {
  buildTrayMenu,
  iconStateFor,
  trayTooltip,
  type TrayActions,
  type TrayView,
  type UpdatePhase,
} from './tray-menu.js';
import type { TrayState } from './tray-state.js';

/**
 * Returns the icon file for a state: the template image on macOS (the menu bar tints it), the
 * coloured one elsewhere. Electron picks the `@2x` file beside it on high-density screens.
 */
export function trayIconPath(
  assetsDir: string,
  state: TrayState,
  platform: NodeJS.Platform,
): string {
  const suffix = platform === 'darwin' ? 'Template' : '';
  return path.join(assetsDir, `tray-${state}${suffix}.png`);
}

export interface TrayControllerOptions {
  tray: Pick<Tray, 'setImage' | 'setToolTip' | 'setContextMenu'>;
  /** `Menu.buildFromTemplate` in the app. */
  buildMenu(template: MenuItemConstructorOptions[]): Menu;
  iconPath(state: TrayState): string;
  actions: TrayActions;
  initialStatus: AgentStatus;
  now?: () => Date;
}

/**
 * Keeps the tray icon, tooltip and menu in step with the engine status, the updater and the last
 * uncaught error. Every change rebuilds the whole menu.
 */
export class TrayController {
  private status: AgentStatus;
  private update: UpdatePhase = 'idle';
  private appError: string | null = null;
  private shownIcon: TrayState | null = null;

  constructor(private readonly options: TrayControllerOptions) {
    this.status = options.initialStatus;
    this.render();
  }

  setStatus(status: AgentStatus): void {
    this.status = status;
    this.render();
  }

  setUpdatePhase(phase: UpdatePhase): void {
    this.update = phase;
    this.render();
  }

  /** Shows an uncaught main-process error in the icon, tooltip and menu. */
  showError(message: string): void {
    this.appError = message;
    this.render();
  }

  /** Returns what the tray currently shows. */
  view(): TrayView {
    return {
      status: this.status,
      update: this.update,
      appError: this.appError,
      now: this.options.now?.() ?? new Date(),
    };
  }

  private render(): void {
    const view = this.view();
    const icon = iconStateFor(view);
    if (icon !== this.shownIcon) {
      this.options.tray.setImage(this.options.iconPath(icon));
      this.shownIcon = icon;
    }
    this.options.tray.setToolTip(trayTooltip(view));
    this.options.tray.setContextMenu(
      this.options.buildMenu(buildTrayMenu(view, this.options.actions)),
    );
  }
}

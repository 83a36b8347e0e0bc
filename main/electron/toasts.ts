import type { Notification, NotificationConstructorOptions } from 'electron';
import type { Logger } from '../log/logger.js';

export interface ToastOptions {
  /** `(options) => new Notification(options)` in the app. */
  createNotification(options: NotificationConstructorOptions): Pick<Notification, 'on' | 'show'>;
  isSupported(): boolean;
  /** Called when the merchant clicks a toast. */
  onClick(): void;
  log: Logger;
}

/**
 * Returns a function that shows a desktop notification. Each one is referenced until it closes,
 * because a collected notification loses its click handler. Where notifications are not
 * supported the toast is only logged; the window's notification list still has it.
 */
export function createToastShower(options: ToastOptions): (title: string, body: string) => void {
  const open = new Set<Pick<Notification, 'on' | 'show'>>();

  return (title, body) => {
    if (!options.isSupported()) {
      options.log.info(`Desktop notifications unsupported; not shown: ${title}`);
      return;
    }
    const toast = options.createNotification({ title, body, silent: false });
    open.add(toast);
    toast.on('click', () => options.onClick());
    toast.on('close', () => open.delete(toast));
    toast.on('failed', (_event, error) => {
      open.delete(toast);
      options.log.warn(`Desktop notification "${title}" failed: ${error}`);
    });
    toast.show();
  };
}

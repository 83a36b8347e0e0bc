import { randomUUID } from 'node:crypto';
import type { IpcEvents } from '../../shared/ipc.js';

/** One notification as the window lists it. */
export type NotificationEntry = IpcEvents['notification:added'];

/** The subject of a notification; toasts are limited per kind. */
export type NotificationKind =
  'orders-attention' | 'credentials-rejected' | 'app-error' | 'update-ready';

export interface NotificationCenterOptions {
  /** Shows a desktop notification (toast). */
  showToast(title: string, body: string): void;
  /** Called for every notification, shown or not, so the window can add it to its list. */
  onAdded(entry: NotificationEntry): void;
  /** At most one toast per kind in this many milliseconds; 5 minutes unless set. */
  coalesceMs?: number;
  /** How many notifications the list keeps, newest first; 200 unless set. */
  maxKept?: number;
}

const KIND_SUMMARIES: Record<NotificationKind, string> = {
  'orders-attention': 'about approved orders that need attention',
  'credentials-rejected': 'about rejected credentials',
  'app-error': 'about errors in Upstock Dear Sync',
  'update-ready': 'about updates',
};

/**
 * Keeps every notification in a list for the window and limits desktop toasts: at most one
 * per kind per coalescing window, the rest summed up in one toast when the window ends. While
 * toasts are held (after the PC wakes), they are collected and shown as a single summary.
 */
export class NotificationCenter {
  private readonly entries: NotificationEntry[] = [];
  private readonly lastToastAt = new Map<NotificationKind, number>();
  private readonly suppressed = new Map<NotificationKind, number>();
  private readonly flushTimers = new Map<NotificationKind, ReturnType<typeof setTimeout>>();
  private held: { kind: NotificationKind; title: string; body: string }[] | null = null;
  private readonly coalesceMs: number;
  private readonly maxKept: number;

  constructor(private readonly options: NotificationCenterOptions) {
    this.coalesceMs = options.coalesceMs ?? 5 * 60_000;
    this.maxKept = options.maxKept ?? 200;
  }

  /** Records a notification, sends it to the window, and shows a toast unless one was shown lately. */
  add(kind: NotificationKind, title: string, body: string): NotificationEntry {
    const entry: NotificationEntry = {
      id: randomUUID(),
      title,
      body,
      at: new Date().toISOString(),
    };
    this.entries.unshift(entry);
    this.entries.length = Math.min(this.entries.length, this.maxKept);
    this.options.onAdded(entry);

    if (this.held) {
      this.held.push({ kind, title, body });
      return entry;
    }

    const last = this.lastToastAt.get(kind);
    if (last !== undefined && Date.now() - last < this.coalesceMs) {
      this.suppressed.set(kind, (this.suppressed.get(kind) ?? 0) + 1);
      this.scheduleFlush(kind, last + this.coalesceMs - Date.now());
      return entry;
    }
    this.toast(kind, title, body);
    return entry;
  }

  /** Returns the kept notifications, newest first. */
  list(): NotificationEntry[] {
    return [...this.entries];
  }

  /** Starts collecting toasts instead of showing them (for the burst after the PC wakes). */
  holdToasts(): void {
    this.held ??= [];
  }

  /** Shows what was collected since `holdToasts`: one toast as it was, several as one summary. */
  releaseToasts(): void {
    const held = this.held;
    this.held = null;
    if (!held || held.length === 0) return;
    if (held.length === 1) {
      const only = held[0]!;
      this.toast(only.kind, only.title, only.body);
      return;
    }

    const kinds = [...new Set(held.map((item) => item.kind))];
    const titles = [...new Set(held.map((item) => item.title))].slice(0, 3);
    this.options.showToast(
      `${held.length} notifications while the PC was asleep`,
      `${titles.join('; ')}. Open Upstock Dear Sync for the full list.`,
    );
    const now = Date.now();
    for (const kind of kinds) this.lastToastAt.set(kind, now);
  }

  /** Cancels pending summary toasts (on quit). */
  dispose(): void {
    for (const timer of this.flushTimers.values()) clearTimeout(timer);
    this.flushTimers.clear();
  }

  private toast(kind: NotificationKind, title: string, body: string): void {
    this.lastToastAt.set(kind, Date.now());
    this.options.showToast(title, body);
  }

  private scheduleFlush(kind: NotificationKind, delayMs: number): void {
    if (this.flushTimers.has(kind)) return;
    const timer = setTimeout(
      () => {
        this.flushTimers.delete(kind);
        const count = this.suppressed.get(kind) ?? 0;
        this.suppressed.delete(kind);
        if (count === 0) return;
        this.toast(
          kind,
          `${count} more notification${count === 1 ? '' : 's'} ${KIND_SUMMARIES[kind]}`,
          'Open Upstock Dear Sync to see them.',
        );
      },
      Math.max(0, delayMs),
    );
    timer.unref?.();
    this.flushTimers.set(kind, timer);
  }
}

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NotificationCenter, type NotificationEntry } from '../../main/electron/notifications.js';
import { notificationsForStatusChange } from '../../main/electron/status-notifications.js';
import { makeStatus } from './helpers/status.js';

const FIVE_MINUTES = 5 * 60_000;

describe('notification center', () => {
  let toasts: { title: string; body: string }[];
  let added: NotificationEntry[];
  let center: NotificationCenter;

  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-12-04T12:00:00.000Z') });
    toasts = [];
    added = [];
    center = new NotificationCenter({
      showToast: (title, body) => toasts.push({ title, body }),
      onAdded: (entry) => added.push(entry),
    });
  });

  afterEach(() => {
    center.dispose();
    vi.useRealTimers();
  });

  it('shows one toast per kind in five minutes', () => {
    center.add('orders-attention', '1 approved order needs attention', 'a');
    center.add('orders-attention', '2 approved orders need attention', 'b');
    center.add('orders-attention', '3 approved orders need attention', 'c');
    expect(toasts.map((toast) => toast.title)).toEqual(['1 approved order needs attention']);
  });

  it('sums up the suppressed toasts when the window ends', async () => {
    center.add('orders-attention', 'first', 'a');
    center.add('orders-attention', 'second', 'b');
    center.add('orders-attention', 'third', 'c');
    await vi.advanceTimersByTimeAsync(FIVE_MINUTES);
    expect(toasts.map((toast) => toast.title)).toEqual([
      'first',
      '2 more notifications about approved orders that need attention',
    ]);
  });

  it('limits each kind separately', () => {
    center.add('orders-attention', 'orders', 'a');
    center.add('credentials-rejected', 'credentials', 'b');
    expect(toasts.map((toast) => toast.title)).toEqual(['orders', 'credentials']);
  });

  it('shows a toast again after five minutes', async () => {
    center.add('credentials-rejected', 'first', 'a');
    await vi.advanceTimersByTimeAsync(FIVE_MINUTES + 1);
    center.add('credentials-rejected', 'second', 'b');
    expect(toasts.map((toast) => toast.title)).toEqual(['first', 'second']);
  });

  it('keeps every notification in the list, newest first', () => {
    center.add('orders-attention', 'first', 'a');
    center.add('orders-attention', 'second', 'b');
    expect(center.list().map((entry) => entry.title)).toEqual(['second', 'first']);
    expect(added.map((entry) => entry.title)).toEqual(['first', 'second']);
    expect(new Set(center.list().map((entry) => entry.id)).size).toBe(2);
  });

  it('caps the kept list', () => {
    const small = new NotificationCenter({
      showToast: () => undefined,
      onAdded: () => undefined,
      maxKept: 3,
    });
    for (let index = 1; index <= 5; index++) small.add('app-error', `error ${index}`, '');
    expect(small.list().map((entry) => entry.title)).toEqual(['error 5', 'error 4', 'error 3']);
  });

  it('turns a burst after wake into one summary', () => {
    center.holdToasts();
    center.add('orders-attention', '4 approved orders need attention', 'a');
    center.add('credentials-rejected', 'Upstock rejected the agent token', 'b');
    center.add('orders-attention', '5 approved orders need attention', 'c');
    expect(toasts).toEqual([]);

    center.releaseToasts();
    expect(toasts).toHaveLength(1);
    expect(toasts[0]!.title).toBe('3 notifications while the PC was asleep');
    expect(toasts[0]!.body).toContain('Upstock rejected the agent token');
    expect(center.list()).toHaveLength(3);
  });

  it('shows a single held notification as it is', () => {
    center.holdToasts();
    center.add('app-error', 'Upstock Dear Sync hit an error', 'disk full');
    center.releaseToasts();
    expect(toasts).toEqual([{ title: 'Upstock Dear Sync hit an error', body: 'disk full' }]);
  });

  it('counts the summary against the five minutes', () => {
    center.holdToasts();
    center.add('orders-attention', 'a', '');
    center.add('orders-attention', 'b', '');
    center.releaseToasts();
    center.add('orders-attention', 'c', '');
    expect(toasts).toHaveLength(1);
  });
});

describe('notifications for status changes', () => {
  it('notifies when more orders need attention', () => {
    const notes = notificationsForStatusChange(
      makeStatus({ ordersNeedingAttention: 1 }),
      makeStatus({ ordersNeedingAttention: 3 }),
    );
    expect(notes).toEqual([
      expect.objectContaining({
        kind: 'orders-attention',
        title: '3 approved orders need attention',
      }),
    ]);
  });

  it('stays quiet when fewer orders need attention', () => {
    expect(
      notificationsForStatusChange(
        makeStatus({ ordersNeedingAttention: 3 }),
        makeStatus({ ordersNeedingAttention: 2 }),
      ),
    ).toEqual([]);
  });

  it('notifies once when credentials become rejected', () => {
    const rejected = makeStatus({
      dear: { connected: true, accountName: 'x', problem: 'credentials-rejected' },
    });
    expect(notificationsForStatusChange(makeStatus(), rejected)).toEqual([
      expect.objectContaining({
        kind: 'credentials-rejected',
        title: 'Cin7 Core rejected the API credentials',
      }),
    ]);
    expect(notificationsForStatusChange(rejected, rejected)).toEqual([]);
  });

  it('notifies for the Upstock token too', () => {
    const rejected = makeStatus({
      upstock: { connected: true, accountName: 'x', problem: 'credentials-rejected' },
    });
    expect(notificationsForStatusChange(null, rejected).map((note) => note.title)).toEqual([
      'Upstock rejected the agent token',
    ]);
  });
});

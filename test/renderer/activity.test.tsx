// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderAttentionRow } from '../../shared/ipc.js';
import { App } from '../../renderer/App.js';
import { installFakeBridge, makeRun, makeStatus, type FakeBridge } from './fake-bridge.js';

let bridge: FakeBridge;

beforeEach(() => {
  bridge = installFakeBridge();
});

afterEach(cleanup);

function openActivity() {
  render(<App />);
  fireEvent.click(screen.getByRole('button', { name: 'Activity' }));
}

describe('Activity screen', () => {
  it('shows each job with last and next run', async () => {
    const lastRun = makeRun({ id: 4, job: 'prices', status: 'partial', error: null });
    bridge.status = makeStatus();
    bridge.status.jobs = bridge.status.jobs.map((job) =>
      job.job === 'prices' ? { ...job, lastRun, lastSuccessAt: null } : job,
    );
    openActivity();

    const jobs = await screen.findByRole('table', { name: 'Jobs' });
    const prices = within(jobs).getByRole('row', { name: /Price lists/ });
    expect(within(prices).getByText(/^partial,/)).toBeTruthy();
    expect(within(prices).getByText('Idle')).toBeTruthy();
    expect(within(jobs).getAllByRole('row')).toHaveLength(7);
  });

  it('shows a progress bar for a running job', async () => {
    bridge.status = makeStatus();
    bridge.status.jobs = bridge.status.jobs.map((job) =>
      job.job === 'customers' ? { ...job, running: true } : job,
    );
    openActivity();
    await screen.findByRole('table', { name: 'Jobs' });

    act(() =>
      bridge.emit('sync:progress', {
        job: 'customers',
        runId: 9,
        phase: 'Reading',
        done: 30,
        total: 120,
      }),
    );

    const jobs = screen.getByRole('table', { name: 'Jobs' });
    const bar = within(jobs).getByRole('progressbar', { name: 'Customers progress' });
    expect(bar.getAttribute('value')).toBe('25');
    expect(within(jobs).getByText('Reading: 30 of 120')).toBeTruthy();
  });

  it('lists runs with their counts and failures', async () => {
    bridge.handle('runs:list', () => [
      makeRun({
        id: 2,
        job: 'customers',
        status: 'partial',
        counts: { customers: { created: 3, updated: 1, unchanged: 12, skipped: 0, failed: 1 } },
        failures: [
          {
            entity: 'customer',
            recordId: 'c-9',
            label: 'Corner Cafe',
            field: 'Email',
            reason: 'missing',
          },
        ],
      }),
      makeRun({ id: 1, job: 'reference', status: 'failed', error: 'credentials rejected' }),
    ]);
    openActivity();

    const history = await screen.findByRole('table', { name: 'Run history' });
    expect(
      within(history).getByText('customers: 3 created, 1 updated, 12 unchanged, 1 failed'),
    ).toBeTruthy();
    expect(within(history).getByText('1 records failed')).toBeTruthy();
    expect(within(history).getByText('customer Corner Cafe (Email): missing')).toBeTruthy();
    expect(within(history).getByText('credentials rejected')).toBeTruthy();
    expect(bridge.requests('runs:list')[0]).toEqual({ limit: 50 });
  });

  it('shows discounts not carried over once per rule', async () => {
    const rule = {
      kind: 'quantity-discount' as const,
      ruleName: 'Buy 10 save 5%',
      affected: 14,
      detail: 'Upstock price lists have no quantity breaks.',
    };
    bridge.handle('runs:list', () => [
      makeRun({ id: 3, job: 'prices', unrepresentable: [rule] }),
      makeRun({
        id: 2,
        job: 'prices',
        unrepresentable: [rule, { ...rule, ruleName: 'Old deal', kind: 'deal' }],
      }),
    ]);
    openActivity();

    const table = await screen.findByRole('table', {
      name: 'Pricing Upstock cannot carry over',
    });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(2);
    expect(within(table).getByText('Buy 10 save 5%')).toBeTruthy();
    expect(within(table).getByText('Quantity-based discount')).toBeTruthy();
    expect(within(table).queryByText('Old deal')).toBeNull();
  });

  it('retries an order that needs attention', async () => {
    let attention: OrderAttentionRow[] = [
      {
        kind: 'parked',
        orderId: 'o-1',
        orderNumber: 'UP-1001',
        customer: 'Corner Cafe',
        reason: 'Cin7 Core rejected the sale: tax rule "GST 15%" not found.',
        since: '2026-12-04T09:00:00.000Z',
      },
    ];
    bridge.handle('orders:attention', () => attention);
    bridge.handle('orders:retry', () => {
      attention = [];
    });
    openActivity();

    const table = await screen.findByRole('table', { name: 'Orders needing attention' });
    expect(within(table).getByText(/tax rule "GST 15%" not found/)).toBeTruthy();
    fireEvent.click(within(table).getByRole('button', { name: 'Retry order UP-1001' }));

    await screen.findByText('No orders need attention.');
    expect(bridge.requests('orders:retry')).toEqual([{ orderId: 'o-1' }]);
    const outcome = await screen.findByRole('status');
    expect(outcome.textContent).toBe(
      'Order UP-1001 was pushed to Cin7 Core and no longer needs attention.',
    );
    expect(screen.queryByText(/Retry queued/)).toBeNull();
  });

  it('says when a retried order stays parked', async () => {
    let reason = 'Cin7 Core could not be reached.';
    bridge.handle('orders:attention', () => [
      {
        kind: 'parked',
        orderId: 'o-3',
        orderNumber: 'UP-1003',
        customer: 'Deli',
        reason,
        since: '2026-12-04T09:00:00.000Z',
      },
    ]);
    bridge.handle('orders:retry', () => {
      reason = 'Cin7 Core rejected the sale: customer "Deli" not found.';
    });
    openActivity();

    fireEvent.click(await screen.findByRole('button', { name: 'Retry order UP-1003' }));
    const outcome = await screen.findByRole('status');
    expect(outcome.textContent).toContain('Order UP-1003 was retried but is still parked');
    expect(outcome.textContent).toContain('customer "Deli" not found');
  });

  it('shows an edited order without retry', async () => {
    bridge.handle('orders:attention', () => [
      {
        kind: 'edited-after-push',
        orderId: 'o-4',
        orderNumber: 'UP-1004',
        customer: 'Corner Cafe',
        reason: 'Informational, sale SO-00042: total was 120.0000, now 150.0000.',
        since: '2026-12-04T09:00:00.000Z',
      },
    ]);
    openActivity();

    const table = await screen.findByRole('table', { name: 'Orders needing attention' });
    expect(within(table).getByText(/SO-00042/)).toBeTruthy();
    expect(within(table).getByText(/Upstock and Cin7 Core now differ/)).toBeTruthy();
    expect(within(table).getByText(/change the sale in Cin7 Core by hand/)).toBeTruthy();
    expect(within(table).queryByRole('button', { name: /Retry/ })).toBeNull();
    expect(within(table).getByText('Informational')).toBeTruthy();
  });

  it('shows a failed retry next to the order', async () => {
    bridge.handle('orders:attention', () => [
      {
        kind: 'parked',
        orderId: 'o-2',
        orderNumber: 'UP-1002',
        customer: 'Deli',
        reason: 'offline',
        since: '2026-12-04T09:00:00.000Z',
      },
    ]);
    bridge.handle('orders:retry', () => {
      throw new Error('Cin7 Core could not be reached.');
    });
    openActivity();

    fireEvent.click(await screen.findByRole('button', { name: 'Retry order UP-1002' }));
    expect(await screen.findByText('Retry failed: Cin7 Core could not be reached.')).toBeTruthy();
  });

  it('shows runs when orders are unavailable', async () => {
    bridge.handle('runs:list', () => [makeRun({ id: 5, job: 'products' })]);
    bridge.handle('orders:attention', () => {
      throw new Error('This version of the sync engine has no ordersNeedingAttention().');
    });
    openActivity();

    expect((await screen.findByRole('alert')).textContent).toMatch(/no ordersNeedingAttention/);
    expect(await screen.findByRole('table', { name: 'Run history' })).toBeTruthy();
    expect(screen.queryByText('No orders need attention.')).toBeNull();
  });

  it('lists notifications and adds new ones', async () => {
    bridge.handle('notifications:list', () => [
      { id: 'n1', title: 'Order needs attention', body: 'UP-1001', at: '2026-12-04T09:00:00.000Z' },
    ]);
    openActivity();
    await screen.findByText('Order needs attention');

    act(() =>
      bridge.emit('notification:added', {
        id: 'n2',
        title: 'Cin7 Core offline',
        body: 'Retrying in 1 minute.',
        at: '2026-12-04T09:05:00.000Z',
      }),
    );

    const list = screen.getByRole('list', { name: 'Notifications' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('strong')?.textContent)).toEqual([
      'Cin7 Core offline',
      'Order needs attention',
    ]);
  });

  it('reloads lists when a run finishes', async () => {
    bridge.status = makeStatus();
    openActivity();
    await screen.findByRole('table', { name: 'Jobs' });
    await waitFor(() => expect(bridge.requests('runs:list').length).toBeGreaterThan(0));
    const runsBefore = bridge.requests('runs:list').length;
    const attentionBefore = bridge.requests('orders:attention').length;

    const finished = makeRun({ id: 11, job: 'orders' });
    act(() =>
      bridge.emit('status:changed', {
        ...bridge.status,
        jobs: bridge.status.jobs.map((job) =>
          job.job === 'orders' ? { ...job, lastRun: finished } : job,
        ),
        ordersNeedingAttention: 1,
      }),
    );

    await waitFor(() => expect(bridge.requests('runs:list')).toHaveLength(runsBefore + 1));
    expect(bridge.requests('orders:attention')).toHaveLength(attentionBefore + 1);
  });
});

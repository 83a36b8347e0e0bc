// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/App.js';
import type { RunSummary } from '../../shared/sync.js';
import { installFakeBridge, makeRun, makeStatus, type FakeBridge } from './fake-bridge.js';

let bridge: FakeBridge;

beforeEach(() => {
  bridge = installFakeBridge();
});

afterEach(cleanup);

async function renderConnected() {
  render(<App />);
  const button = screen.getByRole('button', { name: 'Sync now' });
  await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
  return button;
}

describe('header', () => {
  it('disables Sync now until Cin7 Core is connected', async () => {
    bridge.status = makeStatus({ dear: { connected: false, accountName: null, problem: null } });
    render(<App />);
    await screen.findByText(/Last successful sync/);

    expect((screen.getByRole('button', { name: 'Sync now' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });

  it('runs Sync now and shows progress', async () => {
    let finish: (runs: RunSummary[]) => void = () => undefined;
    bridge.handle('sync:now', () => new Promise((resolve) => (finish = resolve)));
    const button = await renderConnected();
    fireEvent.click(button);

    expect(screen.getByRole('button', { name: 'Syncing…' })).toBeTruthy();
    act(() => {
      bridge.emit('status:changed', {
        ...bridge.status,
        jobs: bridge.status.jobs.map((job) => ({ ...job, running: job.job === 'customers' })),
      });
      bridge.emit('sync:progress', {
        job: 'customers',
        runId: 3,
        phase: 'Sending',
        done: 1,
        total: 4,
      });
    });
    const bar = screen.getByRole('progressbar', { name: 'Progress of customers' });
    expect(bar.getAttribute('value')).toBe('25');

    act(() =>
      finish([makeRun({ job: 'reference' }), makeRun({ job: 'customers', status: 'partial' })]),
    );
    expect(await screen.findByText('Sync finished with problems: customers partial.')).toBeTruthy();
    expect(bridge.requests('sync:now')).toEqual([{}]);
  });

  it('drops progress once the run is last', async () => {
    await renderConnected();
    const running = {
      ...bridge.status,
      jobs: bridge.status.jobs.map((job) => ({ ...job, running: job.job === 'prices' })),
    };
    act(() => {
      bridge.emit('status:changed', running);
      bridge.emit('sync:progress', {
        job: 'prices',
        runId: 8,
        phase: 'Sending',
        done: 2,
        total: 3,
      });
    });
    expect(screen.getByRole('progressbar', { name: 'Progress of prices' })).toBeTruthy();

    const finished = makeRun({ id: 8, job: 'prices' });
    act(() =>
      bridge.emit('status:changed', {
        ...running,
        jobs: running.jobs.map((job) =>
          job.job === 'prices' ? { ...job, lastRun: finished } : job,
        ),
      }),
    );

    expect(screen.queryByRole('progressbar', { name: 'Progress of prices' })).toBeNull();
  });

  it('pauses for the chosen time and resumes', async () => {
    bridge.handle('sync:pause', () => {
      bridge.status = { ...bridge.status, paused: { until: null, indefinitely: true } };
    });
    bridge.handle('sync:resume', () => {
      bridge.status = { ...bridge.status, paused: null };
    });
    await renderConnected();

    fireEvent.change(screen.getByLabelText('Pause duration'), { target: { value: '120' } });
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    await screen.findByText(/Paused until resumed/);
    expect(bridge.requests('sync:pause')).toEqual([{ minutes: 120 }]);

    fireEvent.click(screen.getByRole('button', { name: 'Resume' }));
    await waitFor(() => expect(screen.queryByText(/Paused/)).toBeNull());
    expect(bridge.requests('sync:resume')).toHaveLength(1);
  });

  it('pauses until resumed', async () => {
    await renderConnected();
    fireEvent.change(screen.getByLabelText('Pause duration'), {
      target: { value: 'indefinitely' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));

    await waitFor(() => expect(bridge.requests('sync:pause')).toEqual([{ minutes: null }]));
  });

  it('moves between screens from the navigation', async () => {
    render(<App />);
    const nav = screen.getByRole('navigation', { name: 'Screens' });
    expect(nav.querySelector('[aria-current="page"]')?.textContent).toBe('Connect');

    fireEvent.click(screen.getByRole('button', { name: 'Activity' }));
    expect(screen.getByRole('heading', { name: 'Activity', level: 2 })).toBeTruthy();
    expect(nav.querySelector('[aria-current="page"]')?.textContent).toBe('Activity');
  });
});

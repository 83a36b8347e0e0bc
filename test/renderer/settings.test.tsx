// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/App.js';
import { DEFAULT_SETTINGS } from '../../shared/settings.js';
import { installFakeBridge, type FakeBridge } from './fake-bridge.js';

let bridge: FakeBridge;

beforeEach(() => {
  bridge = installFakeBridge();
});

afterEach(cleanup);

async function openSettings() {
  render(<App />);
  fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
  await screen.findByRole('button', { name: 'Save settings' });
}

function save() {
  fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
}

describe('Settings screen', () => {
  it('shows the saved settings', async () => {
    await openSettings();

    expect((screen.getByLabelText(/^Draft/) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText(/Freight product/) as HTMLInputElement).value).toBe('Freight');
    expect((screen.getByLabelText('Price lists') as HTMLSelectElement).value).toBe('*/15 * * * *');
    expect((screen.getByLabelText(/Start at login/) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('Update channel') as HTMLSelectElement).value).toBe('latest');
  });

  it('sends only the changed sections', async () => {
    await openSettings();
    fireEvent.click(screen.getByLabelText(/^Authorised/));
    fireEvent.change(screen.getByLabelText(/Freight product/), { target: { value: 'Delivery ' } });
    fireEvent.change(screen.getByLabelText(/Tax rule/), { target: { value: ' GST on Income ' } });
    save();

    await screen.findByText('Settings saved.');
    expect(bridge.requests('settings:update')).toEqual([
      {
        orders: {
          ...DEFAULT_SETTINGS.orders,
          saleStatus: 'AUTHORISED',
          freightProduct: 'Delivery',
          taxRule: 'GST on Income',
        },
      },
    ]);
    expect(bridge.settings.orders.saleStatus).toBe('AUTHORISED');
  });

  it('changes an interval, login start and channel', async () => {
    await openSettings();
    fireEvent.change(screen.getByLabelText('Approved orders to Cin7 Core'), {
      target: { value: '*/5 * * * *' },
    });
    fireEvent.click(screen.getByLabelText(/Start at login/));
    fireEvent.change(screen.getByLabelText('Update channel'), { target: { value: 'beta' } });
    save();

    await screen.findByText('Settings saved.');
    const [patch] = bridge.requests('settings:update');
    expect(patch?.schedules?.orders).toBe('*/5 * * * *');
    expect(patch?.schedules?.prices).toBe(DEFAULT_SETTINGS.schedules.prices);
    expect(patch?.app).toEqual({ startAtLogin: false, updateChannel: 'beta' });
    expect(patch?.orders).toBeUndefined();
  });

  it('rejects a custom schedule that is not cron', async () => {
    await openSettings();
    fireEvent.change(screen.getByLabelText('Shipments back to Upstock'), {
      target: { value: 'custom' },
    });
    fireEvent.change(screen.getByLabelText('Shipments back to Upstock cron expression'), {
      target: { value: 'every ten minutes' },
    });
    fireEvent.change(screen.getByLabelText('Shipments back to Upstock cron expression'), {
      target: { value: '0 0' },
    });
    save();

    expect((await screen.findByRole('alert')).textContent).toMatch(
      /Shipments back to Upstock: "0 0" is not a valid schedule/,
    );
    expect(bridge.requests('settings:update')).toHaveLength(0);
  });

  it('keeps a custom schedule it does not offer', async () => {
    bridge.settings = {
      ...bridge.settings,
      schedules: { ...bridge.settings.schedules, reference: '0 3 * * 1-5' },
    };
    await openSettings();

    const cron = screen.getByLabelText(/Reference data.*cron expression/) as HTMLInputElement;
    expect(cron.value).toBe('0 3 * * 1-5');
  });

  it('shows an error the main process returns', async () => {
    bridge.handle('settings:update', () => {
      throw new Error('settings:update: orders.freightProduct must not be empty.');
    });
    await openSettings();
    fireEvent.click(screen.getByLabelText(/^Authorised/));
    save();

    expect((await screen.findByRole('alert')).textContent).toBe(
      'settings:update: orders.freightProduct must not be empty.',
    );
  });

  it('undoes unsaved changes', async () => {
    await openSettings();
    fireEvent.click(screen.getByLabelText(/^Authorised/));
    fireEvent.click(screen.getByRole('button', { name: 'Undo changes' }));

    await waitFor(() =>
      expect((screen.getByLabelText(/^Draft/) as HTMLInputElement).checked).toBe(true),
    );
  });
});

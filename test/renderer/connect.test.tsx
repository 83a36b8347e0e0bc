// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/App.js';
import { installFakeBridge, makeStatus, type FakeBridge } from './fake-bridge.js';

const ACCOUNT_ID = '5a1c2e0b-7d3f-4b8e-9a62-0c1d2e3f4a5b';
const APPLICATION_KEY = '9f8e7d6c-5b4a-4321-8fed-cba987654321';

let bridge: FakeBridge;

beforeEach(() => {
  bridge = installFakeBridge();
  bridge.status = makeStatus({
    dear: { connected: false, accountName: null, problem: null },
    upstock: { connected: false, accountName: null, problem: null },
  });
});

afterEach(cleanup);

function fillDear(accountId: string, applicationKey: string) {
  fireEvent.change(screen.getByLabelText('Account ID'), { target: { value: accountId } });
  fireEvent.change(screen.getByLabelText('Application Key'), {
    target: { value: applicationKey },
  });
  fireEvent.click(screen.getByRole('button', { name: 'Connect Cin7 Core' }));
}

describe('Connect screen', () => {
  it('explains where to find the credentials', () => {
    render(<App />);
    expect(screen.getByText(/Integrations → API/)).toBeTruthy();
    expect(screen.getByText(/named “Upstock”/)).toBeTruthy();
  });

  it('rejects a malformed Account ID locally', async () => {
    render(<App />);
    fillDear('not-a-guid', APPLICATION_KEY);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Account ID is not valid/);
    expect(bridge.requests('dear:connect')).toHaveLength(0);
  });

  it('shows the company after a good key', async () => {
    bridge.handle('dear:connect', () => {
      bridge.status = makeStatus({
        dear: { connected: true, accountName: 'Bean Co', problem: null },
      });
      return { company: 'Bean Co', currency: 'NZD' };
    });
    render(<App />);
    fillDear(` ${ACCOUNT_ID} `, APPLICATION_KEY);

    expect((await screen.findByRole('status')).textContent).toBe('Connected to Bean Co (NZD).');
    expect(bridge.requests('dear:connect')).toEqual([
      { accountId: ACCOUNT_ID, applicationKey: APPLICATION_KEY },
    ]);
    expect((screen.getByLabelText('Application Key') as HTMLInputElement).value).toBe('');
    await waitFor(() =>
      expect(screen.getByText(/Connected to Bean Co\. In Cin7 Core/)).toBeTruthy(),
    );
  });

  it.each([
    ['a rejected key', 'Cin7 Core rejected the Application Key for account 5a1c…; check it.'],
    ['no network', 'Cin7 Core could not be reached: check the internet connection.'],
    ['a throttled account', 'Cin7 Core is throttling this account; try again in a minute.'],
  ])('shows the main process message for %s', async (_case, message) => {
    bridge.handle('dear:connect', () => {
      throw new Error(`Error invoking remote method 'dear:connect': Error: ${message}`);
    });
    render(<App />);
    fillDear(ACCOUNT_ID, APPLICATION_KEY);

    expect((await screen.findByRole('alert')).textContent).toBe(message);
  });

  it('connects Upstock with a token', async () => {
    bridge.handle('upstock:connect', () => ({ supplier: 'Bean Co Wholesale' }));
    render(<App />);
    fireEvent.change(screen.getByLabelText('Upstock token'), { target: { value: 'tok-123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect Upstock' }));

    expect((await screen.findByRole('status')).textContent).toBe('Connected to Bean Co Wholesale.');
    expect(bridge.requests('upstock:connect')).toEqual([{ token: 'tok-123456' }]);
  });

  it('asks for a missing Upstock token', async () => {
    render(<App />);
    fireEvent.click(screen.getByRole('button', { name: 'Connect Upstock' }));

    expect((await screen.findByRole('alert')).textContent).toMatch(/Upstock token is missing/);
    expect(bridge.requests('upstock:connect')).toHaveLength(0);
  });
});

describe('Disconnect dialog', () => {
  beforeEach(() => {
    bridge.status = makeStatus();
  });

  async function openDialog() {
    render(<App />);
    const button = screen.getByRole('button', { name: 'Disconnect…' });
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(button);
    return screen.getByRole('dialog', { name: 'Disconnect Upstock Dear Sync?' });
  }

  it('cancels without disconnecting', async () => {
    const dialog = await openDialog();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    expect(screen.queryByRole('dialog')).toBeNull();
    expect(bridge.requests('agent:disconnect')).toHaveLength(0);
  });

  it('closes on Escape', async () => {
    const dialog = await openDialog();
    fireEvent.keyDown(dialog, { key: 'Escape' });

    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('keeps local data by default', async () => {
    const dialog = await openDialog();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Disconnect' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bridge.requests('agent:disconnect')).toEqual([{ keepData: true }]);
  });

  it('deletes local data when chosen', async () => {
    const dialog = await openDialog();
    fireEvent.click(within(dialog).getByLabelText(/Delete local data/));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Disconnect' }));

    await waitFor(() => expect(bridge.requests('agent:disconnect')).toEqual([{ keepData: false }]));
  });

  it('shows a failed disconnect and stays open', async () => {
    bridge.handle('agent:disconnect', () => {
      throw new Error('The keychain is locked; unlock it and try again.');
    });
    const dialog = await openDialog();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Disconnect' }));

    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'The keychain is locked; unlock it and try again.',
    );
    expect(screen.getByRole('dialog')).toBeTruthy();
  });
});

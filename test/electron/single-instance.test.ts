import type { App } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { claimSingleInstance } from '../../main/electron/single-instance.js';

type SingleInstanceApp = Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>;

/**
 * Two app processes sharing one lock, as Electron does: the first to ask gets it, and a later
 * request fires "second-instance" in the holder.
 */
function twoLaunches() {
  let holder: { emit(): void } | null = null;
  const launch = () => {
    const app = {
      requestSingleInstanceLock: vi.fn(() => {
        if (holder) {
          holder.emit();
          return false;
        }
        holder = {
          emit: () => {
            for (const [event, listener] of app.on.mock.calls) {
              if (event === 'second-instance') (listener as () => void)();
            }
          },
        };
        return true;
      }),
      quit: vi.fn(),
      on: vi.fn(),
    } satisfies SingleInstanceApp;
    return app;
  };
  return { first: launch(), second: launch() };
}

describe('single instance', () => {
  it('keeps the first launch running', () => {
    const { first } = twoLaunches();
    expect(claimSingleInstance(first, vi.fn())).toBe(true);
    expect(first.quit).not.toHaveBeenCalled();
  });

  it('quits a second launch and focuses the first', () => {
    const { first, second } = twoLaunches();
    const showFirstWindow = vi.fn();
    const showSecondWindow = vi.fn();
    claimSingleInstance(first, showFirstWindow);

    expect(claimSingleInstance(second, showSecondWindow)).toBe(false);
    expect(second.quit).toHaveBeenCalledTimes(1);
    expect(showFirstWindow).toHaveBeenCalledTimes(1);
    expect(showSecondWindow).not.toHaveBeenCalled();
  });
});

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { App } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  applyStartAtLogin,
  autostartDesktopEntry,
  autostartEntryPath,
  HIDDEN_ARG,
} from '../../main/electron/start-at-login.js';

const log = { error: vi.fn(), warn: vi.fn(), info: vi.fn(), debug: vi.fn() };

function fakeApp(isPackaged: boolean) {
  return {
    setLoginItemSettings: vi.fn<App['setLoginItemSettings']>(),
    isPackaged,
  } satisfies Pick<App, 'setLoginItemSettings' | 'isPackaged'>;
}

describe('start at login', () => {
  let configHome: string;

  beforeEach(() => {
    configHome = mkdtempSync(path.join(tmpdir(), 'uds-autostart-'));
  });

  afterEach(() => rmSync(configHome, { recursive: true, force: true }));

  it('writes and removes the Linux autostart entry', async () => {
    const env = {
      app: fakeApp(true),
      platform: 'linux' as const,
      executable: '/opt/Upstock Dear Sync/upstock-dear-sync',
      configHome,
      log,
    };
    await expect(applyStartAtLogin(true, env)).resolves.toBe('enabled');
    const entry = readFileSync(autostartEntryPath(configHome), 'utf8');
    expect(entry).toContain('[Desktop Entry]');
    expect(entry).toContain(`Exec="/opt/Upstock Dear Sync/upstock-dear-sync" ${HIDDEN_ARG}`);

    await expect(applyStartAtLogin(false, env)).resolves.toBe('disabled');
    expect(existsSync(autostartEntryPath(configHome))).toBe(false);
    expect(env.app.setLoginItemSettings).not.toHaveBeenCalled();
  });

  it.each(['win32', 'darwin'] as const)('uses a login item on %s', async (platform) => {
    const app = fakeApp(true);
    await applyStartAtLogin(true, {
      app,
      platform,
      executable: 'C:\\Apps\\Upstock Dear Sync.exe',
      configHome,
      log,
    });
    expect(app.setLoginItemSettings).toHaveBeenCalledWith({
      openAtLogin: true,
      path: 'C:\\Apps\\Upstock Dear Sync.exe',
      args: [HIDDEN_ARG],
    });
    expect(existsSync(autostartEntryPath(configHome))).toBe(false);
  });

  it('leaves development builds alone', async () => {
    const app = fakeApp(false);
    for (const platform of ['linux', 'win32'] as const) {
      await expect(
        applyStartAtLogin(true, {
          app,
          platform,
          executable: '/usr/bin/electron',
          configHome,
          log,
        }),
      ).resolves.toBe('skipped-development-build');
    }
    expect(app.setLoginItemSettings).not.toHaveBeenCalled();
    expect(existsSync(autostartEntryPath(configHome))).toBe(false);
  });

  it('escapes special characters in Exec', () => {
    expect(autostartDesktopEntry('/home/a$b/100%/app')).toContain(
      'Exec="/home/a\\$b/100%%/app" --hidden',
    );
    expect(autostartDesktopEntry('/opt/app/run')).toContain('Exec=/opt/app/run --hidden');
  });
});

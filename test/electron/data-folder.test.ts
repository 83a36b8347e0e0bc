import { describe, expect, it } from 'vitest';
import { agentDataDir, defaultDataDir, logsDirOf } from '../../main/app-paths.js';
import { resolveConfig } from '../../main/cli/config.js';

describe('the data folder shared by the desktop app and the command line', () => {
  it('is under %APPDATA% on Windows', () => {
    const env = { APPDATA: 'C:\\Users\\Ana\\AppData\\Roaming' };
    expect(defaultDataDir({ platform: 'win32', env, home: 'C:\\Users\\Ana' })).toBe(
      'C:\\Users\\Ana\\AppData\\Roaming\\upstock-dear-sync',
    );
    expect(defaultDataDir({ platform: 'win32', env: {}, home: 'C:\\Users\\Ana' })).toBe(
      'C:\\Users\\Ana\\AppData\\Roaming\\upstock-dear-sync',
    );
    expect(logsDirOf('C:\\Data\\upstock-dear-sync', 'win32')).toBe(
      'C:\\Data\\upstock-dear-sync\\logs',
    );
  });

  it('is under Application Support on macOS, whatever XDG_CONFIG_HOME says', () => {
    expect(
      defaultDataDir({ platform: 'darwin', env: { XDG_CONFIG_HOME: '/x' }, home: '/Users/ana' }),
    ).toBe('/Users/ana/Library/Application Support/upstock-dear-sync');
  });

  it('is under XDG_CONFIG_HOME, else ~/.config, on Linux', () => {
    expect(
      defaultDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '/cfg' }, home: '/home/ana' }),
    ).toBe('/cfg/upstock-dear-sync');
    expect(
      defaultDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '  ' }, home: '/home/ana' }),
    ).toBe('/home/ana/.config/upstock-dear-sync');
    expect(logsDirOf('/home/ana/.config/upstock-dear-sync', 'linux')).toBe(
      '/home/ana/.config/upstock-dear-sync/logs',
    );
  });

  it('follows UPSTOCK_DEAR_SYNC_DATA_DIR on every OS', () => {
    const env = { UPSTOCK_DEAR_SYNC_DATA_DIR: '/srv/agent', XDG_CONFIG_HOME: '/cfg' };
    expect(agentDataDir({ platform: 'linux', env, home: '/home/ana' })).toBe('/srv/agent');
    expect(agentDataDir({ platform: 'darwin', env, home: '/Users/ana' })).toBe('/srv/agent');
    expect(
      agentDataDir({
        platform: 'win32',
        env: { UPSTOCK_DEAR_SYNC_DATA_DIR: 'D:\\Agent' },
        home: 'C:\\Users\\Ana',
      }),
    ).toBe('D:\\Agent');
    expect(agentDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '/cfg' } })).toBe(
      '/cfg/upstock-dear-sync',
    );
  });

  it('is the folder the command line uses without --data-dir', () => {
    const env = { XDG_CONFIG_HOME: '/cfg', APPDATA: 'C:\\Roaming' };
    expect(resolveConfig({}, env).dataDir).toBe(agentDataDir({ env }));
    const moved = { UPSTOCK_DEAR_SYNC_DATA_DIR: '/srv/agent' };
    expect(resolveConfig({}, moved).dataDir).toBe(agentDataDir({ env: moved }));
    expect(resolveConfig({ dataDir: '/flag' }, moved).dataDir).toBe('/flag');
  });
});

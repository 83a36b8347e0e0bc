import type { BrowserWindowConstructorOptions, Session, WebContents, WebRequest } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { MainWindow, type WindowHandle } from '../../main/electron/window/main-window.js';
import {
  CONTENT_SECURITY_POLICY,
  lockNavigation,
  lockSession,
  mainWindowOptions,
  secureWebPreferences,
} from '../../main/electron/window/security.js';

const log = { error: vi.fn(), warn: vi.fn(), info: vi.fn(), debug: vi.fn() };
const OWN_URL = 'file:///opt/uds/resources/app.asar/out/renderer/index.html';

/** Returns the listener registered for `event` on a mocked `on`. */
function listener(
  on: { mock: { calls: unknown[][] } },
  event: string,
): (...args: unknown[]) => unknown {
  const call = on.mock.calls.find((args) => args[0] === event);
  if (!call) throw new Error(`no listener for ${event}`);
  return call[1] as (...args: unknown[]) => unknown;
}

function fakeContents() {
  return {
    on: vi.fn(),
    setWindowOpenHandler: vi.fn<WebContents['setWindowOpenHandler']>(),
    send: vi.fn<WebContents['send']>(),
    isDestroyed: vi.fn(() => false),
  } satisfies WindowHandle['webContents'];
}

describe('window security options', () => {
  it('isolates and sandboxes the renderer', () => {
    const preferences = secureWebPreferences('/app/out/main/electron/preload.cjs');
    expect(preferences).toMatchObject({
      preload: '/app/out/main/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('creates the window hidden with those options', () => {
    const options = mainWindowOptions('/preload.cjs');
    expect(options.show).toBe(false);
    expect(options.webPreferences).toEqual(secureWebPreferences('/preload.cjs'));
  });

  it('has a strict content security policy', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });
});

describe('navigation lock', () => {
  it('blocks navigation to other pages', () => {
    const contents = fakeContents();
    lockNavigation(contents, OWN_URL, log);
    const willNavigate = listener(contents.on, 'will-navigate');

    const away = { url: 'https://example.com/', preventDefault: vi.fn() };
    willNavigate(away);
    expect(away.preventDefault).toHaveBeenCalled();

    const otherFile = { url: 'file:///etc/passwd', preventDefault: vi.fn() };
    willNavigate(otherFile);
    expect(otherFile.preventDefault).toHaveBeenCalled();

    const reload = { url: `${OWN_URL}#/settings`, preventDefault: vi.fn() };
    willNavigate(reload);
    expect(reload.preventDefault).not.toHaveBeenCalled();
  });

  it('blocks redirects and webviews', () => {
    const contents = fakeContents();
    lockNavigation(contents, OWN_URL, log);
    const redirect = { url: 'https://example.com/', preventDefault: vi.fn() };
    listener(contents.on, 'will-redirect')(redirect);
    expect(redirect.preventDefault).toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    listener(contents.on, 'will-attach-webview')(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('denies window.open', () => {
    const contents = fakeContents();
    lockNavigation(contents, OWN_URL, log);
    const handler = contents.setWindowOpenHandler.mock.calls[0]![0];
    expect(handler({ url: 'https://example.com/' } as Parameters<typeof handler>[0])).toEqual({
      action: 'deny',
    });
  });
});

describe('session lock', () => {
  function lockedSession() {
    const session = {
      setPermissionRequestHandler: vi.fn<Session['setPermissionRequestHandler']>(),
      setPermissionCheckHandler: vi.fn<Session['setPermissionCheckHandler']>(),
    } satisfies Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;
    const webRequest = { onHeadersReceived: vi.fn() } satisfies Pick<
      WebRequest,
      'onHeadersReceived'
    >;
    lockSession(session, webRequest);
    return { session, webRequest };
  }

  it('denies permission requests and checks', () => {
    const { session } = lockedSession();
    const requestHandler = session.setPermissionRequestHandler.mock.calls[0]![0]!;
    const callback = vi.fn();
    requestHandler({} as WebContents, 'media', callback, {} as never);
    expect(callback).toHaveBeenCalledWith(false);
    const checkHandler = session.setPermissionCheckHandler.mock.calls[0]![0]!;
    expect(checkHandler(null, 'notifications', 'file://', {} as never)).toBe(false);
  });

  it('replaces the CSP header of responses', () => {
    const { webRequest } = lockedSession();
    const onHeaders = webRequest.onHeadersReceived.mock.calls[0]![0] as (
      details: { responseHeaders?: Record<string, string[]> },
      callback: (response: { responseHeaders: Record<string, string[]> }) => void,
    ) => void;
    const callback = vi.fn();
    onHeaders(
      {
        responseHeaders: {
          'content-type': ['text/html'],
          'content-security-policy': ['default-src *'],
        },
      },
      callback,
    );
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: {
        'content-type': ['text/html'],
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });
});

describe('main window', () => {
  function fakeWindow() {
    const webContents = fakeContents();
    const window = {
      on: vi.fn(),
      once: vi.fn(),
      show: vi.fn(),
      hide: vi.fn(),
      focus: vi.fn(),
      isMinimized: vi.fn(() => true),
      restore: vi.fn(),
      isDestroyed: vi.fn(() => false),
      loadFile: vi.fn(() => Promise.resolve()),
      webContents,
    } satisfies WindowHandle;
    return window;
  }

  function mainWindow() {
    const windows: ReturnType<typeof fakeWindow>[] = [];
    const created: BrowserWindowConstructorOptions[] = [];
    const main = new MainWindow({
      createWindow: (options) => {
        created.push(options);
        const window = fakeWindow();
        windows.push(window);
        return window;
      },
      preloadPath: '/app/out/main/electron/preload.cjs',
      rendererIndex: '/app/out/renderer/index.html',
      log,
    });
    return { main, windows, created };
  }

  it('creates one secure window and loads the renderer', () => {
    const { main, windows, created } = mainWindow();
    main.show();
    main.show();
    expect(windows).toHaveLength(1);
    expect(created[0]!.webPreferences).toEqual(
      secureWebPreferences('/app/out/main/electron/preload.cjs'),
    );
    expect(windows[0]!.loadFile).toHaveBeenCalledWith('/app/out/renderer/index.html');
    expect(windows[0]!.restore).toHaveBeenCalled();
    expect(windows[0]!.focus).toHaveBeenCalledTimes(2);
  });

  it('hides to the tray on close', () => {
    const { main, windows } = mainWindow();
    main.show();
    const close = { preventDefault: vi.fn() };
    listener(windows[0]!.on, 'close')(close);
    expect(close.preventDefault).toHaveBeenCalled();
    expect(windows[0]!.hide).toHaveBeenCalled();
  });

  it('closes for real when the app quits', () => {
    const { main, windows } = mainWindow();
    main.show();
    main.allowClose();
    const close = { preventDefault: vi.fn() };
    listener(windows[0]!.on, 'close')(close);
    expect(close.preventDefault).not.toHaveBeenCalled();
  });
});

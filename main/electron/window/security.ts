import type {
  BrowserWindowConstructorOptions,
  Session,
  WebContents,
  WebPreferences,
  WebRequest,
} from 'electron';
import type { Logger } from '../../log/logger.js';

/**
 * The Content-Security-Policy of the window: only our own files, no inline or eval'd script, no
 * network access (every API call runs in the main process), no frames, forms or plugins.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** Returns the window's web preferences: isolated, sandboxed, no Node.js, web security on. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    // Middle-click would otherwise ask for a new window (which is denied anyway).
    disableBlinkFeatures: 'Auxclick',
  };
}

/** Returns the options of the main window, created hidden and shown when ready. */
export function mainWindowOptions(
  preloadPath: string,
  icon?: string,
): BrowserWindowConstructorOptions {
  return {
    width: 1180,
    height: 780,
    minWidth: 820,
    minHeight: 560,
    show: false,
    title: 'Upstock Dear Sync',
    autoHideMenuBar: true,
    icon,
    webPreferences: secureWebPreferences(preloadPath),
  };
}

/**
 * Stops a page from leaving our renderer: navigation, redirects and new windows are denied, and
 * `<webview>` tags are never attached. `allowedUrl` is the renderer's index.html file URL.
 */
export function lockNavigation(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>,
  allowedUrl: string,
  log: Logger,
): void {
  const allowedPath = new URL(allowedUrl).pathname;
  const isOwnPage = (target: string): boolean => {
    try {
      const url = new URL(target);
      return url.protocol === 'file:' && url.pathname === allowedPath;
    } catch {
      return false;
    }
  };

  contents.on('will-navigate', (event) => {
    if (isOwnPage(event.url)) return;
    event.preventDefault();
    log.warn(`Blocked navigation to ${event.url}`);
  });
  contents.on('will-redirect', (event) => {
    if (isOwnPage(event.url)) return;
    event.preventDefault();
    log.warn(`Blocked redirect to ${event.url}`);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('Blocked a <webview> tag');
  });
  contents.setWindowOpenHandler(({ url }) => {
    log.warn(`Blocked a new window for ${url}`);
    return { action: 'deny' };
  });
}

/**
 * Denies every permission request and check (camera, notifications from the page, and so on)
 * and adds the Content-Security-Policy header to every response the session loads.
 */
export function lockSession(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
  webRequest: Pick<WebRequest, 'onHeadersReceived'>,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  webRequest.onHeadersReceived((details, callback) => {
    // A response's own, looser policy is dropped rather than combined with ours.
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(
        ([name]) => name.toLowerCase() !== 'content-security-policy',
      ),
    );
    callback({
      responseHeaders: { ...headers, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}

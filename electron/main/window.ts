import { BrowserWindow, type Session, type WebContents } from 'electron';
import { APP_ENTRY_URL, APP_ORIGIN, WEB_PREFERENCES, isAppUrl } from './security';

/**
 * Applied to every webContents the app ever creates (from `web-contents-created`), not only
 * the main window, so nothing can open a second, unguarded surface.
 */
export function hardenWebContents(contents: WebContents): void {
  const stayOnApp = (event: { url: string; preventDefault(): void }): void => {
    if (!isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayOnApp);
  contents.on('will-frame-navigate', stayOnApp);
  contents.on('will-redirect', stayOnApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // Links to the outside world are not followed, in a new window or through shell.openExternal:
  // evidence review happens offline, and a URL in a recording's metadata is untrusted text.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/**
 * No camera, microphone, notifications, clipboard reads or devices for web content. Two
 * exceptions, both for the app's own origin only: fullscreen (the in-person viewing mode)
 * and saving a report the renderer made itself (a blob: URL of app://custodian), which
 * Electron saves through its native dialog.
 */
export function denyPermissions(ses: Session): void {
  ses.setPermissionRequestHandler((contents, permission, callback) => callback(permission === 'fullscreen' && isAppUrl(contents.getURL())));
  ses.setPermissionCheckHandler((_contents, permission, origin) => permission === 'fullscreen' && isAppUrl(origin));
  ses.setDevicePermissionHandler(() => false);
  ses.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  ses.on('will-download', (event, item) => {
    if (!item.getURL().startsWith(`blob:${APP_ORIGIN}/`)) event.preventDefault();
  });
}

export function createMainWindow(preload: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Custodian',
    backgroundColor: '#ffffff',
    webPreferences: { ...WEB_PREFERENCES, preload },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

import path from 'node:path';
import { BrowserWindow, app, dialog, session } from 'electron';
import { openCore, type Core } from '../core/openCore';
import { defaultDataDir } from '../core/paths';
import { registerIpc, unregisterIpc } from './ipc';
import { handleProtocols, registerPrivilegedSchemes } from './protocols';
import { createMainWindow, denyPermissions, hardenWebContents } from './window';

/**
 * The desktop shell: a thin host around the plain-Node core. Everything here is wiring and
 * the Electron security checklist; every decision about evidence is made by the core.
 */

// Compiled layout: out/electron/main/index.js, out/electron/preload/index.js, out/renderer/.
const RENDERER_DIR = path.join(__dirname, '..', '..', 'renderer');
const PRELOAD = path.join(__dirname, '..', 'preload', 'index.js');

let core: Core | null = null;
let mainWindow: BrowserWindow | null = null;
let closed = false;

// Scheme privileges and the global sandbox must be set before `ready`.
registerPrivilegedSchemes();
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // Two instances on one data folder would fight over the database and the custody log.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (closed || !core) return;
    event.preventDefault();
    const closing = core;
    core = null;
    closing
      .close()
      .catch((err: unknown) => console.error('[custodian] closing the core failed', err))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
  app.whenReady().then(start).catch(fail);
}

async function start(): Promise<void> {
  denyPermissions(session.defaultSession);
  // Packaged: ffmpeg sits in <resources>/ffmpeg (electron-builder extraResources).
  const resourcesPath = app.isPackaged ? process.resourcesPath : path.join(app.getAppPath(), 'resources');
  core = await openCore({ dataDir: defaultDataDir(), resourcesPath });
  const media = core.media;
  handleProtocols({ rendererDir: RENDERER_DIR, resolveMedia: (ticket) => media.resolve(ticket) });
  registerIpc({ core, isOwnWindow: (sender) => mainWindow !== null && !mainWindow.isDestroyed() && sender === mainWindow.webContents });
  mainWindow = createMainWindow(PRELOAD);
  mainWindow.on('closed', () => {
    mainWindow = null;
    unregisterIpc();
  });
}

function fail(err: unknown): void {
  const detail = err instanceof Error ? err.message : String(err);
  console.error('[custodian] start-up failed', err);
  dialog.showErrorBox(
    'Custodian could not start',
    `Custodian could not open its evidence library, so nothing was changed.\n\n${detail}`,
  );
  app.exit(1);
}

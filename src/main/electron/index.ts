// The desktop shell: one instance, the media server in a utilityProcess, one window on its loopback URL.
import { app, BrowserWindow, dialog, ipcMain, powerSaveBlocker, shell, utilityProcess, type UtilityProcess } from 'electron';
import { join } from 'node:path';
import { IPC } from '../../shared/desktop';
import { booleanArg, externalUrlArg, serverReport } from '../../shared/desktop-schemas';
import { ARENA_MAX } from '../malloc-arenas';

let server: UtilityProcess | null = null;
let window: BrowserWindow | null = null;
let awakeId: number | null = null;
let serverOrigin = '';

function startServer(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = utilityProcess.fork(join(__dirname, 'server-process.js'), [], {
      serviceName: 'media-centre-server',
      env: { ...process.env, MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? ARENA_MAX, MEDIA_CENTRE_DATA: process.env.MEDIA_CENTRE_DATA ?? join(app.getPath('userData'), 'data'), MEDIA_CENTRE_APP_ROOT: app.getAppPath() },
      stdio: 'inherit',
    });
    server = child;
    child.on('message', (raw: unknown) => {
      const msg = serverReport.safeParse(raw);
      if (!msg.success) return;
      if (msg.data.type === 'ready') resolve(msg.data.url);
      else reject(new Error(msg.data.message));
    });
    child.on('exit', (code) => {
      server = null;
      if (code !== 0) reject(new Error(`the media server stopped (code ${code})`));
    });
  });
}

function createWindow(url: string): void {
  serverOrigin = new URL(url).origin;
  window = new BrowserWindow({
    width: 1400,
    height: 860,
    minWidth: 800,
    minHeight: 500,
    backgroundColor: '#0e0f13',
    title: 'Media centre',
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      additionalArguments: [`--mc-version=${app.getVersion()}`],
    },
  });
  // The window shows our server and nothing else: other links open nowhere.
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event, target) => {
    if (new URL(target).origin !== serverOrigin) event.preventDefault();
  });
  window.on('closed', () => {
    window = null;
  });
  void window.loadURL(url);
}

function fromOurWindow(frameUrl: string | undefined): boolean {
  return frameUrl !== undefined && frameUrl.startsWith(`${serverOrigin}/`);
}

function registerIpc(): void {
  ipcMain.handle(IPC.pickFolders, async (event) => {
    if (!fromOurWindow(event.senderFrame?.url) || !window) return [];
    const result = await dialog.showOpenDialog(window, { properties: ['openDirectory', 'multiSelections'] });
    return result.canceled ? [] : result.filePaths;
  });
  ipcMain.handle(IPC.setFullScreen, (event, on: unknown) => {
    const parsed = booleanArg.safeParse(on);
    if (!parsed.success || !fromOurWindow(event.senderFrame?.url)) return;
    window?.setFullScreen(parsed.data);
  });
  ipcMain.handle(IPC.openExternal, async (event, url: unknown) => {
    // Trailer sites and provider pages only: a page cannot make the shell open anything else.
    const parsed = externalUrlArg.safeParse(url);
    if (!parsed.success || !fromOurWindow(event.senderFrame?.url)) return false;
    await shell.openExternal(parsed.data);
    return true;
  });
  ipcMain.handle(IPC.keepAwake, (event, on: unknown) => {
    const parsed = booleanArg.safeParse(on);
    if (!parsed.success || !fromOurWindow(event.senderFrame?.url)) return;
    if (parsed.data && awakeId === null) awakeId = powerSaveBlocker.start('prevent-display-sleep');
    if (!parsed.data && awakeId !== null) {
      powerSaveBlocker.stop(awakeId);
      awakeId = null;
    }
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.whenReady().then(async () => {
    registerIpc();
    try {
      createWindow(await startServer());
    } catch (e) {
      dialog.showErrorBox('The media centre could not start', (e as Error).message);
      app.quit();
    }
  }, () => app.quit());
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    server?.postMessage({ type: 'stop' });
  });
}

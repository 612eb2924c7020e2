// The only bridge from the page to the desktop: a few typed calls, nothing that reaches Node or the file system.
import { contextBridge, ipcRenderer } from 'electron';
import { IPC, type DesktopApi } from '../shared/desktop';

const version = process.argv.find((a) => a.startsWith('--mc-version='))?.slice('--mc-version='.length) ?? '';

const desktop: DesktopApi = {
  version,
  pickFolders: () => ipcRenderer.invoke(IPC.pickFolders) as Promise<string[]>,
  setFullScreen: (on) => ipcRenderer.invoke(IPC.setFullScreen, on === true) as Promise<void>,
  keepAwake: (on) => ipcRenderer.invoke(IPC.keepAwake, on === true) as Promise<void>,
  openExternal: (url) => ipcRenderer.invoke(IPC.openExternal, String(url)) as Promise<boolean>,
};

contextBridge.exposeInMainWorld('desktop', desktop);

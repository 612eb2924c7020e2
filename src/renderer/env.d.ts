/// <reference types="vite/client" />

declare global {
  /** What the Electron preload exposes. Absent when the catalogue is opened in a plain browser. */
  interface DesktopBridge {
    version: string;
    pickFolders(): Promise<string[]>;
    setFullScreen(on: boolean): Promise<void>;
    keepAwake(on: boolean): Promise<void>;
  }

  interface Window {
    desktop?: DesktopBridge;
  }
}

declare module 'vue-router' {
  interface RouteMeta {
    /** The view covers the whole window: no app header. */
    fullscreen?: boolean;
  }
}

export {};

/// <reference types="vite/client" />

import type { DesktopApi } from '../shared/desktop';

declare global {
  interface Window {
    /** What the Electron preload exposes. Absent when the catalogue is opened in a plain browser. */
    desktop?: DesktopApi;
  }
}

declare module 'vue-router' {
  interface RouteMeta {
    /** The view covers the whole window: no app header. */
    fullscreen?: boolean;
  }
}

export {};

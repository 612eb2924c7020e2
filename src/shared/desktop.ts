// The typed desktop bridge (window.desktop): what the preload exposes and the channels it calls.
// No dependencies: the sandboxed preload that imports this can require nothing but electron.

/** What the preload exposes to the renderer. Optional there: a plain browser has none of it. */
export interface DesktopApi {
  version: string;
  pickFolders(): Promise<string[]>;
  setFullScreen(on: boolean): Promise<void>;
  keepAwake(on: boolean): Promise<void>;
}

export const IPC = {
  pickFolders: 'desktop:pick-folders',
  setFullScreen: 'desktop:set-full-screen',
  keepAwake: 'desktop:keep-awake',
} as const;

// The typed desktop bridge (window.desktop): what the preload exposes and the channels it calls.
// No dependencies: the sandboxed preload that imports this can require nothing but electron.

/** What the preload exposes to the renderer. Optional there: a plain browser has none of it. */
export interface DesktopApi {
  version: string;
  pickFolders(): Promise<string[]>;
  setFullScreen(on: boolean): Promise<void>;
  keepAwake(on: boolean): Promise<void>;
  /** Opens a trailer or provider page in the user's browser; false when the URL is not one we open. */
  openExternal(url: string): Promise<boolean>;
}

export const IPC = {
  pickFolders: 'desktop:pick-folders',
  setFullScreen: 'desktop:set-full-screen',
  keepAwake: 'desktop:keep-awake',
  openExternal: 'desktop:open-external',
} as const;

/** The only sites the app opens in the browser: trailer hosts and the providers' own pages. */
export const EXTERNAL_HOSTS: readonly string[] = ['www.youtube.com', 'youtube.com', 'vimeo.com', 'www.themoviedb.org', 'www.imdb.com'];

/** https to one of EXTERNAL_HOSTS, with no credentials in it. */
export function isOpenableExternal(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return u.protocol === 'https:' && u.username === '' && u.password === '' && u.port === '' && EXTERNAL_HOSTS.includes(u.hostname);
}

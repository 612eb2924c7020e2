// What the operating system sees of the player: the now-playing card (title, series, artwork) and the
// media keys of a keyboard, a headset or a remote (play, pause, seek, next), through the Media Session
// API. A media key only reaches the page as a keydown while it has focus; the Media Session hears it
// from the system wherever the focus is. Takes the session as an argument so it is tested without one.

/** The part of `navigator.mediaSession` the player uses. */
export interface MediaSessionLike {
  metadata: unknown;
  playbackState: 'none' | 'paused' | 'playing';
  setActionHandler(action: string, handler: ((details: { seekOffset?: number; seekTime?: number }) => void) | null): void;
  setPositionState?(state: { duration: number; position: number; playbackRate: number }): void;
}

export interface MediaSessionActions {
  play(): void;
  pause(): void;
  /** Seconds to move by: negative for back. */
  seekBy(seconds: number): void;
  seekTo(seconds: number): void;
  stop(): void;
}

export interface NowPlaying {
  title: string;
  /** The series of an episode (or the year of a film). */
  artist: string;
  /** The episode's code, "S01E02". */
  album: string;
  artwork: string | null;
}

const ACTIONS = ['play', 'pause', 'stop', 'seekbackward', 'seekforward', 'seekto', 'nexttrack', 'previoustrack'] as const;

/** Every action a browser may not know: it throws for those, and the others are still bound. */
function setHandler(session: MediaSessionLike, action: string, handler: ((details: { seekOffset?: number; seekTime?: number }) => void) | null): void {
  try {
    session.setActionHandler(action, handler);
  } catch {
    // This browser has no such action.
  }
}

/** Binds the media keys to the player; returns what unbinds them (the player is leaving). */
export function bindMediaSession(session: MediaSessionLike | undefined, actions: MediaSessionActions, stepSeconds: number): () => void {
  if (!session) return () => undefined;
  setHandler(session, 'play', () => actions.play());
  setHandler(session, 'pause', () => actions.pause());
  setHandler(session, 'stop', () => actions.stop());
  setHandler(session, 'seekbackward', (d) => actions.seekBy(-(d.seekOffset ?? stepSeconds)));
  setHandler(session, 'seekforward', (d) => actions.seekBy(d.seekOffset ?? stepSeconds));
  setHandler(session, 'seekto', (d) => {
    if (typeof d.seekTime === 'number' && Number.isFinite(d.seekTime)) actions.seekTo(d.seekTime);
  });
  // Previous is "back 10 s" on the keyboard too: a film has no previous track, and an episode's start is a tap away.
  setHandler(session, 'previoustrack', () => actions.seekBy(-stepSeconds));
  return () => {
    for (const action of ACTIONS) setHandler(session, action, null);
    session.metadata = null;
    session.playbackState = 'none';
  };
}

/** The next episode or part on the system's Next key; null takes the key away (a film has no next). */
export function offerNext(session: MediaSessionLike | undefined, next: (() => void) | null): void {
  if (session) setHandler(session, 'nexttrack', next ? () => next() : null);
}

/** The now-playing card; `makeMetadata` is the page's MediaMetadata constructor (absent in tests and old browsers). */
export function showNowPlaying(
  session: MediaSessionLike | undefined,
  now: NowPlaying,
  makeMetadata: ((init: { title: string; artist: string; album: string; artwork: { src: string }[] }) => unknown) | undefined,
): void {
  if (!session || !makeMetadata) return;
  session.metadata = makeMetadata({ title: now.title, artist: now.artist, album: now.album, artwork: now.artwork ? [{ src: now.artwork }] : [] });
}

/** Playing or paused, and where: the system's overlay shows a moving position. */
export function showPlaybackState(session: MediaSessionLike | undefined, playing: boolean, position: number, duration: number, rate: number): void {
  if (!session) return;
  session.playbackState = playing ? 'playing' : 'paused';
  if (!session.setPositionState || !(duration > 0) || !Number.isFinite(duration)) return;
  try {
    session.setPositionState({ duration, position: Math.min(Math.max(0, position), duration), playbackRate: rate > 0 ? rate : 1 });
  } catch {
    // A position the browser refuses (a live edge): the card shows no position.
  }
}

// Where playback was last seen, for a fallback to resume at (see watchPlayhead).

/** What the watch reads of a <video>: its time and its seeking and timeupdate events. */
export interface PlayheadSource {
  readonly currentTime: number;
  addEventListener(type: 'seeking' | 'timeupdate', listener: () => void): void;
  removeEventListener(type: 'seeking' | 'timeupdate', listener: () => void): void;
}

export interface Playhead {
  /** The second playback was last seen at. */
  at(): number;
  stop(): void;
}

/**
 * Where playback is, for a fallback to resume at. The element's own currentTime is no witness at the
 * moment of failure: hls.js resets the MediaSource (its own mediaSourceRequiresReset, our
 * recoverMediaError) before it reports the error that ends the attempt, and a reset puts currentTime
 * back to 0 with a timeupdate but no seek. So every seek counts (a viewer may seek to 0), a timeupdate
 * only when it is past 0.
 */
export function watchPlayhead(video: PlayheadSource, startSeconds: number): Playhead {
  let at = startSeconds;
  const onSeeking = () => {
    at = video.currentTime;
  };
  const onTimeUpdate = () => {
    if (video.currentTime > 0) at = video.currentTime;
  };
  video.addEventListener('seeking', onSeeking);
  video.addEventListener('timeupdate', onTimeUpdate);
  return {
    at: () => at,
    stop() {
      video.removeEventListener('seeking', onSeeking);
      video.removeEventListener('timeupdate', onTimeUpdate);
    },
  };
}

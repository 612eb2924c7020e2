// Which play method to ask for after one failed at run time: direct → remux → transcode, then none.
// Pure, so the ladder is unit-tested; the player view asks the server again with `forceMethod`.
import type { ForcedPlayMethod, PlayMethod } from '../../shared/api';
import type { PlaybackFailure } from './playback-failure';

const NEXT: Record<PlayMethod, ForcedPlayMethod | null> = {
  direct: 'remux',
  remux: 'transcode',
  transcode: null,
};

/**
 * The method to fall back to, or null when the failure is not one a different method can cure (a
 * network failure is the same whatever the method) or there is nothing left to try.
 */
export function fallbackMethod(current: PlayMethod, failure: Pick<PlaybackFailure, 'kind'>): ForcedPlayMethod | null {
  if (failure.kind !== 'decode') return null;
  return NEXT[current];
}

/** The sentence the info panel shows after a fallback worked. */
export function fallbackNote(from: PlayMethod, to: PlayMethod): string {
  const names: Record<PlayMethod, string> = { direct: 'direct play', remux: 'remux', transcode: 'transcode' };
  return `Switched from ${names[from]} to ${names[to]}: this browser could not decode the ${from === 'direct' ? 'file as it is' : 'stream'}.`;
}

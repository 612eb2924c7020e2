// Which subtitle tracks libass paints: ASS/SSA ones, from the original file the server keeps beside
// their WebVTT (same path, `.ass` for `.vtt`), both on the file's timeline like the video's own.
import type { SubtitleTrack } from '../../../shared/api';

const STYLED_CODECS = new Set(['ass', 'ssa']);

export function isStyledTrack(track: Pick<SubtitleTrack, 'codec' | 'kind'>): boolean {
  return track.kind === 'text' && STYLED_CODECS.has(track.codec.toLowerCase());
}

/** The original ASS of a styled text track, or null when the track has none to give. */
export function assUrlOf(track: Pick<SubtitleTrack, 'codec' | 'kind' | 'url' | 'burnedIn'> | undefined): string | null {
  if (!track || track.burnedIn || !track.url || !isStyledTrack(track)) return null;
  const [path, query] = splitQuery(track.url);
  if (!path.endsWith('.vtt')) return null;
  return `${path.slice(0, -'.vtt'.length)}.ass${query}`;
}

function splitQuery(url: string): [string, string] {
  const at = url.search(/[?#]/);
  return at < 0 ? [url, ''] : [url.slice(0, at), url.slice(at)];
}

/** A cheap check that a body is a script libass can read, so an HTML error page is not fed to it. */
export function looksLikeAss(text: string): boolean {
  const head = text.replace(/^\uFEFF/, '').slice(0, 4096);
  return /^\s*\[Script Info\]/i.test(head) && /\[Events\]/i.test(text);
}

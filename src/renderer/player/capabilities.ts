// The ONE place that asks the browser what it can decode and turns the answers into the
// ClientCapabilities the server decides the play method from. buildCapabilities is pure (it
// takes the browser's two probe functions), so the mapping is unit-tested with fakes;
// detectCapabilities (and canUseHlsJs, for the player) wire it to the real MediaSource and <video>.
import type { ClientCapabilities } from '../../shared/api';

type Container = ClientCapabilities['containers'][number];
type VideoCodec = ClientCapabilities['videoCodecs'][number];
type AudioCodec = ClientCapabilities['audioCodecs'][number];

export interface MediaProbe {
  /** MediaSource.isTypeSupported, or null when the browser has no Media Source Extensions. */
  isTypeSupported: ((mime: string) => boolean) | null;
  /** HTMLMediaElement.canPlayType: '', 'maybe' or 'probably'. */
  canPlayType: (mime: string) => string;
}

const CONTAINERS: ReadonlyArray<[Container, string]> = [
  ['mp4', 'video/mp4'],
  ['webm', 'video/webm'],
];

// Each codec is probed in the container the server would put it in; several MIME types mean
// "any of these".
const VIDEO_CODECS: ReadonlyArray<[VideoCodec, string[]]> = [
  ['h264', ['video/mp4; codecs="avc1.640028"']],
  ['hevc', ['video/mp4; codecs="hvc1.1.6.L93.B0"', 'video/mp4; codecs="hev1.1.6.L93.B0"']],
  ['vp8', ['video/webm; codecs="vp8"']],
  ['vp9', ['video/webm; codecs="vp09.00.10.08"', 'video/mp4; codecs="vp09.00.10.08"']],
  ['av1', ['video/mp4; codecs="av01.0.05M.08"', 'video/webm; codecs="av01.0.05M.08"']],
];

const AUDIO_CODECS: ReadonlyArray<[AudioCodec, string[]]> = [
  ['aac', ['audio/mp4; codecs="mp4a.40.2"']],
  ['mp3', ['audio/mpeg', 'audio/mp4; codecs="mp3"', 'audio/mp4; codecs="mp4a.6B"']],
  ['opus', ['audio/webm; codecs="opus"', 'audio/mp4; codecs="opus"']],
  ['vorbis', ['audio/webm; codecs="vorbis"']],
  ['flac', ['audio/mp4; codecs="flac"', 'audio/flac']],
  ['ac3', ['audio/mp4; codecs="ac-3"']],
  ['eac3', ['audio/mp4; codecs="ec-3"']],
];

/** What hls.js itself checks before it agrees to run (H.264 + AAC through MSE). */
const HLS_JS_BASELINE = 'video/mp4; codecs="avc1.42E01E,mp4a.40.2"';
const NATIVE_HLS = ['application/vnd.apple.mpegurl', 'application/x-mpegURL'];

function canPlay(probe: MediaProbe, mime: string): boolean {
  const answer = probe.canPlayType(mime);
  return answer === 'probably' || answer === 'maybe';
}

/**
 * A codec counts only if Media Source Extensions accept it when MSE exists: remuxed and
 * transcoded streams go through hls.js, and a codec the <video> element plays from a file
 * but MSE refuses would break the moment the server picks HLS. Without MSE, the element decides.
 */
function decodes(probe: MediaProbe, mimes: readonly string[]): boolean {
  return mimes.some((mime) => {
    try {
      return probe.isTypeSupported ? probe.isTypeSupported(mime) : canPlay(probe, mime);
    } catch {
      return false;
    }
  });
}

/** Whether hls.js would agree to run: MSE exists and takes its H.264 + AAC baseline. */
function runsHlsJs(probe: MediaProbe): boolean {
  return probe.isTypeSupported !== null && decodes(probe, [HLS_JS_BASELINE]);
}

export function buildCapabilities(probe: MediaProbe): ClientCapabilities {
  const containers = CONTAINERS.filter(([, mime]) => canPlay(probe, mime)).map(([name]) => name);
  const videoCodecs = VIDEO_CODECS.filter(([, mimes]) => decodes(probe, mimes)).map(([name]) => name);
  const audioCodecs = AUDIO_CODECS.filter(([, mimes]) => decodes(probe, mimes)).map(([name]) => name);
  const hlsJs = runsHlsJs(probe);
  const nativeHls = NATIVE_HLS.some((mime) => canPlay(probe, mime));
  return { containers, videoCodecs, audioCodecs, hls: hlsJs || nativeHls };
}

/** The same capabilities minus direct play: used to ask the server again after a file failed to play as is. */
export function withoutDirectPlay(capabilities: ClientCapabilities): ClientCapabilities {
  return { ...capabilities, containers: [] };
}

// The few browser globals used here, typed by hand so this module also compiles (and is
// tested) where the DOM library is absent.
interface BrowserGlobals {
  MediaSource?: { isTypeSupported(mime: string): boolean };
  ManagedMediaSource?: { isTypeSupported(mime: string): boolean };
  document?: { createElement(tag: 'video'): { canPlayType(mime: string): string } };
}

let browser: MediaProbe | null = null;

function browserProbe(): MediaProbe {
  if (browser) return browser;
  const g = globalThis as unknown as BrowserGlobals;
  const mse = g.MediaSource ?? g.ManagedMediaSource;
  const video = g.document?.createElement('video');
  browser = {
    isTypeSupported: mse ? (mime) => mse.isTypeSupported(mime) : null,
    canPlayType: (mime) => video?.canPlayType(mime) ?? '',
  };
  return browser;
}

let detected: ClientCapabilities | null = null;

/** The browser's capabilities, probed once per page load. */
export function detectCapabilities(): ClientCapabilities {
  detected ??= buildCapabilities(browserProbe());
  return detected;
}

let hlsJsUsable: boolean | null = null;

/** Whether hls.js can run here (MSE with H.264 + AAC), asked once per page load without loading hls.js. */
export function canUseHlsJs(): boolean {
  hlsJsUsable ??= runsHlsJs(browserProbe());
  return hlsJsUsable;
}

const CAP_HEIGHTS: Record<string, number | undefined> = { original: undefined, '2160p': 2160, '1080p': 1080, '720p': 720, '480p': 480 };

/**
 * The capabilities with the quality cap of the settings (or the player's menu) as `maxHeight`: a
 * transcode is scaled to it, and of several versions the server picks one that fits.
 */
export function withQualityCap(capabilities: ClientCapabilities, cap: string): ClientCapabilities {
  const maxHeight = CAP_HEIGHTS[cap];
  if (maxHeight === undefined) {
    const { maxHeight: _dropped, ...rest } = capabilities;
    return rest;
  }
  return { ...capabilities, maxHeight };
}

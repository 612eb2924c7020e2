// Puts a play session's URL into a <video>: a plain src for direct play (the server answers
// HTTP Range requests), hls.js for remuxed and transcoded HLS, or the browser's own HLS where
// it has one. Owns the hls.js instance and its error recovery; owns no playback state (that is
// the player store's job) and no controls.
import type Hls from 'hls.js';
import type { ErrorData } from 'hls.js';
import type { PlaybackSession } from '../../shared/api';
import { canUseHlsJs } from './capabilities';
import { freshRecovery, recovered, recoveryFor } from './hls-recovery';
import { PlaybackFailure, type FailureKind } from './playback-failure';
import { watchPlayhead, type Playhead } from './playhead';
// A same-origin worker file: the CSP (script-src 'self') forbids the blob: worker hls.js would
// otherwise build, and transmuxing on the main thread makes the controls stutter.
import hlsWorkerUrl from 'hls.js/dist/hls.worker.js?url';

export type PlaybackEngine = 'native' | 'hls.js' | 'native-hls';

export { PlaybackFailure, type FailureKind };

export interface AttachedSource {
  engine: PlaybackEngine;
  /** Stops loading and lets go of the element. Safe to call twice. */
  destroy(): void;
}

export interface AttachOptions {
  startSeconds: number;
  /** Called once when playback cannot go on: after the recoveries, or for an unplayable file. */
  onFailure(failure: PlaybackFailure): void;
}


const MEDIA_ERROR_MESSAGES: Record<number, string> = {
  1: 'Playback was interrupted.',
  2: 'The video stopped loading because the connection to the media server failed.',
  3: 'This video could not be decoded.',
  4: 'This video format cannot be played here.',
};

function watchElementErrors(video: HTMLVideoElement, options: AttachOptions, playhead: Playhead): () => void {
  const onError = () => {
    const error = video.error;
    if (!error) return;
    const kind: FailureKind = error.code === 3 || error.code === 4 ? 'decode' : error.code === 2 ? 'network' : 'other';
    options.onFailure(new PlaybackFailure(MEDIA_ERROR_MESSAGES[error.code] ?? 'The video could not be played.', kind, playhead.at()));
  };
  video.addEventListener('error', onError);
  return () => video.removeEventListener('error', onError);
}

function releaseElement(video: HTMLVideoElement): void {
  video.removeAttribute('src');
  // load() with no source drops the decoder and the open connection at once.
  video.load();
}

function attachDirect(video: HTMLVideoElement, url: string, options: AttachOptions, engine: PlaybackEngine): AttachedSource {
  const playhead = watchPlayhead(video, options.startSeconds);
  const stopWatching = watchElementErrors(video, options, playhead);
  let destroyed = false;
  // A media fragment starts the element at the right place without a visible jump from 0.
  video.src = options.startSeconds > 0 ? `${url}#t=${options.startSeconds.toFixed(1)}` : url;
  return {
    engine,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      stopWatching();
      playhead.stop();
      releaseElement(video);
    },
  };
}

async function attachHlsJs(video: HTMLVideoElement, url: string, options: AttachOptions): Promise<AttachedSource> {
  // Loaded on demand: the library pages never pay for hls.js.
  const { default: HlsClass, Events } = await import('hls.js');
  const hls: Hls = new HlsClass({
    enableWorker: true,
    workerPath: hlsWorkerUrl,
    startPosition: options.startSeconds > 0 ? options.startSeconds : -1,
    // A local server: keep some back-buffer for short rewinds, but not the whole film in memory.
    backBufferLength: 90,
    maxBufferLength: 60,
    lowLatencyMode: false,
    // The server is on this machine: a segment that fails is retried soon and few times, so a lasting
    // failure reaches the player's own recovery (and then the user) in seconds, not minutes.
    fragLoadPolicy: {
      default: {
        maxTimeToFirstByteMs: 30_000,
        maxLoadTimeMs: 120_000,
        timeoutRetry: { maxNumRetry: 2, retryDelayMs: 0, maxRetryDelayMs: 0 },
        errorRetry: { maxNumRetry: 3, retryDelayMs: 500, maxRetryDelayMs: 2000 },
      },
    },
  });

  // Recovery as hls.js documents it (player/hls-recovery.ts decides, this carries it out). The counts
  // start again once a fragment is buffered, so a long film survives several separate hiccups.
  const recovery = freshRecovery();
  let failed = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  const playhead = watchPlayhead(video, options.startSeconds);
  const stopWatching = watchElementErrors(video, options, playhead);

  hls.on(Events.FRAG_BUFFERED, () => recovered(recovery));

  hls.on(Events.ERROR, (_event, data: ErrorData) => {
    if (failed) return;
    const action = recoveryFor(data, recovery);
    switch (action.do) {
      case 'nothing':
        return;
      case 'start-load':
        clearTimeout(retryTimer);
        retryTimer = setTimeout(() => hls.startLoad(), action.afterMs);
        return;
      case 'recover-media':
        hls.recoverMediaError();
        return;
      case 'swap-audio-and-recover':
        hls.swapAudioCodec();
        hls.recoverMediaError();
        return;
      case 'fail':
        failed = true;
        hls.stopLoad();
        options.onFailure(new PlaybackFailure(action.message, action.kind, playhead.at()));
    }
  });

  hls.loadSource(url);
  hls.attachMedia(video);

  let destroyed = false;
  return {
    engine: 'hls.js',
    destroy() {
      if (destroyed) return;
      destroyed = true;
      clearTimeout(retryTimer);
      stopWatching();
      playhead.stop();
      hls.destroy();
      releaseElement(video);
    },
  };
}

export async function attachSession(
  video: HTMLVideoElement,
  session: Pick<PlaybackSession, 'method' | 'url'>,
  options: AttachOptions,
): Promise<AttachedSource> {
  if (session.method === 'direct') return attachDirect(video, session.url, options, 'native');
  if (canUseHlsJs()) return attachHlsJs(video, session.url, options);
  if (video.canPlayType('application/vnd.apple.mpegurl') !== '') {
    return attachDirect(video, session.url, options, 'native-hls');
  }
  throw new PlaybackFailure('This browser cannot play streams (no Media Source Extensions, no HLS).', 'other');
}

// What to do about an hls.js error, as hls.js documents it ("Fatal Error Recovery"): a fatal network
// error is retried with startLoad() a bounded number of times, backing off; a fatal media error gets
// recoverMediaError(), then swapAudioCodec() + recoverMediaError(), then gives up as a decode failure
// (which the player answers with the next play method at the same second). Pure: the counters live in a
// state object the caller keeps, so the policy is unit-tested without hls.js or a browser.
import type { FailureKind } from './playback-failure';

export const MAX_NETWORK_RETRIES = 3;
export const NETWORK_RETRY_MS = 1000;

export interface HlsErrorFacts {
  fatal: boolean;
  /** hls.js's ErrorTypes value: 'networkError', 'mediaError', 'muxError', 'keySystemError', 'otherError'… */
  type: string;
  /** hls.js's ErrorDetails value, e.g. 'bufferAddCodecError'. */
  details: string;
}

export interface RecoveryState {
  networkRetries: number;
  mediaRecoveries: number;
}

export type RecoveryAction =
  | { do: 'nothing' }
  | { do: 'start-load'; afterMs: number }
  | { do: 'recover-media' }
  | { do: 'swap-audio-and-recover' }
  | { do: 'fail'; kind: FailureKind; message: string };

/** Codecs MSE refuses outright: recovering cannot help, another method can. */
const CODEC_REFUSED = new Set(['bufferAddCodecError', 'bufferIncompatibleCodecsError']);

export function freshRecovery(): RecoveryState {
  return { networkRetries: 0, mediaRecoveries: 0 };
}

/** A fragment made it into the buffer: playback is healthy again, so a later hiccup gets the full budget. */
export function recovered(state: RecoveryState): void {
  state.networkRetries = 0;
  state.mediaRecoveries = 0;
}

/** The next step for `error`; counts the attempt in `state`. */
export function recoveryFor(error: HlsErrorFacts, state: RecoveryState): RecoveryAction {
  if (!error.fatal) return { do: 'nothing' };
  if (error.type === 'mediaError') {
    if (CODEC_REFUSED.has(error.details)) return { do: 'fail', kind: 'decode', message: 'This browser cannot decode this stream.' };
    state.mediaRecoveries++;
    if (state.mediaRecoveries === 1) return { do: 'recover-media' };
    if (state.mediaRecoveries === 2) return { do: 'swap-audio-and-recover' };
    return { do: 'fail', kind: 'decode', message: 'The stream could not be decoded.' };
  }
  if (error.type === 'networkError') {
    if (state.networkRetries < MAX_NETWORK_RETRIES) {
      state.networkRetries++;
      return { do: 'start-load', afterMs: NETWORK_RETRY_MS * state.networkRetries };
    }
    return { do: 'fail', kind: 'network', message: 'The stream stopped loading from the media server.' };
  }
  return { do: 'fail', kind: 'other', message: 'The stream could not be played.' };
}

// The server's playback error codes in words a family understands, with what they can do about it.
// Everything the player cannot play ends here, so no screen ever says only "Something went wrong".
import { ApiError } from '../api/api-error';
import { PlaybackFailure } from './playback-failure';

export interface PlayerProblem {
  title: string;
  detail: string;
  /** The server's code (or ours), for tests and for support. */
  code: string;
  /** Retrying can help (a share that wakes, a transcode slot that frees). */
  retryable: boolean;
}

const BY_CODE: Record<string, Omit<PlayerProblem, 'code' | 'detail'> & { detail?: string }> = {
  'source-offline': { title: 'The share is offline', retryable: true },
  'file-missing': {
    title: 'The file is missing',
    detail: 'This video is no longer where the library found it. It may have been moved, renamed or deleted; a rescan will tidy the library.',
    retryable: true,
  },
  'too-many-transcodes': {
    title: 'Too many videos are being converted',
    detail: 'Other screens are using every conversion slot. Stop one of them, or try again in a moment.',
    retryable: true,
  },
  unplayable: { title: 'This video cannot be played', retryable: false },
  'burn-in-unavailable': { title: 'These subtitles cannot be shown', retryable: false },
  'no-file': { title: 'Nothing to play', detail: 'This title has no video file.', retryable: false },
  'not-found': { title: 'Not found', detail: 'This video is no longer in the library.', retryable: false },
  network: {
    title: 'The media server is not answering',
    detail: 'Check that the Media Centre is still running, then try again.',
    retryable: true,
  },
};

export function describeProblem(error: unknown): PlayerProblem {
  if (error instanceof ApiError) {
    const known = BY_CODE[error.code];
    if (known) {
      // The server's own message names the share ("…/Films is not reachable"): keep it when ours is generic.
      return { code: error.code, title: known.title, detail: known.detail ?? error.message, retryable: known.retryable };
    }
    return { code: error.code, title: 'The video could not be started', detail: error.message, retryable: error.status === 0 || error.status >= 500 };
  }
  if (error instanceof PlaybackFailure) {
    return {
      code: `playback-${error.kind}`,
      title: error.kind === 'network' ? 'The video stopped loading' : 'This video cannot be played',
      detail: error.message,
      retryable: true,
    };
  }
  const detail = error instanceof Error && error.message ? error.message : 'Please try again.';
  return { code: 'unknown', title: 'The video could not be played', detail, retryable: true };
}

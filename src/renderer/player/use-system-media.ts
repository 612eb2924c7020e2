// The player as the system sees it: the machine kept awake while the picture moves (through
// `window.desktop` in the app; a browser has no such call), and the media keys and now-playing card of
// the Media Session. Owns nothing of playback: it is told what plays and calls back the player's intents.
import { onBeforeUnmount, onMounted, watch, type Ref } from 'vue';
import { SEEK_STEP_SECONDS } from './keys';
import { bindMediaSession, offerNext, showNowPlaying, showPlaybackState, type MediaSessionActions, type MediaSessionLike, type NowPlaying } from './media-session';

export interface SystemMediaState {
  /** Playing now (not paused, not ended, no error). */
  moving: Ref<boolean>;
  position: Ref<number>;
  duration: Ref<number>;
  rate: Ref<number>;
  nowPlaying: Ref<NowPlaying>;
  /** What the Next key plays; null when nothing follows. */
  next: Ref<(() => void) | null>;
}

function mediaSession(): MediaSessionLike | undefined {
  return typeof navigator !== 'undefined' && 'mediaSession' in navigator ? (navigator.mediaSession as unknown as MediaSessionLike) : undefined;
}

function metadataMaker(): ((init: { title: string; artist: string; album: string; artwork: { src: string }[] }) => unknown) | undefined {
  return typeof MediaMetadata === 'function' ? (init) => new MediaMetadata(init) : undefined;
}

export function useSystemMedia(state: SystemMediaState, actions: MediaSessionActions): void {
  const session = mediaSession();
  let unbind: () => void = () => undefined;

  watch(state.moving, (moving) => void window.desktop?.keepAwake(moving));
  watch(
    () => [state.moving.value, Math.floor(state.position.value), state.duration.value, state.rate.value] as const,
    ([moving, , duration, rate]) => showPlaybackState(session, moving, state.position.value, duration, rate),
  );
  watch(state.nowPlaying, (now) => showNowPlaying(session, now, metadataMaker()), { deep: true });
  watch(state.next, (next) => offerNext(session, next));

  onMounted(() => {
    unbind = bindMediaSession(session, actions, SEEK_STEP_SECONDS);
    showNowPlaying(session, state.nowPlaying.value, metadataMaker());
    offerNext(session, state.next.value);
  });
  onBeforeUnmount(() => {
    unbind();
    void window.desktop?.keepAwake(false);
  });
}

// Full screen and picture-in-picture for the player: through `window.desktop` in the app, the Fullscreen
// and Picture-in-Picture APIs in a browser. Owns whether each is on and gives both back when the player
// goes; owns nothing of playback.
import { computed, onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

export function useWindowModes(video: Ref<HTMLVideoElement | null>) {
  const isFullscreen = ref(false);
  const inPictureInPicture = ref(false);

  async function toggleFullscreen(): Promise<void> {
    const next = !isFullscreen.value;
    if (window.desktop) {
      await window.desktop.setFullScreen(next);
      isFullscreen.value = next;
      return;
    }
    try {
      if (next) await document.documentElement.requestFullscreen();
      else if (document.fullscreenElement) await document.exitFullscreen();
    } catch {
      // Refused (no user gesture, or an embedding forbids it): stay windowed.
    }
  }

  function onFullscreenChange(): void {
    if (!window.desktop) isFullscreen.value = document.fullscreenElement !== null;
  }

  /** null where the browser has no picture-in-picture: the button is not offered. */
  const pictureInPicture = computed(() => (typeof document !== 'undefined' && document.pictureInPictureEnabled ? inPictureInPicture.value : null));

  async function togglePictureInPicture(): Promise<void> {
    const element = video.value;
    if (!element) return;
    try {
      if (document.pictureInPictureElement) await document.exitPictureInPicture();
      else await element.requestPictureInPicture();
    } catch {
      // Refused (no picture yet, or the browser says no): the player stays as it is.
    }
  }

  /** The <video>'s enter/leave picture-in-picture events. */
  function onPictureInPicture(on: boolean): void {
    inPictureInPicture.value = on;
  }

  onMounted(() => document.addEventListener('fullscreenchange', onFullscreenChange));
  onBeforeUnmount(() => {
    document.removeEventListener('fullscreenchange', onFullscreenChange);
    if (document.pictureInPictureElement) void document.exitPictureInPicture().catch(() => undefined);
    if (isFullscreen.value) {
      if (window.desktop) void window.desktop.setFullScreen(false);
      else if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    }
  });

  return { isFullscreen, pictureInPicture, toggleFullscreen, togglePictureInPicture, onPictureInPicture };
}
